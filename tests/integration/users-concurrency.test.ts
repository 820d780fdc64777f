import { and, eq, inArray } from "drizzle-orm";
import type pg from "pg";
import { afterEach, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { auditEvents, users } from "@/db/schema";
import type { AuditAction } from "@/lib/audit/actions";
import type { Viewer } from "@/lib/auth/load-viewer";
import { changeUserRole } from "@/lib/users/change-role";
import { createUserAsAdmin } from "@/lib/users/admin-create-user";
import { deactivateUser } from "@/lib/users/set-active";
import { setPasswordWithLink } from "@/lib/users/set-password";
import { createTestDatabase } from "../helpers/db";
import { createViewer } from "../helpers/review";

const onPostgres = Boolean(process.env.DATABASE_URL);

/**
 * Starts the calls while a third connection holds a table lock on `users`, waits until every
 * one of them is blocked inside its transaction, then lets them go at once: without the row
 * locks in lib/users/lock-users.ts both would count two active admins and both would succeed.
 */
async function race(handle: DatabaseHandle, calls: (() => Promise<unknown>)[]) {
  const pool = (handle.db as unknown as { $client: pg.Pool }).$client;
  const blocker = await pool.connect();
  try {
    await blocker.query("begin");
    await blocker.query("lock table users in exclusive mode");
    const settled = Promise.allSettled(calls.map((call) => call()));
    for (let waiting = 0; waiting < calls.length;) {
      await new Promise((resolve) => setTimeout(resolve, 20));
      const { rows } = await blocker.query<{ n: number }>(
        "select count(*)::int as n from pg_locks where relation = 'users'::regclass and database = (select oid from pg_database where datname = current_database()) and not granted",
      );
      waiting = rows[0]?.n ?? 0;
    }
    await blocker.query("commit");
    return await settled;
  } finally {
    blocker.release();
  }
}

// PGlite has a single connection: its transactions run one after another and can never
// overlap, so this race exists (and can be staged) only on PostgreSQL.
describe.runIf(onPostgres)("two admins changing each other at the same moment (PostgreSQL)", () => {
  let handle: DatabaseHandle | null = null;
  afterEach(async () => {
    await handle?.close();
    handle = null;
  });

  const scenarios: [string, (db: DatabaseHandle["db"], actor: Viewer, target: Viewer) => Promise<unknown>, AuditAction][] = [
    ["demote", (db, actor, target) => changeUserRole({ db, viewer: actor }, { userId: target.id, role: "lead" }), "user.role_change"],
    ["deactivate", (db, actor, target) => deactivateUser({ db, viewer: actor }, { userId: target.id }), "user.deactivate"],
  ];

  for (const [firstName, first, firstAudit] of scenarios) {
    for (const [secondName, second, secondAudit] of scenarios) {
      it(`A ${firstName}s B while B ${secondName}s A: exactly one succeeds`, async () => {
        handle = await createTestDatabase();
        const a = await createViewer(handle, "admin", "Ann");
        const b = await createViewer(handle, "admin", "Bob");
        const results = await race(handle, [() => first(handle!.db, a, b), () => second(handle!.db, b, a)]);
        expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
        const [refused] = results.filter((r): r is PromiseRejectedResult => r.status === "rejected");
        expect(String(refused?.reason)).toMatch(/is the last active admin/);
        const admins = await handle.db
          .select()
          .from(users)
          .where(and(eq(users.roleKey, "admin"), eq(users.active, true)));
        expect(admins).toHaveLength(1);
        const changes = await handle.db
          .select()
          .from(auditEvents)
          .where(inArray(auditEvents.action, [firstAudit, secondAudit]));
        expect(changes).toHaveLength(1);
      });
    }
  }
});

/** Until `n` sessions of this test database wait for a lock (other databases on the server do not count). */
async function waitForLockWaiters(client: pg.PoolClient, n: number) {
  for (let waiting = 0; waiting < n;) {
    await new Promise((resolve) => setTimeout(resolve, 20));
    // Inside a transaction pg_stat_activity is a snapshot taken at first use: refresh it.
    await client.query("select pg_stat_clear_snapshot()");
    const { rows } = await client.query<{ n: number }>(
      "select count(*)::int as n from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'",
    );
    waiting = rows[0]?.n ?? 0;
  }
}

describe.runIf(onPostgres)("a set-password link used while an admin deactivates the user (PostgreSQL)", () => {
  it("waits for the deactivation instead of deadlocking with it, then finds the link revoked", async () => {
    const handle = await createTestDatabase();
    try {
      const admin = await createViewer(handle, "admin", "Ann");
      const { user, setPasswordLink } = await createUserAsAdmin(
        { db: handle.db, viewer: admin },
        { method: "link", email: "racer@example.test", name: "Racer", role: "reviewer" },
      );
      const password = "racing passphrase 1";
      const [before] = await handle.db.select().from(users).where(eq(users.id, user.id));
      // Hold the user's row so that the deactivation queues for it first and the link second:
      // a link that claimed its token before locking the user would now deadlock.
      const blocker = await (handle.db as unknown as { $client: pg.Pool }).$client.connect();
      try {
        await blocker.query("begin");
        await blocker.query("select 1 from users where id = $1 for update", [user.id]);
        const deactivation = deactivateUser({ db: handle.db, viewer: admin }, { userId: user.id }).then(
          () => "deactivated",
          (e: unknown) => e,
        );
        await waitForLockWaiters(blocker, 1);
        const use = setPasswordWithLink({ db: handle.db }, { token: setPasswordLink!.token, password, confirmPassword: password }).then(
          () => "used",
          (e: unknown) => e,
        );
        await waitForLockWaiters(blocker, 2);
        await blocker.query("commit");
        expect(await deactivation).toBe("deactivated");
        expect(String(await use)).toMatch(/expired or was already used/);
      } finally {
        blocker.release();
      }
      const [row] = await handle.db.select().from(users).where(eq(users.id, user.id));
      expect(row).toMatchObject({ active: false, passwordHash: before!.passwordHash });
    } finally {
      await handle.close();
    }
  });
});
