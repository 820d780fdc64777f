import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { auditEvents, roles, setPasswordTokens, users } from "@/db/schema";
import { verifyCredentials } from "@/lib/auth/credentials";
import type { Viewer } from "@/lib/auth/load-viewer";
import { createRole } from "@/lib/roles/create-role";
import { deleteRole } from "@/lib/roles/delete-role";
import { updateRole } from "@/lib/roles/update-role";
import { createUserAsAdmin } from "@/lib/users/admin-create-user";
import { changeOwnPassword } from "@/lib/users/change-own-password";
import { changeUserRole } from "@/lib/users/change-role";
import { issueSetPasswordLink } from "@/lib/users/issue-link";
import { deactivateUser, reactivateUser } from "@/lib/users/set-active";
import { setPasswordWithLink } from "@/lib/users/set-password";
import { sealAndVerify } from "../helpers/audit";
import { createTestDatabase, TEST_PASSWORD } from "../helpers/db";
import { createViewer } from "../helpers/review";

/**
 * Every change and its audit row commit together. A trigger makes the audit insert of one
 * chosen action fail, i.e. a failure after the change was written in the same transaction:
 * afterwards neither the change nor any audit row of it may exist.
 */
async function installAuditFault(handle: DatabaseHandle) {
  await handle.db.execute(sql`create table test_failing_audit_actions (action text primary key)`);
  await handle.db.execute(sql`
    create function test_fail_audit() returns trigger as $$
    begin
      if exists (select 1 from test_failing_audit_actions where action = new.action) then
        raise exception 'injected failure writing audit row %', new.action;
      end if;
      return new;
    end $$ language plpgsql`);
  await handle.db.execute(sql`create trigger test_fail_audit before insert on audit_events for each row execute function test_fail_audit()`);
}

describe("user and role changes commit with their audit row or not at all", () => {
  let handle: DatabaseHandle;
  let admin: Viewer;
  let other: Viewer;
  beforeAll(async () => {
    handle = await createTestDatabase();
    admin = await createViewer(handle, "admin", "Ada");
    other = await createViewer(handle, "reviewer", "Rita");
    await createRole(handle.db, admin, { key: "custom", name: "Custom", permissions: ["sessions:read"] });
    await installAuditFault(handle);
  });
  afterAll(() => handle.close());

  async function failingAt(action: string, change: () => Promise<unknown>) {
    const before = (await handle.db.select().from(auditEvents)).length;
    await handle.db.execute(sql`insert into test_failing_audit_actions values (${action})`);
    try {
      const error = await change().then(
        () => null,
        (e: unknown) => e as Error & { cause?: Error },
      );
      // drizzle wraps the database error; the trigger's message is on the cause.
      expect(`${error?.message} ${error?.cause?.message}`).toMatch(/injected failure writing audit row/);
    } finally {
      await handle.db.execute(sql`delete from test_failing_audit_actions`);
    }
    expect((await handle.db.select().from(auditEvents)).length).toBe(before);
  }
  const user = async (id: string) => (await handle.db.select().from(users).where(eq(users.id, id)))[0]!;
  const tokensOf = (id: string) => handle.db.select().from(setPasswordTokens).where(eq(setPasswordTokens.userId, id));

  it("creating a user, with a password or with a link", async () => {
    await failingAt("user.create", () =>
      createUserAsAdmin({ db: handle.db, viewer: admin }, { method: "password", email: "a@example.test", name: "A", role: "lead", password: TEST_PASSWORD }),
    );
    // The link's own audit row fails: the user created just before it is rolled back too.
    await failingAt("user.password_link_issue", () =>
      createUserAsAdmin({ db: handle.db, viewer: admin }, { method: "link", email: "b@example.test", name: "B", role: "lead" }),
    );
    expect(await handle.db.select().from(users).where(eq(users.roleKey, "lead"))).toHaveLength(0);
    expect(await handle.db.select().from(setPasswordTokens)).toHaveLength(0);
  });

  it("changing a role, deactivating and reactivating", async () => {
    await failingAt("user.role_change", () => changeUserRole({ db: handle.db, viewer: admin }, { userId: other.id, role: "auditor" }));
    expect(await user(other.id)).toMatchObject({ roleKey: "reviewer" });

    await issueSetPasswordLink({ db: handle.db, viewer: admin }, { userId: other.id });
    await failingAt("user.deactivate", () => deactivateUser({ db: handle.db, viewer: admin }, { userId: other.id }));
    expect(await user(other.id)).toMatchObject({ active: true, tokenVersion: 1 });
    // Deactivation revokes live links: that was rolled back too.
    expect((await tokensOf(other.id)).filter((t) => !t.revokedAt)).toHaveLength(1);

    await deactivateUser({ db: handle.db, viewer: admin }, { userId: other.id });
    await failingAt("user.reactivate", () => reactivateUser({ db: handle.db, viewer: admin }, { userId: other.id }));
    expect(await user(other.id)).toMatchObject({ active: false });
    await reactivateUser({ db: handle.db, viewer: admin }, { userId: other.id });
  });

  it("issuing and using a set-password link", async () => {
    const first = await issueSetPasswordLink({ db: handle.db, viewer: admin }, { userId: other.id });
    await failingAt("user.password_link_issue", () => issueSetPasswordLink({ db: handle.db, viewer: admin }, { userId: other.id }));
    const live = (await tokensOf(other.id)).filter((t) => !t.revokedAt && !t.usedAt);
    expect(live).toHaveLength(1);

    const input = { token: first.token, password: "chosen passphrase 1", confirmPassword: "chosen passphrase 1" };
    await failingAt("user.password_set", () => setPasswordWithLink({ db: handle.db }, input));
    expect(await verifyCredentials(handle.db, { email: other.email, password: TEST_PASSWORD, address: "10.4.0.1" })).toMatchObject({ ok: true });
    // The link was not used up by the failed attempt.
    await expect(setPasswordWithLink({ db: handle.db }, input)).resolves.toEqual({ email: other.email });
  });

  it("changing your own password", async () => {
    const change = { currentPassword: TEST_PASSWORD, newPassword: "another passphrase", confirmPassword: "another passphrase" };
    await failingAt("user.password_change", () => changeOwnPassword({ db: handle.db, viewer: admin }, change));
    expect(await verifyCredentials(handle.db, { email: admin.email, password: TEST_PASSWORD, address: "10.4.0.2" })).toMatchObject({
      ok: true,
      user: { tokenVersion: 1 },
    });
  });

  it("creating, editing and deleting a role", async () => {
    await failingAt("role.create", () => createRole(handle.db, admin, { key: "never", name: "Never", permissions: ["sessions:read"] }));
    expect(await handle.db.select().from(roles).where(eq(roles.key, "never"))).toHaveLength(0);
    await failingAt("role.update", () => updateRole(handle.db, admin, { key: "custom", name: "Custom", permissions: ["users:manage"] }));
    expect((await handle.db.select().from(roles).where(eq(roles.key, "custom")))[0]?.permissions).toEqual(["sessions:read"]);
    await failingAt("role.delete", () => deleteRole(handle.db, admin, { key: "custom" }));
    expect(await handle.db.select().from(roles).where(eq(roles.key, "custom"))).toHaveLength(1);
  });

  it("leaves an intact audit chain", async () => {
    expect(await sealAndVerify(handle.db)).toMatchObject({ ok: true, unsealed: 0 });
  });
});
