import "server-only";
import { and, eq, inArray, or } from "drizzle-orm";
import { z } from "zod";
import { decisions } from "@/db/schema";
import { AppError } from "@/lib/errors";
import { ProviderError } from "@/lib/providers/errors";
import { getProviderAdapter } from "@/lib/providers/registry";
import { recordSessionChange } from "@/lib/sessions/record-change";
import type { DecisionAction, ProviderAdapter } from "@/lib/providers/types";
import { applyDecision, confirmOpenDecision, failOpenDecision, OPEN_DECISION_STATES, STATUS_AFTER, type DecisionRow } from "./decision-outcome";
import { assertVersion, lockSession } from "./load-session";
import { callWithRetries } from "./provider-call";
import { refusalError } from "./refusals";
import { isKnownReason } from "./reasons";
import type { ServiceContext } from "./service-context";
import { assertMay, sessionAbilities } from "./session-abilities";

export const DecideInput = z.object({
  sessionId: z.uuid(),
  version: z.coerce.number().int().min(1),
  action: z.enum(["approve", "decline", "resubmit"]),
  reasonCode: z.string().min(1, { error: "Choose a reason" }),
  comment: z.string().trim().min(1, { error: "Add a comment" }).max(2000, { error: "Keep the comment under 2000 characters" }),
  // From the form, generated when it was rendered: a double submit is the same decision.
  idempotencyKey: z.string().min(8).max(100),
});
export type DecideInput = z.infer<typeof DecideInput>;

export type DecisionResult = { decisionId: string; state: "confirmed" | "recorded"; sessionId: string };

/**
 * The decision flow of docs/architecture.md: check claim, version, transition and scope; write the
 * decision `requested` with its audit row; call the provider; then settle it in one transaction
 * (confirmed, with the new status) or mark it failed, leaving the session as it was.
 */
