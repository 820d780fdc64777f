import { describe, expect, it } from "vitest";
import type { auditEvents, decisions, sessionEvents, verificationSessions } from "@/db/schema";
import { AUDIT_ACTIONS, isAuditAction, type AuditAction } from "@/lib/audit/actions";
import type { AuditEntry } from "@/lib/audit/append";
import { KNOWN_AUDIT_ACTIONS } from "@/lib/audit/log-filters";
import type { SessionChange } from "@/lib/sessions/record-change";
import { SESSION_EVENT_TYPES, type SessionEventType } from "@/lib/sessions/event-types";

// The `@ts-expect-error` lines are the test: `npx tsc --noEmit` (tsconfig includes tests/)
// fails if a misspelt action, event type, status or decision state stops being an error.
const actor = { id: null, label: "system" };

describe("the vocabulary of session changes", () => {
  it("refuses a misspelt audit action where an audit row is written", () => {
    const entry: AuditEntry = { actor, action: "decision.confirmed" };
    // @ts-expect-error "decision.confirmd" is not an audit action
    const misspelt: AuditEntry = { actor, action: "decision.confirmd" };
    // @ts-expect-error nor is it one in the column's insert type
    const row: Pick<typeof auditEvents.$inferInsert, "action"> = { action: "session.redacted" };
    expect([entry.action, misspelt.action, row.action].map(isAuditAction)).toEqual([true, false, false]);
  });

  it("refuses a misspelt timeline type, audit action or live reason in a session change", () => {
    const change: SessionChange = {
      sessionId: "00000000-0000-4000-8000-000000000000",
      userId: null,
      timeline: { type: "comment" },
      live: "comment",
      audit: { actor, action: "session.comment" },
    };
    // @ts-expect-error "commented" is not a timeline type
    const badTimeline: SessionChange = { ...change, timeline: { type: "commented" } };
    // @ts-expect-error "session.comments" is not an audit action
    const badAudit: SessionChange = { ...change, audit: { actor, action: "session.comments" } };
    // @ts-expect-error "comments" is not a live change reason
    const badLive: SessionChange = { ...change, live: "comments" };
    const types: readonly string[] = SESSION_EVENT_TYPES;
    expect([change, badTimeline, badAudit, badLive].map((c) => types.includes(c.timeline!.type))).toEqual([true, false, true, true]);
  });

  it("types the status, decision and timeline columns", () => {
    // @ts-expect-error "aproved" is not a common status
    const session: Pick<typeof verificationSessions.$inferInsert, "status"> = { status: "aproved" };
    // @ts-expect-error "approved" is a status, not a decision action
    const decision: Pick<typeof decisions.$inferInsert, "action" | "state"> = { action: "approved", state: "confirmed" };
    // @ts-expect-error "confirm" is not a decision state
    const state: Pick<typeof decisions.$inferInsert, "state"> = { state: "confirm" };
    // @ts-expect-error "webhook" is not a timeline type
    const event: Pick<typeof sessionEvents.$inferInsert, "type"> = { type: "webhook" };
    expect([session.status, decision.action, state.state, event.type]).toHaveLength(4);
  });

  it("lists each action and event type once, and suggests only actions Verdict writes", () => {
    expect(new Set(AUDIT_ACTIONS).size).toBe(AUDIT_ACTIONS.length);
    expect(new Set<SessionEventType>(SESSION_EVENT_TYPES).size).toBe(SESSION_EVENT_TYPES.length);
    const families = new Set(AUDIT_ACTIONS.map((action: AuditAction) => `${action.split(".")[0]}.*`));
    for (const suggestion of KNOWN_AUDIT_ACTIONS) {
      expect(suggestion.endsWith(".*") ? families.has(suggestion) : isAuditAction(suggestion)).toBe(true);
    }
  });
});
