import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { BELTIC_CODES } from "@/lib/providers/beltic/codes";
import { createBelticAdapter } from "@/lib/providers/beltic";
import { BYNN_CODES } from "@/lib/providers/bynn/codes";
import { createBynnAdapter } from "@/lib/providers/bynn";
import type { CodeCatalogue } from "@/lib/providers/catalogue";
import { DIDIT_CODES } from "@/lib/providers/didit/codes";
import { createDiditWebhookHandler } from "@/lib/providers/didit";
import { IDENFY_CODES } from "@/lib/providers/idenfy/codes";
import { createIdenfyAdapter } from "@/lib/providers/idenfy";
import type { NormalizedCheck, WebhookHandler } from "@/lib/providers/types";
import { checkLabel, explainCode, UNKNOWN_CODE } from "@/lib/review/code-explanations";
import { createBelticProvider } from "@/sandbox/beltic";
import { createBynnProvider } from "@/sandbox/bynn";
import { createDiditProvider } from "@/sandbox/didit";
import { createIdenfyProvider } from "@/sandbox/idenfy";
import { sessionEvent } from "@/sandbox/beltic/webhooks";
import { statusWebhook } from "@/sandbox/didit/webhooks";
import { identificationWebhook } from "@/sandbox/idenfy/webhooks";
import type { SandboxProvider, WebhookDelivery } from "@/sandbox/provider";

/*
 * Each provider's catalogue must know every code the sandbox emits: the sandbox's generators are
 * driven through every status of every session, each webhook goes through the real parser, and
 * every code and check that lands is looked up. A code the sandbox adds without a catalogue
 * entry fails here (and would read "Provider code without a known description" in a case).
 */

const NOW = new Date("2026-06-15T12:00:00Z");

type Seen = { codes: Set<string>; checks: Set<string> };

/** The generated sessions as webhooks (their state before any move), then every move of every session. */
function drive(provider: SandboxProvider, handler: WebhookHandler, sessions: number, generated: WebhookDelivery[]): Seen {
  const seen: Seen = { codes: new Set(), checks: new Set() };
  const take = (checks: NormalizedCheck[]) => {
    for (const check of checks) {
      for (const code of check.codes) seen.codes.add(code);
      const name = typeof check.details.name === "string" ? check.details.name : check.kind;
      seen.checks.add(name);
    }
  };
  for (const delivery of generated) take(handler.parse(delivery.body, new Headers(delivery.headers)).session.checks);
  for (const sessionId of provider.sessionIds().slice(0, sessions)) {
    for (const status of provider.statuses) {
      for (const delivery of provider.setStatus(sessionId, status) ?? []) {
        take(handler.parse(delivery.body, new Headers(delivery.headers)).session.checks);
      }
    }
  }
  return seen;
}

function expectCatalogued(seen: Seen, catalogue: CodeCatalogue, minimumCodes: number) {
  if (process.env.SHOW_CODES) console.log([...seen.codes].sort().join(" "), "|", [...seen.checks].sort().join(" "));
  const missingCodes = [...seen.codes].filter((code) => !Object.hasOwn(catalogue.codes, code));
  const missingChecks = [...seen.checks].filter((name) => !Object.hasOwn(catalogue.checks, name));
  expect({ missingCodes, missingChecks }).toEqual({ missingCodes: [], missingChecks: [] });
  // Not vacuous: the drive really produced a vocabulary.
  expect(seen.codes.size).toBeGreaterThanOrEqual(minimumCodes);
}

describe("every code the sandbox emits is in its provider's catalogue", () => {
  it("Didit", () => {
    const secret = "catalogue-secret";
    const provider = createDiditProvider({ apiKey: "k", webhookSecret: secret, seed: 7, count: 100, now: NOW });
    const generated = provider.state.sessions.map((record) => statusWebhook(provider.state, record, null));
    expectCatalogued(drive(provider, createDiditWebhookHandler(secret), 100, generated), DIDIT_CODES, 9);
  });

  it("Beltic", () => {
    const provider = createBelticProvider({ apiKey: "k", webhookSecret: "s", seed: 7, sessionCount: 60, now: NOW });
    const adapter = createBelticAdapter({ apiKey: "k", baseUrl: "http://127.0.0.1:9/beltic", webhookSecret: "s" });
    const generated = provider.state.sessions.map((record) => sessionEvent(provider.state, record, `session.${record.status}`, NOW));
    expectCatalogued(drive(provider, adapter.webhook as WebhookHandler, 60, generated), BELTIC_CODES, 10);
  });

  it("iDenfy", () => {
    const provider = createIdenfyProvider({ apiKey: "k", apiSecret: "s", seed: 7, sessionCount: 60, now: NOW });
    const adapter = createIdenfyAdapter({ apiKey: "k", apiSecret: "s", baseUrl: "http://127.0.0.1:9/idenfy", webhookSecret: "s" });
    const generated = provider.state.records.map((record) => identificationWebhook(provider.state, record, "IDENTIFICATION_AUTO_FINISHED", "generated"));
    expectCatalogued(drive(provider, adapter.webhook as WebhookHandler, 60, generated), IDENFY_CODES, 15);
  });

  it("Bynn", () => {
    const provider = createBynnProvider({ apiKey: "private_sandbox_k", seed: 7, sessionCount: 30, now: NOW, clock: () => NOW });
    const adapter = createBynnAdapter({ apiKey: "private_sandbox_k", webhookPublicKey: provider.publicKeyPem });
    expectCatalogued(drive(provider, adapter.webhook as WebhookHandler, 30, provider.replay?.() ?? []), BYNN_CODES, 6);
  });
});

