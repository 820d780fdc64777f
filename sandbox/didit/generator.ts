import { startOfUtcDay } from "../generate/dates";
import type { Script } from "../generate/names";
import { generatePerson } from "../generate/people";
import { createPrng, uuidFrom } from "../generate/prng";
import type { Prng } from "../generate/prng";
import { buildDecision } from "./decision";
import { planScenarios } from "./scenarios";
import type { Scenario } from "./scenarios";
import type { DiditSessionRecord } from "./types";

export type GenerateOptions = { seed: number; count: number; now: Date };

const SCRIPTS: readonly Script[] = ["latin", "cyrillic", "han", "arabic"];
const DAY_MS = 86_400_000;
export const FIRST_SESSION_NUMBER = 1001;

export function generateDiditSessions({ seed, count, now }: GenerateOptions): { workflowId: string; sessions: DiditSessionRecord[] } {
  const prng = createPrng(seed);
  const today = startOfUtcDay(now);
  const workflowId = uuidFrom(prng);
  const drafts = planScenarios(prng, count)
    .map((scenario, index) => ({
      scenario,
      person: generatePerson(prng, scriptFor(scenario, index), index, today),
      created: createdAt(prng, scenario, now),
      sessionId: uuidFrom(prng),
      token: prng.letters(12),
      vendorData: vendorDataFor(index),
    }))
    .sort((a, b) => a.created.getTime() - b.created.getTime());

  const sessions = drafts.map((draft, position): DiditSessionRecord => {
    const sessionNumber = FIRST_SESSION_NUMBER + position;
    const decision = buildDecision({ ...draft, prng, today, now, sessionNumber, workflowId });
    return {
      sessionId: draft.sessionId,
      sessionNumber,
      vendorData: draft.vendorData,
      scenario: draft.scenario.label,
      decision,
      stage: draft.scenario.stage,
      issues: draft.scenario.issues,
      person: draft.person,
      created: draft.created,
      lastResubmitAt: null,
    };
  });
  return { workflowId, sessions };
}

/** Scripts rotate so each appears; a transliteration needs a non-Latin original. */
export function scriptFor(scenario: Scenario, index: number): Script {
  const script = SCRIPTS[index % SCRIPTS.length] ?? "latin";
  if (script === "latin" && scenario.issues.includes("transliterated_name")) return "cyrillic";
  return script;
}

/** Unfinished sessions are recent; expired ones older than the session lifetime; Kyc Expired ones years old. */
function createdAt(prng: Prng, scenario: Scenario, now: Date): Date {
  const [minDays, maxDays] = scenario.status === "Kyc Expired" ? [400, 1000] : scenario.status === "Expired" || scenario.status === "Abandoned" ? [31, 90] : [0, 29];
  const back = prng.int(minDays, maxDays) * DAY_MS + prng.int(60, 86_000) * 1000 + prng.int(0, 999);
  return new Date(now.getTime() - back);
}

/** The integrator's own reference; sometimes absent, sometimes not ASCII. */
export function vendorDataFor(index: number): string | null {
  if (index % 9 === 4) return null;
  if (index % 11 === 7) return `клиент-${index}`;
  return `user-${10_000 + index * 7}`;
}
