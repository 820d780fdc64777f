import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import type { Viewer } from "@/lib/auth/load-viewer";
import type { NormalizedSession } from "@/lib/providers/types";
import { getCase } from "@/lib/review/get-case";
import { wipePersonalData } from "@/lib/sessions/wipe-personal-data";
import { upsertSession } from "@/lib/sync/upsert-session";
import { createTestDatabase } from "../helpers/db";
import { createViewer } from "../helpers/review";

/** Every field a provider read off the document reaches the case view, compared or not. */
const incoming: NormalizedSession = {
  provider: "idenfy",
  providerSessionId: "scan-extracted-1",
  status: "marked_for_review",
  rawStatus: "SUSPECTED",
  applicant: { firstName: "Olga", lastName: "Petrova" },
  documents: [
    {
      providerDocumentId: "document",
      kind: "idv",
      documentType: "PASSPORT",
      fields: { firstName: "OLGA", lastName: "PETROVA", nationality: "UA", expiryDate: "2031-01-31", issueDate: "2021-02-01" },
      extraFields: { placeOfBirth: "Kharkiv", issuingAuthority: "4601", patronymic: "Ivanivna" },
      mediaKeys: {},
    },
  ],
  checks: [],
  events: [],
  riskSummary: {},
  providerCreatedAt: new Date("2026-06-14T10:00:00Z"),
  providerUpdatedAt: new Date("2026-06-14T10:00:00Z"),
  detailed: true,
};

describe("extracted fields in the case view", () => {
  let handle: DatabaseHandle;
  let reviewer: Viewer;
  let sessionId: string;

  beforeAll(async () => {
    handle = await createTestDatabase();
    reviewer = await createViewer(handle, "reviewer", "Rui Reviewer");
    sessionId = (await handle.db.transaction((tx) => upsertSession(tx, incoming))).id;
  });
  afterAll(async () => {
    await handle.close();
  });

  it("lists place of birth, issuing authority and the other fields beside the comparison", async () => {
    const [document] = (await getCase({ db: handle.db, viewer: reviewer }, { sessionId })).documents;
    expect(document!.extracted.map(({ field, label, value }) => `${label}: ${value} (${field})`)).toEqual([
      "First name: OLGA (firstName)",
      "Last name: PETROVA (lastName)",
      "Nationality: UA (nationality)",
      "Issue date: 2021-02-01 (issueDate)",
      "Expiry date: 2031-01-31 (expiryDate)",
      "Place of birth: Kharkiv (placeOfBirth)",
      "Issuing authority: 4601 (issuingAuthority)",
      "Patronymic: Ivanivna (patronymic)",
    ]);
    // Extra fields are shown, never compared.
    expect(document!.comparison.map((row) => row.field)).not.toContain("placeOfBirth");
  });

  it("are personal data: redaction removes them with the rest", async () => {
    await handle.db.transaction((tx) => wipePersonalData(tx, { id: sessionId, provider: "idenfy", providerSessionId: "scan-extracted-1" }));
    const [document] = (await getCase({ db: handle.db, viewer: reviewer }, { sessionId })).documents;
    expect(document!.extracted).toEqual([]);
  });
});
