import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { sessionChecks, sessionDocuments, sessionEvents, verificationSessions } from "@/db/schema";
import type { Viewer } from "@/lib/auth/load-viewer";
import { getCase } from "@/lib/review/get-case";
import { createTestDatabase } from "../helpers/db";
import { createViewer } from "../helpers/review";

/**
 * A viewer without sessions:read_pii must not find any of the applicant's data anywhere in the
 * case DTO: not in values, and not in notes, warnings, readings, timeline or checks either.
 * The test walks every string of the DTO rather than the fields we remember to mask.
 */

const APPLICANT = {
  firstName: "Fatima",
  lastName: "Al-Otaibi",
  fullName: "Fatima Al-Otaibi",
  // Ambiguous (5 June or 6 May): the comparison explains how it read it.
  dateOfBirth: "05/06/1990",
  nationality: "Saudi Arabia",
  documentNumber: "XK4471902",
  personalNumber: "1098765432",
  address: "King Fahd Road 12, Riyadh 12211",
  email: "fatima.otaibi@example.org",
  phone: "+966501234567",
  reference: "crm-fatima-7781",
};

const LATIN_DOCUMENT = {
  firstName: "FATIMA",
  lastName: "AL-OTAIBI",
  dateOfBirth: "1990-05-06",
  documentNumber: "XK4471902",
  personalNumber: "1098765432",
  nationality: "Saudi Arabia",
  address: "King Fahd Road 12, Riyadh 12211",
  issueDate: "1991-02-03",
  // Expired long ago: the document card warns about it.
  expiryDate: "2001-02-03",
  placeOfBirth: "Jeddah Al-Balad",
  issuingAuthority: "Civil Affairs Makkah",
};

const ORIGINAL_SCRIPT = { firstName: "فاطمة", lastName: "العتيبي", placeOfBirth: "جدة" };

const COMMENT = "Called Fatima on +966501234567 about the address";
const DECISION_COMMENT = "Fatima Al-Otaibi matches the passport";

/** Raw values and the forms derived from them that would give them away just the same. */
const PERSONAL = [
  ...Object.values(APPLICANT),
  ...Object.values(LATIN_DOCUMENT),
  ...Object.values(ORIGINAL_SCRIPT),
  COMMENT,
  DECISION_COMMENT,
  "1990-06-05", // the ambiguous date of birth as read day-first
  "ftmh", // Latin readings of the original-script names
  "l`tyby",
  "Otaibi",
  "Riyadh",
];

function strings(value: unknown, path = "$"): { path: string; text: string }[] {
  if (typeof value === "string") return [{ path, text: value }];
  if (Array.isArray(value)) return value.flatMap((item, index) => strings(item, `${path}[${index}]`));
  if (value && typeof value === "object") return Object.entries(value).flatMap(([key, item]) => strings(item, `${path}.${key}`));
  return [];
}

function leaks(dto: unknown): string[] {
  const found: string[] = [];
  for (const { path, text } of strings(dto)) {
    const haystack = text.toLowerCase();
    for (const secret of PERSONAL) {
      if (haystack.includes(secret.toLowerCase())) found.push(`${path} = ${JSON.stringify(text)} contains ${JSON.stringify(secret)}`);
    }
  }
  return found;
}

describe("case DTO for a viewer without sessions:read_pii", () => {
  let handle: DatabaseHandle;
  let sessionId: string;
  let auditor: Viewer;
  let reviewer: Viewer;
  const now = new Date("2026-06-15T12:00:00Z");

  beforeAll(async () => {
    handle = await createTestDatabase();
    [auditor, reviewer] = await Promise.all([createViewer(handle, "auditor", "Audrey Auditor"), createViewer(handle, "reviewer", "Rui Reviewer")]);
    const [session] = await handle.db
      .insert(verificationSessions)
      .values({
        provider: "idenfy",
        providerSessionId: "scan-masking-1",
        status: "marked_for_review",
        rawStatus: "SUSPECTED",
        applicantName: APPLICANT.fullName,
        applicantEmail: APPLICANT.email,
        applicant: APPLICANT,
      })
      .returning({ id: verificationSessions.id });
    sessionId = session!.id;
    await handle.db.insert(sessionDocuments).values([
      { sessionId, providerDocumentId: "document", kind: "idv", documentType: "PASSPORT", fields: LATIN_DOCUMENT, mediaKeys: { front: "FRONT" } },
      { sessionId, providerDocumentId: "document_original_script", kind: "other", documentType: "PASSPORT", fields: ORIGINAL_SCRIPT, mediaKeys: {} },
    ]);
    await handle.db.insert(sessionChecks).values({
      sessionId,
      providerCheckId: "aml",
      kind: "aml",
      result: "review",
      score: 80,
      codes: ["AML_SUSPECTION"],
      details: { totalHits: 1, entityType: "person" },
    });
    const at = (minute: number) => new Date(Date.UTC(2026, 5, 15, 10, minute));
    await handle.db.insert(sessionEvents).values([
      { sessionId, at: at(0), type: "provider_status", detail: { from: null, to: "SUSPECTED", status: "marked_for_review" } },
      { sessionId, at: at(1), type: "claim", actorId: reviewer.id, detail: { action: "claim" } },
      { sessionId, at: at(2), type: "comment", actorId: reviewer.id, detail: { text: COMMENT } },
      {
        sessionId,
        at: at(3),
        type: "decision",
        actorId: reviewer.id,
        detail: { action: "approve", reasonCode: "DATA_VERIFIED", comment: DECISION_COMMENT, state: "recorded" },
      },
    ]);
  });
  afterAll(async () => {
    await handle.close();
  });

  it("a viewer with sessions:read_pii does see the data (so the walk below can find it)", async () => {
    const dto = await getCase({ db: handle.db, viewer: reviewer, now }, { sessionId });
    const found = leaks(dto).join("\n");
    for (const secret of ["Fatima", "XK4471902", "Jeddah Al-Balad", "1990-06-05", "2001-02-03", "ftmh", COMMENT]) expect(found).toContain(JSON.stringify(secret));
  });

  it("contains none of the applicant's data, in any string of the DTO", async () => {
    const dto = await getCase({ db: handle.db, viewer: auditor, now }, { sessionId });
    expect(dto.showPii).toBe(false);
    expect(leaks(dto)).toEqual([]);
  });

  it("still shows the masked viewer what there is: results, fields, warnings, timeline", async () => {
    const dto = await getCase({ db: handle.db, viewer: auditor, now }, { sessionId });
    const [latin, original] = dto.documents;
    expect(latin!.comparison.find((row) => row.field === "dateOfBirth")).toMatchObject({
      result: "mismatch",
      applicantValue: "•••",
      note: expect.stringContaining("ambiguous"),
    });
    expect(latin!.comparison.find((row) => row.field === "firstName")).toMatchObject({ result: "match", applicantValue: "F•••" });
    expect(latin!.extracted.find((item) => item.field === "placeOfBirth")).toEqual({ field: "placeOfBirth", label: "Place of birth", value: "•••" });
    expect(latin!.warnings).toEqual([{ code: "document_expired", message: "The document has expired." }]);
    expect(latin!.media).toEqual([]);
    expect(original!.comparison.find((row) => row.field === "firstName")).toMatchObject({ result: "other_script", documentValue: "ف•••" });
    expect(dto.timeline.map((entry) => entry.summary)).toContain("Approved: Data and document verified by the reviewer (recorded in Verdict)");
    expect(dto.timeline.every((entry) => entry.text === undefined)).toBe(true);
  });
});