export async function decideCase(ctx: ServiceContext, input: DecideInput): Promise<DecisionResult> {
  const { db, viewer, resolveAdapter = getProviderAdapter, now = new Date() } = ctx;
  // Before the replay below: a request without the permission learns nothing about a decision.
  assertMay(viewer, "decide");
  if (!isKnownReason(input.action, input.reasonCode)) throw new AppError("VALIDATION", "Choose a reason from the list.");
  const actor = { id: viewer.id, label: viewer.email };

  const prepared = await db.transaction(async (tx) => {
    const session = await lockSession(tx, input.sessionId);
    // One read, after the lock (which serialises deciders, so a concurrent decision has committed
    // by now): this form's own decision (a double submit, replayed as it stands) or one whose
    // outcome is still open, which blocks another.
    const related = await tx
      .select()
      .from(decisions)
      .where(or(eq(decisions.idempotencyKey, input.idempotencyKey), and(eq(decisions.sessionId, session.id), inArray(decisions.state, OPEN_DECISION_STATES))));
    const existing = related.find((row) => row.idempotencyKey === input.idempotencyKey);
    if (existing) return { existing };
    const adapter = resolveAdapter(session.provider);
    const abilities = sessionAbilities(viewer, session, adapter, now);
    if (!abilities.decide.allowed) throw await refusalError(tx, session, viewer.id, abilities.decide.refusal, now);
    assertVersion(session, input.version);
    if (related.length > 0) throw new AppError("CONFLICT", "An earlier decision on this case is still being settled with the provider. Reload in a few minutes.");
    const chosen = abilities.actions[input.action];
    if (chosen.route === "unavailable") throw await refusalError(tx, session, viewer.id, chosen.refusal, now);
    const route = { kind: chosen.route };
    const [decision] = await tx
      .insert(decisions)
      .values({
        sessionId: session.id,
        action: input.action,
        reasonCode: input.reasonCode,
        comment: input.comment,
        actorId: viewer.id,
        idempotencyKey: input.idempotencyKey,
        // Bound for the provider, the row commits as `sent`: from this commit on the provider may
        // have it, and the reconciler asks the provider before settling it (a `requested` row it
        // would fail unasked). One commit fewer before the call than `requested`, then `sent`.
        state: route.kind === "provider" ? "sent" : "requested",
      })
      .returning();
    await recordSessionChange(tx, {
      sessionId: session.id,
      userId: actor.id,
      audit: {
        actor,
        action: "decision.requested",
        details: { decisionId: decision!.id, action: input.action, reasonCode: input.reasonCode, provider: session.provider },
      },
    });
    if (route.kind === "record") await applyDecision(tx, decision!, session.provider, "recorded", actor, null);
    // Routed to the provider or recorded: the adapter is configured (an unconfigured one is unavailable).
    return { decision: decision!, adapter: adapter!, route, providerSessionId: session.providerSessionId };
  });

  if ("existing" in prepared) return replayResult(prepared.existing!);
  const { decision, adapter, route, providerSessionId } = prepared;
  if (route.kind === "record") return { decisionId: decision.id, state: "recorded", sessionId: decision.sessionId };

  const confirm = async (providerResponse: Record<string, unknown> | null): Promise<DecisionResult> => {
    // A failure here leaves the decision `sent`: the reconciler confirms it from the provider's state.
    const settledMeanwhile = await db.transaction(async (tx) => {
      if (await confirmOpenDecision(tx, decision.id, adapter.id, actor, providerResponse)) return null;
      const [row] = await tx.select().from(decisions).where(eq(decisions.id, decision.id));
      return row!;
    });
    return settledMeanwhile ? replayResult(settledMeanwhile) : { decisionId: decision.id, state: "confirmed", sessionId: decision.sessionId };
  };
  let result;
  try {
    result = await callWithRetries(() =>
      adapter.decide(providerSessionId, { action: input.action, reasonCode: input.reasonCode, comment: input.comment, idempotencyKey: input.idempotencyKey }),
    );
  } catch (error) {
    const message = error instanceof ProviderError ? error.message : `${adapter.displayName} could not be reached reliably.`;
    if (!(error instanceof ProviderError)) console.error("[decide] unexpected error", error);
    // After a timeout or a lost connection the provider may have applied it: ask before saying it did not.
    const outcome = mayHaveApplied(error) ? await providerShows(adapter, providerSessionId, input.action) : "not_applied";
    if (outcome === "applied") return confirm({ confirmedBy: "provider_state", afterError: message });
    if (outcome === "unknown") {
      throw new AppError(
        "PROVIDER",
        `${message} Verdict cannot tell yet whether ${adapter.displayName} applied the decision; it will check ${adapter.displayName} again and settle the case.`,
      );
    }
    await db.transaction((tx) => failOpenDecision(tx, decision, actor, message));
    throw new AppError("PROVIDER", `${message} The case is unchanged; you can try again.`);
  }
  return confirm(result.providerResponse);
}

/** Answers that prove the provider did not take the request; anything else may have been applied. */
const NOT_APPLIED_KINDS = new Set(["rate_limited", "auth", "not_found", "rejected", "unsupported"]);

function mayHaveApplied(error: unknown): boolean {
  if (!(error instanceof ProviderError)) return true;
  if (NOT_APPLIED_KINDS.has(error.kind)) return false;
  // A 5xx answer means the provider did not complete it; a timeout, a dropped connection or an
  // unreadable success answer leaves it open.
  return !(error.kind === "unavailable" && error.options.status !== undefined);
}

async function providerShows(adapter: ProviderAdapter, providerSessionId: string, action: DecisionAction): Promise<"applied" | "not_applied" | "unknown"> {
  try {
    const session = await adapter.getSession(providerSessionId);
    return session.status === STATUS_AFTER[action] ? "applied" : "not_applied";
  } catch {
    return "unknown";
  }
}

function replayResult(existing: DecisionRow): DecisionResult {
  if (existing.state === "confirmed" || existing.state === "recorded") {
    return { decisionId: existing.id, state: existing.state, sessionId: existing.sessionId };
  }
  if (existing.state === "failed") throw new AppError("PROVIDER", existing.error ?? "This decision failed. Reload and try again.");
  throw new AppError("CONFLICT", "This decision is still being sent to the provider.");
}
