import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { auditEvents, users } from "@/db/schema";
import type { AuditAction } from "@/lib/audit/actions";
import { verifyCredentials } from "@/lib/auth/credentials";
import { loadViewer, type Viewer } from "@/lib/auth/load-viewer";
import { createRole } from "@/lib/roles/create-role";
import { createUserAsAdmin } from "@/lib/users/admin-create-user";
import { changeUserRole } from "@/lib/users/change-role";
import { listUsers } from "@/lib/users/list-users";
import { deactivateUser, reactivateUser } from "@/lib/users/set-active";
import { sealAndVerify } from "../helpers/audit";
import { createTestDatabase, TEST_PASSWORD } from "../helpers/db";
import { createViewer } from "../helpers/review";

const userRow = async (handle: DatabaseHandle, id: string) => (await handle.db.select().from(users).where(eq(users.id, id)))[0]!;
const auditOf = async (handle: DatabaseHandle, action: AuditAction, targetId: string) =>
  (await handle.db.select().from(auditEvents).where(eq(auditEvents.action, action))).filter((row) => row.targetId === targetId);

describe("users admin", () => {
  let handle: DatabaseHandle;
  let admin: Viewer;
  beforeAll(async () => {
    handle = await createTestDatabase();
    admin = await createViewer(handle, "admin", "Ada");
  });
  afterAll(() => handle.close());

  it("creates a user with an initial password who can then sign in, audited without the password", async () => {
    const { user, setPasswordLink } = await createUserAsAdmin(
      { db: handle.db, viewer: admin },
      { method: "password", email: " New@Example.test ", name: "New", role: "reviewer", password: TEST_PASSWORD },
    );
    expect(setPasswordLink).toBeNull();
    expect(user).toMatchObject({ email: "new@example.test", role: "reviewer" });
    expect(await verifyCredentials(handle.db, { email: "new@example.test", password: TEST_PASSWORD, address: "10.0.0.1" })).toMatchObject({ ok: true });
    const [audit] = await auditOf(handle, "user.create", user.id);
    expect(audit).toMatchObject({ actorId: admin.id, details: { role: "reviewer", method: "password" } });
    expect(JSON.stringify(audit)).not.toContain(TEST_PASSWORD);
  });

  it("refuses bad input with messages that say what to fix, and creates nothing", async () => {
    const before = (await handle.db.select().from(users)).length;
    await expect(
      createUserAsAdmin({ db: handle.db, viewer: admin }, { method: "password", email: "nope", name: "", role: "reviewer", password: "short" }),
    ).rejects.toThrow(/valid e-mail.*Enter a name.*at least 12 characters/);
    await expect(createUserAsAdmin({ db: handle.db, viewer: admin }, { method: "link", email: "x@example.test", name: "X", role: "superuser" })).rejects.toThrow(
      /There is no role "superuser"/,
    );
    await expect(createUserAsAdmin({ db: handle.db, viewer: admin }, { method: "link", email: "NEW@example.test", name: "Again", role: "auditor" })).rejects.toThrow(
      /already exists/,
    );
    expect((await handle.db.select().from(users)).length).toBe(before);
  });

  it("changes a role, effective on the user's next request, and audits from and to", async () => {
    const rita = await createViewer(handle, "reviewer", "Rita");
    const change = await changeUserRole({ db: handle.db, viewer: admin }, { userId: rita.id, role: "auditor" });
    expect(change).toEqual({ userId: rita.id, role: "auditor", changed: true });
    const next = await loadViewer(handle.db, rita.id, 1);
    expect(next?.role).toBe("auditor");
    expect(next?.permissions).not.toContain("sessions:decide");
    expect((await auditOf(handle, "user.role_change", rita.id)).map((r) => r.details)).toEqual([{ from: "reviewer", to: "auditor" }]);

    expect(await changeUserRole({ db: handle.db, viewer: admin }, { userId: rita.id, role: "auditor" })).toMatchObject({ changed: false });
    expect(await auditOf(handle, "user.role_change", rita.id)).toHaveLength(1);
    await expect(changeUserRole({ db: handle.db, viewer: admin }, { userId: rita.id, role: "ghost" })).rejects.toThrow(/There is no role "ghost"/);
    await expect(changeUserRole({ db: handle.db, viewer: admin }, { userId: "00000000-0000-4000-8000-00000000beef", role: "lead" })).rejects.toThrow(
      /no longer exists/,
    );
  });

  it("deactivation signs the user out on the next request and blocks sign-in; reactivation needs a fresh sign-in", async () => {
    const vic = await createViewer(handle, "reviewer", "Vic");
    expect(await loadViewer(handle.db, vic.id, 1)).not.toBeNull();
    await deactivateUser({ db: handle.db, viewer: admin }, { userId: vic.id });
    const row = await userRow(handle, vic.id);
    expect(row).toMatchObject({ active: false, tokenVersion: 2 });
    expect(await loadViewer(handle.db, vic.id, 1)).toBeNull();
    expect(await verifyCredentials(handle.db, { email: vic.email, password: TEST_PASSWORD, address: "10.0.0.2" })).toEqual({ ok: false, reason: "invalid" });
    expect(await deactivateUser({ db: handle.db, viewer: admin }, { userId: vic.id })).toMatchObject({ changed: false });

    await reactivateUser({ db: handle.db, viewer: admin }, { userId: vic.id });
    expect(await loadViewer(handle.db, vic.id, 1)).toBeNull();
    const signIn = await verifyCredentials(handle.db, { email: vic.email, password: TEST_PASSWORD, address: "10.0.0.2" });
    expect(signIn).toMatchObject({ ok: true, user: { tokenVersion: 2 } });
    expect(await loadViewer(handle.db, vic.id, 2)).not.toBeNull();
    expect((await auditOf(handle, "user.deactivate", vic.id)).length).toBe(1);
    expect((await auditOf(handle, "user.reactivate", vic.id)).length).toBe(1);
  });

  it("refuses to deactivate your own account", async () => {
    await expect(deactivateUser({ db: handle.db, viewer: admin }, { userId: admin.id })).rejects.toThrow(/cannot deactivate your own account/);
    expect((await userRow(handle, admin.id)).active).toBe(true);
  });

  it("lists users with their role, state and pending links", async () => {
    const list = await listUsers({ db: handle.db, viewer: admin });
    expect(list.find((u) => u.email === "new@example.test")).toMatchObject({
      roleKey: "reviewer",
      roleName: "Reviewer",
      active: true,
      awaitingPassword: false,
      linkExpiresAt: null,
    });
  });

  it("checks the permission inside every function, whatever the caller", async () => {
    const lead = await createViewer(handle, "lead", "Lev");
    const target = await createViewer(handle, "reviewer", "Tom");
    const forbidden = /may not manage users/;
    await expect(listUsers({ db: handle.db, viewer: lead })).rejects.toThrow(forbidden);
    await expect(createUserAsAdmin({ db: handle.db, viewer: lead }, { method: "link", email: "sneaky@example.test", name: "S", role: "admin" })).rejects.toThrow(
      forbidden,
    );
    await expect(changeUserRole({ db: handle.db, viewer: lead }, { userId: lead.id, role: "admin" })).rejects.toThrow(forbidden);
    await expect(deactivateUser({ db: handle.db, viewer: lead }, { userId: target.id })).rejects.toThrow(forbidden);
    await expect(reactivateUser({ db: handle.db, viewer: lead }, { userId: target.id })).rejects.toThrow(forbidden);
    expect(await userRow(handle, lead.id)).toMatchObject({ roleKey: "lead" });
    expect(await userRow(handle, target.id)).toMatchObject({ active: true });
    expect(await handle.db.select().from(users).where(eq(users.email, "sneaky@example.test"))).toHaveLength(0);
  });
});

