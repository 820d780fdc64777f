/**
 * What the case page offers, read off the session's abilities and nothing else: each control
 * is shown only where the action behind it is allowed (tests/unit/session-abilities.test.ts).
 */
import type { CaseDTO } from "./case-types";
import type { SessionAbilities } from "./session-abilities";

export function caseOffers(abilities: SessionAbilities): CaseDTO["can"] {
  const { actions, claimHeld } = abilities;
  return {
    decide: abilities.decide.allowed,
    nextCase: abilities.nextCase.allowed,
    // The button claims a case nobody holds; the viewer's own claim is renewed, not claimed again.
    claim: abilities.claim.allowed && claimHeld === null,
    renewClaim: abilities.claim.allowed && claimHeld === "mine",
    release: abilities.release.allowed && claimHeld === "mine",
    takeOver: abilities.assign.allowed && claimHeld === "other",
    assign: abilities.assign.allowed,
    comment: abilities.comment.allowed,
    expire: abilities.expire.allowed,
    redact: abilities.redact.allowed,
    actions: { approve: actions.approve.route, decline: actions.decline.route, resubmit: actions.resubmit.route },
    expireAtProvider: abilities.expire.atProvider,
    redactAtProvider: abilities.redact.atProvider,
  };
}
