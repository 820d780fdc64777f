import { createHash, createHmac, generateKeyPairSync, sign } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { sessionChecks, sessionDocuments, verificationSessions, webhookReceipts } from "@/db/schema";
import { createBynnAdapter } from "@/lib/providers/bynn";
import { createDiditAdapter } from "@/lib/providers/didit";
import { createIdenfyAdapter } from "@/lib/providers/idenfy";
import type { NormalizedSession, ProviderAdapter } from "@/lib/providers/types";
import { upsertSession } from "@/lib/sync/upsert-session";
import { createTestDatabase } from "../helpers/db";
import { ingestAndApply } from "../helpers/webhooks";

/*
 * The providers' published webhook examples (tests/providers/fixtures, README names the sources)
 * through the real intake: verify, parse, store, on PGlite. What the session row, its documents
 * and its checks hold afterwards is the proof.
 */

const fixture = (name: string) => readFileSync(path.join(import.meta.dirname, "../providers/fixtures", name));
const fixtureJson = (name: string) => JSON.parse(fixture(name).toString("utf8")) as Record<string, unknown>;

let handle: DatabaseHandle;
beforeAll(async () => {
  handle = await createTestDatabase();
});
afterAll(async () => {
  await handle.close();
});

const rowOf = async (provider: string, providerSessionId: string) => {
  const where = and(eq(verificationSessions.provider, provider), eq(verificationSessions.providerSessionId, providerSessionId));
  const [row] = await handle.db.select().from(verificationSessions).where(where);
  if (!row) throw new Error(`no ${provider} session ${providerSessionId}`);
  return row;
};
const documentsOf = (sessionId: string) => handle.db.select().from(sessionDocuments).where(eq(sessionDocuments.sessionId, sessionId));
const checksOf = async (sessionId: string) =>
  Object.fromEntries((await handle.db.select().from(sessionChecks).where(eq(sessionChecks.sessionId, sessionId))).map((c) => [c.kind, c]));

describe("Didit v1 (published examples)", () => {
  const SECRET = "didit-published-secret";
  const adapter: ProviderAdapter = createDiditAdapter({ apiKey: "unused", baseUrl: "http://127.0.0.1:9/didit", webhookSecret: SECRET, retries: 0 });
  const SESSION = "11111111-2222-3333-4444-555555555555";

  /** Signed as Didit documents: hex HMAC-SHA256 of the raw body, X-Timestamp in Unix seconds. */
  const deliver = (body: Buffer, at: Date) => {
    const headers = new Headers({
      "x-signature": createHmac("sha256", SECRET).update(body).digest("hex"),
      "x-timestamp": String(Math.floor(at.getTime() / 1000)),
    });
    return ingestAndApply(handle.db, adapter, body, headers, at);
  };
  const eventAt = (seconds: number) => new Date(seconds * 1000);

  it("stores the decision example: status, document, checks with codes, and the person", async () => {
    const body = fixture("didit/v1-webhook-declined-with-decision.json");
    const result = await deliver(body, eventAt(1627680000));
    expect(result).toMatchObject({ httpStatus: 200, outcome: "applied" });
    const row = await rowOf("didit", SESSION);
    expect(row).toMatchObject({ status: "declined", rawStatus: "Declined", applicantName: "Sergey Kozlov" });
    expect(row.applicant).toMatchObject({ reference: "11111111-1111-1111-1111-111111111111" });
    const documents = await documentsOf(row.id);
    expect(documents).toHaveLength(1);
    expect(documents[0]).toMatchObject({
      kind: "idv",
      documentType: "Passport",
      fields: expect.objectContaining({ firstName: "Sergey", lastName: "Kozlov", documentNumber: "BK123456", dateOfBirth: "1990-01-01" }),
    });
    const checks = await checksOf(row.id);
    expect(Object.keys(checks).sort()).toEqual(["aml", "document", "face_match", "ip_analysis", "liveness"]);
    expect(checks.aml).toMatchObject({ result: "review", score: 70.35, codes: ["POSSIBLE_MATCH_FOUND"] });
    expect(checks.face_match).toMatchObject({ result: "passed", score: 97.99 });
  });

  it("dedupes a v1 event without event_id when Didit delivers it again, re-signed later", async () => {
    const body = fixture("didit/v1-webhook-declined-with-decision.json");
    expect(await deliver(body, eventAt(1627680000 + 90))).toMatchObject({ httpStatus: 200, outcome: "duplicate" });
    const receipts = await handle.db.select().from(webhookReceipts).where(eq(webhookReceipts.providerSessionId, SESSION));
    expect(receipts).toHaveLength(1);
  });

  it("does not let the same-second status-only example (lower precedence) move the decision back", async () => {
    const result = await deliver(fixture("didit/v1-webhook-kyc-expired.json"), eventAt(1627680000));
    expect(result).toMatchObject({ httpStatus: 200, outcome: "stale" });
    expect(await rowOf("didit", SESSION)).toMatchObject({ status: "declined", rawStatus: "Declined" });
  });

  describe("ordering at Didit's one-second clock after a sync that stored milliseconds", () => {
    const ID = "22222222-3333-4444-5555-666666666666";
    const NOON = Date.UTC(2026, 5, 15, 12, 0, 0);
    const statusBody = (status: string) => Buffer.from(JSON.stringify({ session_id: ID, status, created_at: NOON / 1000, timestamp: NOON / 1000 }), "utf8");

    beforeAll(async () => {
      // A sync read the session In Review at 12:00:00.700 (the decision's own times carry milliseconds).
      const synced: NormalizedSession = {
        provider: "didit",
        providerSessionId: ID,
        status: "marked_for_review",
        rawStatus: "In Review",
        applicant: {},
        documents: [],
        checks: [],
        events: [],
        riskSummary: {},
        providerCreatedAt: new Date(NOON - 60_000),
        providerUpdatedAt: new Date(NOON + 700),
        detailed: false,
      };
      await handle.db.transaction((tx) => upsertSession(tx, synced, { observedAt: new Date(NOON + 700) }));
    });

    it("applies a webhook stamped 12:00:00 whose status is further along", async () => {
      expect(await deliver(statusBody("Approved"), new Date(NOON + 1_000))).toMatchObject({ httpStatus: 200, outcome: "applied" });
      expect(await rowOf("didit", ID)).toMatchObject({ status: "approved", rawStatus: "Approved" });
    });

    it("keeps the status when a same-second webhook has an earlier status", async () => {
      expect(await deliver(statusBody("In Progress"), new Date(NOON + 1_200))).toMatchObject({ httpStatus: 200, outcome: "stale" });
      expect(await rowOf("didit", ID)).toMatchObject({ status: "approved", rawStatus: "Approved" });
    });
  });
});

