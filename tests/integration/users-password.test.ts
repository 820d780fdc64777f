import { createHash } from "node:crypto";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { auditEvents, setPasswordTokens, users } from "@/db/schema";
import { verifyCredentials } from "@/lib/auth/credentials";
import { loadViewer, type Viewer } from "@/lib/auth/load-viewer";
import { THROTTLE_POLICIES } from "@/lib/auth/throttle";
import { createUserAsAdmin } from "@/lib/users/admin-create-user";
import { changeOwnPassword } from "@/lib/users/change-own-password";
import { issueSetPasswordLink } from "@/lib/users/issue-link";
import { listUsers } from "@/lib/users/list-users";
import { deactivateUser } from "@/lib/users/set-active";
import { inspectSetPasswordLink, setPasswordWithLink } from "@/lib/users/set-password";
import { createTestDatabase, TEST_PASSWORD } from "../helpers/db";
import { createViewer } from "../helpers/review";

const NEW_PASSWORD = "a brand new passphrase";
const HOUR = 60 * 60 * 1000;
let address = 0;
const signIn = (handle: DatabaseHandle, email: string, password: string) => verifyCredentials(handle.db, { email, password, address: `10.3.0.${++address}` });

describe("one-time set-password links", () => {
  let handle: DatabaseHandle;
  let admin: Viewer;
  const t0 = new Date("2030-01-01T09:00:00Z");
  let seq = 0;
  const invite = async (at = t0) => {
    const email = `invitee${++seq}@example.test`;
    const created = await createUserAsAdmin({ db: handle.db, viewer: admin, now: at }, { method: "link", email, name: `Invitee ${seq}`, role: "reviewer" });
    return { email, userId: created.user.id, token: created.setPasswordLink!.token, expiresAt: created.setPasswordLink!.expiresAt };
  };
  const use = (token: string, at: Date, password = NEW_PASSWORD) => setPasswordWithLink({ db: handle.db, now: at }, { token, password, confirmPassword: password });

  beforeAll(async () => {
    handle = await createTestDatabase();
    admin = await createViewer(handle, "admin", "Ada");
  });
  afterAll(() => handle.close());

  it("creates the user with a 24-hour link whose token is stored only as a SHA-256 hash", async () => {
    const { userId, token, expiresAt, email } = await invite();
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(expiresAt).toBe("2030-01-02T09:00:00.000Z");
    const rows = await handle.db.select().from(setPasswordTokens).where(eq(setPasswordTokens.userId, userId));
    expect(rows).toEqual([expect.objectContaining({ purpose: "invite", tokenHash: createHash("sha256").update(token).digest("hex"), usedAt: null })]);
    const everything = JSON.stringify([rows, await handle.db.select().from(auditEvents), await handle.db.select().from(users)]);
    expect(everything).not.toContain(token);
    expect(await listUsers({ db: handle.db, viewer: admin, now: t0 })).toContainEqual(
      expect.objectContaining({ email, awaitingPassword: true, linkExpiresAt: expiresAt }),
    );
    expect(await inspectSetPasswordLink({ db: handle.db, now: t0 }, { token })).toMatchObject({ state: "valid", email });
  });

  it("lets nobody sign in before the password is set, then sets it once and signs nobody in", async () => {
    const { email, userId, token } = await invite();
    expect(await signIn(handle, email, "")).toMatchObject({ ok: false });
    expect(await use(token, new Date(t0.getTime() + HOUR))).toEqual({ email });
    expect(await signIn(handle, email, NEW_PASSWORD)).toMatchObject({ ok: true });
    expect(await inspectSetPasswordLink({ db: handle.db, now: t0 }, { token })).toEqual({ state: "used" });
    await expect(use(token, new Date(t0.getTime() + 2 * HOUR), "another passphrase!")).rejects.toThrow(/expired or was already used/);
    expect(await signIn(handle, email, NEW_PASSWORD)).toMatchObject({ ok: true });
    const [audit] = (await handle.db.select().from(auditEvents).where(eq(auditEvents.action, "user.password_set"))).filter((r) => r.targetId === userId);
    expect(audit).toMatchObject({ actorId: userId, details: { purpose: "invite" } });
    expect((await listUsers({ db: handle.db, viewer: admin, now: t0 })).find((u) => u.id === userId)).toMatchObject({
      awaitingPassword: false,
      linkExpiresAt: null,
    });
  });

  it("expires after 24 hours", async () => {
    const early = await invite();
    await use(early.token, new Date(t0.getTime() + 24 * HOUR - 1000));
    const late = await invite();
    const after = new Date(t0.getTime() + 24 * HOUR + 1000);
    expect(await inspectSetPasswordLink({ db: handle.db, now: after }, { token: late.token })).toEqual({ state: "expired" });
    await expect(use(late.token, after)).rejects.toThrow(/expired or was already used\. Ask an admin for a new one/);
    expect(await signIn(handle, late.email, NEW_PASSWORD)).toMatchObject({ ok: false });
    expect((await listUsers({ db: handle.db, viewer: admin, now: after })).find((u) => u.id === late.userId)).toMatchObject({
      awaitingPassword: true,
      linkExpiresAt: null,
    });
  });

  it("accepts only one of two simultaneous uses", async () => {
    const { token, email } = await invite();
    const results = await Promise.allSettled([use(token, t0, "first passphrase!!"), use(token, t0, "second passphrase!")]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const winner = (await signIn(handle, email, "first passphrase!!")).ok ? "first" : "second";
    expect((await signIn(handle, email, winner === "first" ? "second passphrase!" : "first passphrase!!")).ok).toBe(false);
  });

  it("replaces an earlier unused link with a new one, which re-invites or resets", async () => {
    const first = await invite();
    const second = await issueSetPasswordLink({ db: handle.db, viewer: admin, now: t0 }, { userId: first.userId });
    expect(await inspectSetPasswordLink({ db: handle.db, now: t0 }, { token: first.token })).toEqual({ state: "revoked" });
    await expect(use(first.token, t0)).rejects.toThrow(/expired or was already used/);
    await use(second.token, t0);
    const purposes = (await handle.db.select().from(setPasswordTokens).where(eq(setPasswordTokens.userId, first.userId))).map((r) => r.purpose);
    expect(purposes).toEqual(["invite", "invite"]);

    const reset = await issueSetPasswordLink({ db: handle.db, viewer: admin, now: t0 }, { userId: first.userId });
    const sessionVersion = (await handle.db.select().from(users).where(eq(users.id, first.userId)))[0]!.tokenVersion;
    await use(reset.token, t0, "reset passphrase 123");
    expect(await signIn(handle, first.email, NEW_PASSWORD)).toMatchObject({ ok: false });
    expect(await signIn(handle, first.email, "reset passphrase 123")).toMatchObject({ ok: true });
    // Sessions from before the reset end on their next request.
    expect(await loadViewer(handle.db, first.userId, sessionVersion)).toBeNull();
    const [latest] = (await handle.db.select().from(setPasswordTokens).where(eq(setPasswordTokens.userId, first.userId))).filter(
      (r) => r.usedAt && r.purpose === "reset",
    );
    expect(latest).toBeDefined();
  });

  it("stops working when the user is deactivated, and is not issued for deactivated users", async () => {
    const { token, userId, email } = await invite();
    await deactivateUser({ db: handle.db, viewer: admin, now: t0 }, { userId });
    expect(await inspectSetPasswordLink({ db: handle.db, now: t0 }, { token })).toEqual({ state: "revoked" });
    await expect(use(token, t0)).rejects.toThrow(/expired or was already used/);
    await expect(issueSetPasswordLink({ db: handle.db, viewer: admin, now: t0 }, { userId })).rejects.toThrow(
      new RegExp(`${email.replace(".", "\\.")} is deactivated\\. Reactivate the account first`),
    );
  });

  it("refuses unknown tokens and mismatched passwords with clear messages", async () => {
    const { token } = await invite();
    expect(await inspectSetPasswordLink({ db: handle.db, now: t0 }, { token: "not-a-real-token-at-all-0000" })).toEqual({ state: "unknown" });
    await expect(use("not-a-real-token-at-all-0000", t0)).rejects.toThrow(/expired or was already used/);
    await expect(setPasswordWithLink({ db: handle.db, now: t0 }, { token, password: NEW_PASSWORD, confirmPassword: "something else" })).rejects.toThrow(
      /The two passwords differ/,
    );
    await expect(setPasswordWithLink({ db: handle.db, now: t0 }, { token, password: "short", confirmPassword: "short" })).rejects.toThrow(/at least 12 characters/);
    expect(await inspectSetPasswordLink({ db: handle.db, now: t0 }, { token })).toMatchObject({ state: "valid" });
  });

  it("is issued only by users who may manage users", async () => {
    const { userId } = await invite();
    const lead = await createViewer(handle, "lead", "Lev");
    await expect(issueSetPasswordLink({ db: handle.db, viewer: lead, now: t0 }, { userId })).rejects.toThrow(/may not manage users/);
    await expect(createUserAsAdmin({ db: handle.db, viewer: lead, now: t0 }, { method: "link", email: "x@example.test", name: "X", role: "admin" })).rejects.toThrow(
      /may not manage users/,
    );
  });
});

describe("changing your own password", () => {
  let handle: DatabaseHandle;
  beforeAll(async () => {
    handle = await createTestDatabase();
  });
  afterAll(() => handle.close());

  const change = (viewer: Viewer, currentPassword: string, newPassword = NEW_PASSWORD, confirmPassword = newPassword) =>
    changeOwnPassword({ db: handle.db, viewer }, { currentPassword, newPassword, confirmPassword });

  it("needs the current password, then ends the user's other sessions", async () => {
    const rita = await createViewer(handle, "reviewer", "Rita");
    await expect(change(rita, "not my password")).rejects.toThrow(/current password is not correct/);
    expect(await signIn(handle, rita.email, TEST_PASSWORD)).toMatchObject({ ok: true });

    expect(await change(rita, TEST_PASSWORD)).toEqual({ email: rita.email });
    expect(await signIn(handle, rita.email, TEST_PASSWORD)).toMatchObject({ ok: false });
    expect(await signIn(handle, rita.email, NEW_PASSWORD)).toMatchObject({ ok: true, user: { tokenVersion: 2 } });
    expect(await loadViewer(handle.db, rita.id, 1)).toBeNull();
    const actions = (await handle.db.select().from(auditEvents)).filter((r) => r.targetId === rita.id).map((r) => r.action);
    expect(actions).toEqual(expect.arrayContaining(["user.password_change_failed", "user.password_change"]));
    expect(JSON.stringify(await handle.db.select().from(auditEvents))).not.toContain(NEW_PASSWORD);
  });

  it("refuses a mismatched confirmation, a too-short password and the same password", async () => {
    const vic = await createViewer(handle, "auditor", "Vic");
    await expect(change(vic, TEST_PASSWORD, NEW_PASSWORD, "typo in the confirmation")).rejects.toThrow(/two new passwords differ/);
    await expect(change(vic, TEST_PASSWORD, "short")).rejects.toThrow(/at least 12 characters/);
    await expect(change(vic, TEST_PASSWORD, TEST_PASSWORD)).rejects.toThrow(/different from the current one/);
    expect(await signIn(handle, vic.email, TEST_PASSWORD)).toMatchObject({ ok: true });
  });

  it("locks out guessing of the current password like failed sign-ins", async () => {
    const eve = await createViewer(handle, "reviewer", "Eve");
    for (let i = 0; i < THROTTLE_POLICIES.account.maxFailures; i++) await expect(change(eve, `guess ${i}`)).rejects.toThrow(/not correct/);
    await expect(change(eve, TEST_PASSWORD)).rejects.toThrow(/Too many wrong passwords/);
    expect(await signIn(handle, eve.email, NEW_PASSWORD)).toMatchObject({ ok: false });
  });
});