/** Quoted literals the regex's first group finds in a sandbox source file. */
function literals(file: string, pattern: RegExp): string[] {
  const text = readFileSync(path.join(import.meta.dirname, "../../sandbox", file), "utf8");
  return [...text.matchAll(pattern)].flatMap((match) => [...(match[1] ?? "").matchAll(/"([^"]+)"/g)].map((m) => m[1] ?? ""));
}

/*
 * The same rule read off the sandbox's sources, so a code a rare scenario emits (one the drive
 * above may not reach with its seed) is caught as well.
 */
describe("every code written in the sandbox's sources is in its provider's catalogue", () => {
  const missing = (codes: string[], catalogue: CodeCatalogue) => [...new Set(codes)].filter((code) => !Object.hasOwn(catalogue.codes, code));

  it("Didit warnings", () => {
    const codes = [...readFileSync(path.join(import.meta.dirname, "../../sandbox/didit/warnings.ts"), "utf8").matchAll(/^ {2}([A-Z][A-Z_]+): \{/gm)].map(
      (m) => m[1] ?? "",
    );
    expect(codes.length).toBeGreaterThanOrEqual(10);
    expect(missing(codes, DIDIT_CODES)).toEqual([]);
  });

  it("Beltic reasons and check names", () => {
    const reasons = literals("beltic/checks.ts", /reasons: (\[[^\]]*\])/g);
    const names = literals("beltic/checks.ts", /(name: "[a-z_]+")/g);
    expect(reasons.length).toBeGreaterThanOrEqual(10);
    expect(missing([...reasons, ...names], BELTIC_CODES)).toEqual([]);
    expect(names.filter((name) => !Object.hasOwn(BELTIC_CODES.checks, name))).toEqual([]);
  });

  it("Bynn risk tags", () => {
    const tags = [...literals("bynn/views.ts", /(: "[a-z_]+\.[a-z_]+",)/g), ...literals("bynn/render.ts", /risk_tags: [^\n]*?(\["[^\]]*\])/g)];
    expect(tags.length).toBeGreaterThanOrEqual(9);
    expect(missing(tags, BYNN_CODES)).toEqual([]);
  });

  it("iDenfy tags, verdicts, risk levels and AML hit kinds", () => {
    const statuses = new Set(["APPROVED", "DENIED", "SUSPECTED"]);
    const verdicts = literals("idenfy/verdicts.ts", /("[A-Z][A-Z_]{2,}")/g).filter((code) => !statuses.has(code));
    const levels = literals("idenfy/document.ts", /(RISK_LEVELS[^\n]*|"VERY_HIGH")/g).filter((code) => /^[A-Z_]+$/.test(code));
    const hits = literals("idenfy/document.ts", /suspicion: prng\.pick\((\[[^\]]*\])/g);
    expect(verdicts.length).toBeGreaterThanOrEqual(12);
    expect(missing([...verdicts, ...levels, ...hits], IDENFY_CODES)).toEqual([]);
  });
});

describe("codes read in words, checks keep their names", () => {
  it.each([
    ["beltic", "birth_date_mismatch"],
    ["bynn", "document.mrz_mismatch"],
    ["didit", "POSSIBLE_MATCH_FOUND"],
    ["idenfy", "DOC_MOBILE_PHOTO"],
  ])("%s %s has a description", (provider, code) => {
    expect(explainCode(code, provider)).not.toBe(UNKNOWN_CODE);
    expect(explainCode(code)).not.toBe(UNKNOWN_CODE);
  });

  it("keeps an unknown code visible as unknown, and does not borrow another provider's words", () => {
    expect(explainCode("SOMETHING_NEW", "didit")).toBe(UNKNOWN_CODE);
    expect(explainCode("birth_date_mismatch", "didit")).toBe(UNKNOWN_CODE);
  });

  it("labels a check from its own name, not its category", () => {
    expect(checkLabel("beltic", { kind: "document", details: { name: "id_image_quality" } })).toBe("ID image quality");
    expect(checkLabel("beltic", { kind: "document", details: { name: "id_mrz_consistency" } })).toBe("ID MRZ consistency");
    expect(checkLabel("didit", { kind: "face_match", details: {} })).toBe("Face match");
    expect(checkLabel("beltic", { kind: "document", details: { name: "id_new_check" } })).toBe("Id new check");
  });
});
