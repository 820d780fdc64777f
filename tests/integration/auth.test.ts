import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { auditEvents, users } from "@/db/schema";
import { verifyCredentials } from "@/lib/auth/credentials";
import { loadViewer } from "@/lib/auth/load-viewer";
import { revokeSessions } from "@/lib/auth/sign-out";
import { THROTTLE_POLICIES } from "@/lib/auth/throttle";
import { createUser } from "@/lib/users/create-user";
import { sealAndVerify } from "../helpers/audit";
import { createTestDatabase, TEST_PASSWORD } from "../helpers/db";

const cli = { id: null, label: "test" };

describe("sign-in", () => {
  let handle: DatabaseHandle;
  beforeAll(async () => {
    handle = await createTestDatabase();
    await createUser({ db: handle.db, actor: cli }, { email: " Rita@Example.test ", name: "Rita", role: "reviewer", password: TEST_PASSWORD });
    await createUser({ db: handle.db, actor: cli }, { email: "gone@example.test", name: "Gone", role: "reviewer", password: TEST_PASSWORD });
    await handle.db.update(users).set({ active: false }).where(eq(users.email, "gone@example.test"));
  });
  afterAll(() => handle.close());

  const attempt = (email: string, password: string, address = "10.0.0.1") => verifyCredentials(handle.db, { email, password, address });

  it("accepts the right password, case-insensitively on the e-mail", async () => {
    const result = await attempt("RITA@example.test", TEST_PASSWORD);
    expect(result).toMatchObject({ ok: true, user: { email: "rita@example.test", tokenVersion: 1 } });
  });

  it("answers the same for a wrong password, an unknown account and a deactivated user", async () => {
    expect(await attempt("rita@example.test", "wrong password!")).toEqual({ ok: false, reason: "invalid" });
    expect(await attempt("nobody@example.test", TEST_PASSWORD)).toEqual({ ok: false, reason: "invalid" });
    expect(await attempt("gone@example.test", TEST_PASSWORD)).toEqual({ ok: false, reason: "invalid" });
  });

  it("rejects invalid user input with a clear message and creates nothing", async () => {
    const bad = createUser({ db: handle.db, actor: cli }, { email: "not-an-email", name: "", role: "root", password: "short" });
    await expect(bad).rejects.toThrow(/valid e-mail.*Enter a name.*at least 12 characters/);
    await expect(createUser({ db: handle.db, actor: cli }, { email: "rita@example.test", name: "R", role: "reviewer", password: TEST_PASSWORD })).rejects.toThrow(
      /already exists/,
    );
  });

  it("locks an account after repeated failures, even for the right password", async () => {
    await createUser({ db: handle.db, actor: cli }, { email: "target@example.test", name: "T", role: "auditor", password: TEST_PASSWORD });
    for (let i = 0; i < THROTTLE_POLICIES.account.maxFailures; i++) {
      expect(await attempt("target@example.test", `guess-${i}`, `10.1.0.${i}`)).toEqual({ ok: false, reason: "invalid" });
    }
    expect(await attempt("target@example.test", TEST_PASSWORD, "10.2.0.1")).toMatchObject({ ok: false, reason: "throttled" });
    // Other accounts are unaffected.
    expect(await attempt("rita@example.test", TEST_PASSWORD, "10.2.0.1")).toMatchObject({ ok: true });
  });

  it("locks a client address that sprays many accounts", async () => {
    for (let i = 0; i < THROTTLE_POLICIES.address.maxFailures; i++) await attempt(`spray-${i}@example.test`, "x", "10.9.9.9");
    expect(await attempt("rita@example.test", TEST_PASSWORD, "10.9.9.9")).toMatchObject({ ok: false, reason: "throttled" });
  });

  it("audits sign-ins and failures without passwords, in an intact chain", async () => {
    const rows = await handle.db.select().from(auditEvents);
    const actions = new Set(rows.map((r) => r.action));
    expect(actions).toEqual(new Set(["user.create", "auth.sign_in", "auth.sign_in_failed", "auth.sign_in_throttled"]));
    expect(JSON.stringify(rows)).not.toContain(TEST_PASSWORD);
    expect(await sealAndVerify(handle.db)).toMatchObject({ ok: true, unsealed: 0 });
  });
});

describe("the viewer behind a session token", () => {
  let handle: DatabaseHandle;
  let userId: string;
  beforeAll(async () => {
    handle = await createTestDatabase();
    ({ id: userId } = await createUser({ db: handle.db, actor: cli }, { email: "vic@example.test", name: "Vic", role: "reviewer", password: TEST_PASSWORD }));
  });
  afterAll(() => handle.close());

  it("follows role changes, deactivation and token revocation on the next request", async () => {
    expect(await loadViewer(handle.db, userId, 1)).toMatchObject({ role: "reviewer", permissions: expect.arrayContaining(["sessions:decide"]) });

    await handle.db.update(users).set({ roleKey: "auditor" }).where(eq(users.id, userId));
    const demoted = await loadViewer(handle.db, userId, 1);
    expect(demoted?.role).toBe("auditor");
    expect(demoted?.permissions).not.toContain("sessions:decide");

    await handle.db.update(users).set({ active: false }).where(eq(users.id, userId));
    expect(await loadViewer(handle.db, userId, 1)).toBeNull();

    await handle.db.update(users).set({ active: true, tokenVersion: 2 }).where(eq(users.id, userId));
    expect(await loadViewer(handle.db, userId, 1)).toBeNull();
    expect(await loadViewer(handle.db, userId, 2)).not.toBeNull();
    expect(await loadViewer(handle.db, "00000000-0000-4000-8000-00000000dead", 1)).toBeNull();
  });

  it("signing out revokes every token of the user, including a cookie renewed in flight", async () => {
    const viewer = (await loadViewer(handle.db, userId, 2))!;
    await revokeSessions(handle.db, viewer);
    expect(await loadViewer(handle.db, userId, 2)).toBeNull();
    expect(await loadViewer(handle.db, userId, 3)).not.toBeNull();
  });
});