describe("Bynn decision.approved (published example)", () => {
  const keys = generateKeyPairSync("rsa", { modulusLength: 2048 });
  const adapter = createBynnAdapter({
    apiKey: "private_sandbox_published",
    baseUrl: "http://127.0.0.1:9/bynn",
    webhookPublicKey: keys.publicKey.export({ type: "spki", format: "pem" }).toString(),
  });
  const NOW = new Date("2025-06-12T14:00:00Z");
  const b64url = (value: unknown) => Buffer.from(JSON.stringify(value), "utf8").toString("base64url");

  it("keeps the document, the decision check and the entity as the applicant", async () => {
    const body = fixture("bynn/decision-approved.json");
    const iat = Math.floor(NOW.getTime() / 1000);
    const claims = {
      iss: "bynn.com",
      sub: "3825badc-349c-40c6-b369-ce2b9b186a60",
      jti: "whk_pub",
      iat,
      exp: iat + 86_400,
      v: "2",
      sha256: createHash("sha256").update(body).digest("hex"),
    };
    const input = `${b64url({ alg: "RS256", typ: "JWT" })}.${b64url(claims)}`;
    const jwt = `${input}.${sign("RSA-SHA256", Buffer.from(input), keys.privateKey).toString("base64url")}`;
    const headers = new Headers({ "x-bynn-signature": jwt, "idempotency-key": "whk_pub" });
    expect(await ingestAndApply(handle.db, adapter, body, headers, NOW)).toMatchObject({ httpStatus: 200, outcome: "applied" });

    const row = await rowOf("bynn", "dossier_7my2UZBDBUqLaAwJbeyxTcUc");
    expect(row).toMatchObject({ status: "approved", rawStatus: "decision.approved", applicantName: "AMRANI MYRIAM" });
    expect(row.applicant).toMatchObject({ lastName: "AMRANI", dateOfBirth: "1999-04-07", nationality: "FR" });
    const [document] = await documentsOf(row.id);
    expect(document).toMatchObject({
      providerDocumentId: "id_doc_hU5G6v9L7FHwU84hcPLp1H6x",
      documentType: "passport",
      fields: expect.objectContaining({ lastName: "KESO", documentNumber: "19KL54522", dateOfBirth: "1999-04-07" }),
    });
    expect((await checksOf(row.id)).decision).toMatchObject({ result: "passed", codes: ["document.security_checks"] });
  });
});

describe("iDenfy legacy callback (published example) after a final:false callback", () => {
  const SECRET = "idenfy-published-secret";
  const adapter = createIdenfyAdapter({ apiKey: "k", apiSecret: SECRET, baseUrl: "http://127.0.0.1:9/idenfy", webhookSecret: SECRET });
  const deliver = (body: Buffer, eventType?: string) => {
    const headers = new Headers({ "idenfy-signature": createHmac("sha256", SECRET).update(body).digest("hex") });
    if (eventType) headers.set("idenfy-event-type", eventType);
    return ingestAndApply(handle.db, adapter, body, headers);
  };

  it("records the automatic final:false callback without settling, then the legacy one settles", async () => {
    const automatic = { ...fixtureJson("idenfy/legacy-callback-approved.json"), final: false };
    const first = await deliver(Buffer.from(JSON.stringify(automatic), "utf8"), "IDENTIFICATION_AUTO_FINISHED");
    expect(first).toMatchObject({ httpStatus: 200, outcome: "recorded" });
    expect(await rowOf("idenfy", "scan-ref")).toMatchObject({ status: "pending", rawStatus: "APPROVED" });

    expect(await deliver(fixture("idenfy/legacy-callback-approved.json"))).toMatchObject({ httpStatus: 200, outcome: "applied" });
    const row = await rowOf("idenfy", "scan-ref");
    expect(row).toMatchObject({ status: "approved", rawStatus: "APPROVED", applicantName: "FIRST-NAME-EXAMPLE LAST-NAME-EXAMPLE" });
    const checks = await checksOf(row.id);
    expect(checks.document).toMatchObject({ result: "passed", codes: ["DOC_VALIDATED"] });
    expect(checks.aml).toMatchObject({ result: "passed" });
    expect(await documentsOf(row.id)).toHaveLength(1);
  });
});