describe("the last active admin", () => {
  let handle: DatabaseHandle;
  let ada: Viewer;
  let manager: Viewer;
  beforeAll(async () => {
    handle = await createTestDatabase();
    ada = await createViewer(handle, "admin", "Ada");
    // Holds users:manage without being an admin: the rule is about the built-in admin role.
    await createRole(handle.db, ada, { key: "user_manager", name: "User manager", permissions: ["users:manage"] });
    manager = await createViewer(handle, "user_manager", "Max");
  });
  afterAll(() => handle.close());

  it("cannot be demoted or deactivated, by themselves or anyone else", async () => {
    await expect(changeUserRole({ db: handle.db, viewer: ada }, { userId: ada.id, role: "lead" })).rejects.toThrow(
      /last active admin\. Make another user an admin first, then change their role/,
    );
    await expect(changeUserRole({ db: handle.db, viewer: manager }, { userId: ada.id, role: "user_manager" })).rejects.toThrow(/last active admin/);
    await expect(deactivateUser({ db: handle.db, viewer: manager }, { userId: ada.id })).rejects.toThrow(
      /last active admin\. Make another user an admin first, then deactivate them/,
    );
    expect(await userRow(handle, ada.id)).toMatchObject({ roleKey: "admin", active: true, tokenVersion: 1 });
    expect(await auditOf(handle, "user.role_change", ada.id)).toHaveLength(0);
  });

  it("does not count deactivated admins, and lets go once another admin is active", async () => {
    const { user: bea } = await createUserAsAdmin(
      { db: handle.db, viewer: ada },
      { method: "password", email: "bea@example.test", name: "Bea", role: "admin", password: TEST_PASSWORD },
    );
    await deactivateUser({ db: handle.db, viewer: ada }, { userId: bea.id });
    await expect(changeUserRole({ db: handle.db, viewer: manager }, { userId: ada.id, role: "lead" })).rejects.toThrow(/last active admin/);

    await reactivateUser({ db: handle.db, viewer: ada }, { userId: bea.id });
    await changeUserRole({ db: handle.db, viewer: manager }, { userId: ada.id, role: "lead" });
    expect((await userRow(handle, ada.id)).roleKey).toBe("lead");
    // Now Bea is the last one.
    await expect(deactivateUser({ db: handle.db, viewer: manager }, { userId: bea.id })).rejects.toThrow(/bea@example\.test is the last active admin/);
    // Promoting someone else back is always allowed.
    await changeUserRole({ db: handle.db, viewer: manager }, { userId: ada.id, role: "admin" });
    await deactivateUser({ db: handle.db, viewer: manager }, { userId: bea.id });
    expect((await userRow(handle, bea.id)).active).toBe(false);
    expect(await sealAndVerify(handle.db)).toMatchObject({ ok: true, unsealed: 0 });
  });
});
