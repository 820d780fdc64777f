/**
 * A reviewer's decision as the server action makes it (decideCase: checks and audit row,
 * the provider's decision API, the settling transaction), next to the provider call alone
 * (the Didit adapter's decide straight at the sandbox). The sandbox runs in this process.
 * Verdict's own time is each decideCase minus the time spent inside the adapter's calls in it.
 */
import { randomUUID } from "node:crypto";
import type { AddressInfo } from "node:net";
import { performance } from "node:perf_hooks";
import { and, eq, inArray } from "drizzle-orm";
import type { DatabaseHandle } from "@/db/client";
import { verificationSessions } from "@/db/schema";
import { loadViewer } from "@/lib/auth/load-viewer";
import { createDiditAdapter } from "@/lib/providers/didit";
import type { ProviderAdapter } from "@/lib/providers/types";
import { claimCase } from "@/lib/review/claims";
import { decideCase } from "@/lib/review/decide";
import { syncProvider } from "@/lib/sync/sync-provider";
import { createUser } from "@/lib/users/create-user";
import { createSandbox } from "@/sandbox/app";
import { percentiles, timed, type Percentiles } from "./stats";

/** decide: decideCase end to end; sandbox: the provider call alone; overhead: decideCase minus its provider calls. */
export type DecisionResult = { decide: Percentiles; sandbox: Percentiles; overhead: Percentiles };

const WARMUPS = 3;
const credentials = { apiKey: "bench-didit-api-key", webhookSecret: "bench-didit-webhook-secret" };

/** The adapter with a stopwatch on every call that goes to the provider (an async method). */
function stopwatched(adapter: ProviderAdapter, spent: { ms: number }): ProviderAdapter {
  return new Proxy(adapter, {
    get(target, key, receiver) {
      const value: unknown = Reflect.get(target, key, receiver);
      if (typeof value !== "function" || key === "capabilities") return value;
      return (...args: unknown[]) => {
        const t0 = performance.now();
        const result: unknown = value.apply(target, args);
        if (!(result instanceof Promise)) {
          spent.ms += performance.now() - t0;
          return result;
        }
        return result.finally(() => (spent.ms += performance.now() - t0));
      };
    },
  });
}

export async function benchDecisions(handle: DatabaseHandle, count: number): Promise<DecisionResult> {
  const pairs = count + WARMUPS;
  const sandbox = createSandbox({ sessionCount: 2 * pairs, didit: credentials });
  await new Promise<void>((resolve) => sandbox.server.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(sandbox.server.address() as AddressInfo).port}`;
  try {
    const ids = sandbox.didit!.sessionIds();
    // Every session is waiting for a reviewer, as In Review at Didit.
    for (const id of ids) sandbox.didit!.setStatus(id, "In Review");
    const adapter = createDiditAdapter({ ...credentials, baseUrl: `${url}/didit`, timeoutMs: 10_000, retries: 0 });
    await syncProvider(handle.db, adapter, "manual");
    const user = await createUser(
      { db: handle.db, actor: { id: null, label: "bench" } },
      { email: `decider.${randomUUID().slice(0, 8)}@bench.test`, name: "Bench Reviewer", role: "reviewer", password: randomUUID() },
    );
    const viewer = (await loadViewer(handle.db, user.id, 1))!;
    const cases = await handle.db
      .select({ id: verificationSessions.id, providerSessionId: verificationSessions.providerSessionId })
      .from(verificationSessions)
      .where(
        and(eq(verificationSessions.provider, "didit"), eq(verificationSessions.status, "marked_for_review"), inArray(verificationSessions.providerSessionId, ids)),
      );
    if (cases.length < 2 * pairs) throw new Error(`only ${cases.length} of ${2 * pairs} sandbox sessions arrived in review`);

    const viaApp: number[] = [];
    const direct: number[] = [];
    const own: number[] = [];
    const spent = { ms: 0 };
    const timedAdapter = stopwatched(adapter, spent);
    for (let i = 0; i < pairs; i++) {
      const ours = cases[2 * i]!;
      const theirs = cases[2 * i + 1]!;
      await claimCase({ db: handle.db, viewer }, { sessionId: ours.id });
      const [{ version }] = (await handle.db
        .select({ version: verificationSessions.version })
        .from(verificationSessions)
        .where(eq(verificationSessions.id, ours.id))) as [{ version: number }];
      const input = {
        sessionId: ours.id,
        version,
        action: "approve" as const,
        reasonCode: "DATA_VERIFIED",
        comment: "Benchmark decision",
        idempotencyKey: randomUUID(),
      };
      spent.ms = 0;
      const app = await timed(async () => {
        const result = await decideCase({ db: handle.db, viewer, resolveAdapter: (provider) => (provider === "didit" ? timedAdapter : undefined) }, input);
        if (result.state !== "confirmed") throw new Error(`decision ${result.state}`);
      });
      const alone = await timed(() =>
        adapter.decide(theirs.providerSessionId, { action: "approve", reasonCode: "DATA_VERIFIED", comment: "Benchmark decision", idempotencyKey: randomUUID() }),
      );
      if (i >= WARMUPS) {
        viaApp.push(app);
        direct.push(alone);
        own.push(app - spent.ms);
      }
    }
    return { decide: percentiles(viaApp), sandbox: percentiles(direct), overhead: percentiles(own) };
  } finally {
    sandbox.server.closeAllConnections();
    await new Promise((resolve) => sandbox.server.close(resolve));
  }
}
