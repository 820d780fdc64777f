import { createHash, createHmac, createPrivateKey } from "node:crypto";
import { signJwt } from "@/sandbox/bynn/signing";
import type { SandboxProviderId } from "@/sandbox/provider";
import type { SandboxCredentials } from "@/scripts/sandbox-credentials";

export const SIGNATURE_HEADERS: Record<SandboxProviderId, string> = {
  didit: "x-signature",
  beltic: "x-webhook-signature",
  idenfy: "idenfy-signature",
  bynn: "x-bynn-signature",
};

const hmac = (secret: string, body: Buffer) => createHmac("sha256", secret).update(body).digest("hex");

/**
 * Signs any bytes as the provider would (for bodies the sandbox would never send), keeping the
 * delivery's other headers (iDenfy's event type, Bynn's idempotency key).
 */
export function signed(credentials: SandboxCredentials, provider: SandboxProviderId, body: Buffer, original: Record<string, string> = {}): Headers {
  const headers = new Headers(original);
  if (provider === "didit") {
    headers.set("x-signature", hmac(credentials.didit.webhookSecret, body));
    headers.set("x-timestamp", String(Math.floor(Date.now() / 1000)));
  } else if (provider === "beltic") headers.set("x-webhook-signature", hmac(credentials.beltic.webhookSecret, body));
  else if (provider === "idenfy") headers.set("idenfy-signature", hmac(credentials.idenfy.webhookSecret, body));
  else {
    const iat = Math.floor(Date.now() / 1000);
    let sub = "no-event-id";
    try {
      sub = String((JSON.parse(body.toString("utf8")) as { event_id?: string }).event_id ?? sub);
    } catch {
      // Not JSON: the token names no event then.
    }
    const sha256 = createHash("sha256").update(body).digest("hex");
    const claims = { iss: "bynn.com", sub, jti: headers.get("idempotency-key") ?? undefined, iat, exp: iat + 86_400, v: "2", sha256 };
    headers.set("x-bynn-signature", signJwt(createPrivateKey(credentials.bynn.webhookPrivateKey), claims));
  }
  return headers;
}
