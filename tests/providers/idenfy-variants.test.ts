import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createIdenfyAdapter } from "@/lib/providers/idenfy";

/*
 * The shapes we could not confirm have alternatives the adapter accepts: a webhook-style status
 * object on /api/v2/status, expected values nested under a key, files wrapped in `fileUrls`.
 * A scripted server answers with those, and echoes credentials in an error to prove they are scrubbed.
 */
const KEY = "idenfy_key_echo_5521";
const SECRET = "idenfy_secret_echo_9034";
const SCAN_REF = "0f1e2d3c-934e-11ed-bb9b-025ad99a18e7";

let server: http.Server;
let baseUrl = "";

const replies: Record<string, unknown> = {
  "/api/v2/status": {
    scanRef: SCAN_REF,
    clientId: "user-1",
    status: { overall: "DENIED", autoFace: "FACE_MATCH", autoDocument: "AUTO_UNVERIFIABLE", manualFace: "", manualDocument: "" },
    final: false,
    client: { firstName: "Ольга", lastName: "Смирнова", dateOfBirth: "1988-04-12" },
    updated: 1_781_000_000,
  },
  "/api/v2/data": { docFirstName: "OLGA", docLastName: "SMIRNOVA", orgFirstName: "Ольга", docDob: "1988-04-12", docType: "PASSPORT" },
  "/api/v2/files": { fileUrls: { FRONT: "http://127.0.0.1:1/never-fetched.png", FACE: null } },
};

beforeAll(async () => {
  server = http.createServer((req, res) => {
    const path = (req.url ?? "").replace(/^\/idenfy/, "");
    const reply = replies[path];
    const echo = { identifier: "BAD_VALUE", message: `Key ${KEY} with secret ${SECRET} may not delete.` };
    res.writeHead(reply ? 200 : 400, { "content-type": "application/json" });
    res.end(JSON.stringify(reply ?? echo));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/idenfy`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

describe("iDenfy adapter: unconfirmed shapes", () => {
  it("reads a status object, nested expected values and wrapped file links", async () => {
    const idenfy = createIdenfyAdapter({ apiKey: KEY, apiSecret: SECRET, baseUrl, retries: 0, expectedDataKey: "client" });
    const session = await idenfy.getSession(SCAN_REF);
    // final:false, and AUTO_UNVERIFIABLE without a manual verdict: iDenfy's reviewer is still on it.
    expect(session).toMatchObject({ rawStatus: "DENIED", status: "pending" });
    expect(session.applicant).toMatchObject({ firstName: "Ольга", lastName: "Смирнова", dateOfBirth: "1988-04-12" });
    expect(session.documents[0]?.mediaKeys).toEqual({ front: "FRONT" });
    expect(session.providerUpdatedAt).toEqual(new Date(1_781_000_000_000));
    expect(session.riskSummary).toMatchObject({ manualFace: null, autoDocument: "AUTO_UNVERIFIABLE" });
  });

  it("settles AUTO_UNVERIFIABLE at once when the account has no manual review", async () => {
    const idenfy = createIdenfyAdapter({ apiKey: KEY, apiSecret: SECRET, baseUrl, retries: 0, manualReview: false });
    const replied = replies["/api/v2/status"] as Record<string, unknown>;
    replies["/api/v2/status"] = { ...replied, final: undefined };
    try {
      expect((await idenfy.getSession(SCAN_REF)).status).toBe("declined");
    } finally {
      replies["/api/v2/status"] = replied;
    }
  });

  it("never lets echoed credentials into an error", async () => {
    const idenfy = createIdenfyAdapter({ apiKey: KEY, apiSecret: SECRET, baseUrl, retries: 0 });
    const error = await idenfy.redact(SCAN_REF).catch((e: unknown) => e);
    expect(error).toMatchObject({ kind: "rejected" });
    const text = JSON.stringify([(error as Error).message, (error as { options: unknown }).options]);
    expect(text).toContain("may not delete");
    expect(text).not.toContain(KEY);
    expect(text).not.toContain(SECRET);
  });
});
