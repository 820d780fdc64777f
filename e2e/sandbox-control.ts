import { expect } from "@playwright/test";
import { E2E_SANDBOX_URL } from "./users";

/** The sandbox's control API (sandbox/control.ts): make a provider do what it would do on its own. */
async function control(path: string, body?: object) {
  const response = await fetch(`${E2E_SANDBOX_URL}/_control${path}`, {
    method: body ? "POST" : "GET",
    headers: { "content-type": "application/json" },
    body: body ? JSON.stringify(body) : undefined,
  });
  expect(response.ok, `${path}: HTTP ${response.status}`).toBe(true);
  return (await response.json()) as Record<string, unknown>;
}

/** Creates a session at the provider; its webhooks have been answered by Verdict when this returns. */
export async function createProviderSession(provider: string): Promise<string> {
  const { sessionId } = await control(`/${provider}/sessions`, { wait: true });
  return String(sessionId);
}

export function moveProviderSession(provider: string, sessionId: string, status: string) {
  return control(`/${provider}/sessions/${encodeURIComponent(sessionId)}/status`, { status, wait: true });
}

export function armFault(provider: string, mode: "timeout" | "error_500" | "rate_limit" | "bad_signature", count = 1) {
  return control("/faults", { provider, mode, count });
}

export async function lastDelivery(provider: string) {
  const log = (await (await fetch(`${E2E_SANDBOX_URL}/_control/deliveries`)).json()) as Array<{ provider: string; status: number | null; badSignature: boolean }>;
  return log.find((entry) => entry.provider === provider);
}
