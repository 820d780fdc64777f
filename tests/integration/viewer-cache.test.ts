import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { users } from "@/db/schema";
import type { Viewer } from "@/lib/auth/load-viewer";
import { revokeSessions } from "@/lib/auth/sign-out";
import { createViewerCache, type ViewerCache } from "@/lib/auth/viewer-cache";
import { listenForViewerChanges, loadCachedViewer, viewerCacheFor } from "@/lib/auth/viewer-registry";
import { createRole } from "@/lib/roles/create-role";
import { updateRole } from "@/lib/roles/update-role";
import { changeUserRole } from "@/lib/users/change-role";
import { deactivateUser, reactivateUser } from "@/lib/users/set-active";
import { createTestDatabase } from "../helpers/db";
import { createViewer } from "../helpers/review";

/** Polls until `check` holds; fails after a generous deadline (never a timing assertion). */
async function eventually(what: string, check: () => Promise<boolean>, deadlineMs = 15_000): Promise<void> {
  const deadline = Date.now() + deadlineMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

describe("viewer cache", () => {
  let handle: DatabaseHandle;
  let admin: Viewer;
  // This instance: the process cache the writers forget in, with no listener (so only the
  // writers' own after-commit forget can refresh it), and a TTL no test outlives.
  let here: ViewerCache;
  // Another instance: fed by its own LISTEN only (on PostgreSQL a second connection).
  let there: ViewerCache;
  let stopListening: () => Promise<void>;
  // Only a write that goes around Verdict's services (and so announces nothing) can show that a read was served from the cache.
  const renameBehindTheCache = (id: string, name: string) => handle.db.update(users).set({ name }).where(eq(users.id, id));

  beforeAll(async () => {
    handle = await createTestDatabase();
    admin = await createViewer(handle, "admin", "Ada");
    here = viewerCacheFor(handle.db);
    here.setLive(true);
    there = createViewerCache({ ttlMs: 60 * 60_000 });
    stopListening = await listenForViewerChanges(there, handle.listen);
  });
  afterAll(async () => {
    await stopListening();
    await handle.close();
  });

  const read = (cache: ViewerCache, viewer: Viewer, tokenVersion = 1) => loadCachedViewer(handle.db, cache, viewer.id, tokenVersion);

  it("answers repeated requests from the cache, without reading the database", async () => {
    const rita = await createViewer(handle, "reviewer", "Rita");
    expect(await read(here, rita)).toMatchObject({ id: rita.id, name: "Rita", role: "reviewer" });
    await renameBehindTheCache(rita.id, "Renamed");
    expect(await read(here, rita)).toMatchObject({ name: "Rita" });
    here.forget({ userId: rita.id });
    expect(await read(here, rita)).toMatchObject({ name: "Renamed" });
  });

  it("drops a deactivated user on this instance's very next request, and again lets them in after reactivation", async () => {
    const vic = await createViewer(handle, "reviewer", "Vic");
    expect(await read(here, vic)).not.toBeNull();
    await deactivateUser({ db: handle.db, viewer: admin }, { userId: vic.id });
    expect(await read(here, vic)).toBeNull();
    // Deactivation bumped the token version: only a new sign-in (version 2) gets back in.
    await reactivateUser({ db: handle.db, viewer: admin }, { userId: vic.id });
    expect(await read(here, vic, 2)).toMatchObject({ id: vic.id });
  });

  it("applies a role change and a sign-out (token version bump) on this instance's next request", async () => {
    const rob = await createViewer(handle, "reviewer", "Rob");
    expect((await read(here, rob))?.permissions).toContain("sessions:decide");
    await changeUserRole({ db: handle.db, viewer: admin }, { userId: rob.id, role: "auditor" });
    const demoted = await read(here, rob);
    expect(demoted).toMatchObject({ role: "auditor" });
    expect(demoted?.permissions).not.toContain("sessions:decide");
    await revokeSessions(handle.db, demoted!);
    expect(await read(here, rob)).toBeNull();
    expect(await read(here, rob, 2)).toMatchObject({ role: "auditor" });
  });

  it("applies a role's permission change to every holder on this instance at once", async () => {
    await createRole(handle.db, admin, { key: "desk_lead", name: "Desk lead", permissions: ["sessions:read", "sessions:decide"] });
    const dora = await createViewer(handle, "desk_lead", "Dora");
    expect((await read(here, dora))?.permissions).toContain("sessions:decide");
    await updateRole(handle.db, admin, { key: "desk_lead", name: "Desk lead", permissions: ["sessions:read"] });
    expect((await read(here, dora))?.permissions).toEqual(["sessions:read"]);
  });

  it("tells another instance by NOTIFY: deactivation, role change, role permissions and token bumps reach its cache", async () => {
    const [ina, ian, ira] = [
      await createViewer(handle, "reviewer", "Ina"),
      await createViewer(handle, "reviewer", "Ian"),
      await createViewer(handle, "reviewer", "Ira"),
    ];
    await createRole(handle.db, admin, { key: "night_desk", name: "Night desk", permissions: ["sessions:read", "sessions:read_pii"] });
    const nia = await createViewer(handle, "night_desk", "Nia");
    for (const viewer of [ina, ian, ira, nia]) expect(await read(there, viewer)).not.toBeNull();
    // Cached over there (its TTL is an hour): a write that announces nothing stays invisible to it.
    await renameBehindTheCache(ina.id, "Unannounced");
    expect(await read(there, ina)).toMatchObject({ name: "Ina" });

    await deactivateUser({ db: handle.db, viewer: admin }, { userId: ina.id });
    await changeUserRole({ db: handle.db, viewer: admin }, { userId: ian.id, role: "auditor" });
    await revokeSessions(handle.db, ira);
    await updateRole(handle.db, admin, { key: "night_desk", name: "Night desk", permissions: ["sessions:read"] });

    await eventually("the deactivation to reach the other instance", async () => (await read(there, ina)) === null);
    await eventually("the role change to reach the other instance", async () => (await read(there, ian))?.role === "auditor");
    await eventually("the token bump to reach the other instance", async () => (await read(there, ira)) === null);
    await eventually(
      "the role's new permissions to reach the other instance",
      async () => (await read(there, nia))?.permissions.includes("sessions:read_pii") === false,
    );
    expect(await read(there, ira, 2)).toMatchObject({ id: ira.id });
  });
});
