import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { auditEvents, roles } from "@/db/schema";
import type { AuditAction } from "@/lib/audit/actions";
import { loadViewer, type Viewer } from "@/lib/auth/load-viewer";
import { BUILT_IN_ROLE_PERMISSIONS } from "@/lib/auth/permissions";
import { createBelticAdapter } from "@/lib/providers/beltic";
import { createDiditAdapter } from "@/lib/providers/didit";
import { createIdenfyAdapter } from "@/lib/providers/idenfy";
import { createRole } from "@/lib/roles/create-role";
import { deleteRole } from "@/lib/roles/delete-role";
import { listRoles } from "@/lib/roles/list-roles";
import { loadRolesOverview } from "@/lib/roles/roles-overview";
import { updateRole } from "@/lib/roles/update-role";
import { changeUserRole } from "@/lib/users/change-role";
import { createTestDatabase } from "../helpers/db";
import { createViewer } from "../helpers/review";

const roleRow = async (handle: DatabaseHandle, key: string) => (await handle.db.select().from(roles).where(eq(roles.key, key)))[0];
const audits = async (handle: DatabaseHandle, action: AuditAction) => handle.db.select().from(auditEvents).where(eq(auditEvents.action, action));

describe("roles", () => {
  let handle: DatabaseHandle;
  let admin: Viewer;
  beforeAll(async () => {
    handle = await createTestDatabase();
    admin = await createViewer(handle, "admin", "Ada");
  });
  afterAll(() => handle.close());

  it("lists built-in roles first, with their permissions and user counts", async () => {
    await createViewer(handle, "reviewer", "Rita");
    const list = await listRoles(handle.db, admin);
    expect(list.slice(0, 4).map((r) => [r.key, r.builtIn, r.userCount])).toEqual([
      ["admin", true, 1],
      ["lead", true, 0],
      ["reviewer", true, 1],
      ["auditor", true, 0],
    ]);
    expect(list[2]?.permissions).toEqual([...BUILT_IN_ROLE_PERMISSIONS.reviewer]);
  });

  it("creates a custom role from the permission table, in table order, audited", async () => {
    await createRole(handle.db, admin, {
      key: "senior_reviewer",
      name: "Senior reviewer",
      permissions: ["sessions:assign", "sessions:read", "sessions:decide", "sessions:read"],
    });
    expect(await roleRow(handle, "senior_reviewer")).toMatchObject({
      name: "Senior reviewer",
      builtIn: false,
      permissions: ["sessions:read", "sessions:decide", "sessions:assign"],
    });
    expect((await audits(handle, "role.create")).map((r) => [r.targetId, r.details])).toEqual([
      ["senior_reviewer", { name: "Senior reviewer", permissions: ["sessions:read", "sessions:decide", "sessions:assign"] }],
    ]);
  });

  it("refuses bad keys, unknown or no permissions, and taken keys or names", async () => {
    const make = (key: string, name = `Role ${key}`, permissions: string[] = ["sessions:read"]) =>
      createRole(handle.db, admin, { key, name, permissions: permissions as never });
    for (const key of ["a", "1abc", "Senior", "has-dash", "with space", `a${"b".repeat(41)}`]) {
      await expect(make(key)).rejects.toThrow(/lower-case letter first/);
    }
    await expect(make(`a${"b".repeat(40)}`)).resolves.toEqual({ key: `a${"b".repeat(40)}` });
    await expect(make("pii_only", "PII", ["sessions:read_all"])).rejects.toThrow(/Choose permissions from the list/);
    await expect(make("nothing", "Nothing", [])).rejects.toThrow(/Tick at least one permission/);
    await expect(make("admin", "Another admin")).rejects.toThrow(/key "admin" already exists/);
    await expect(make("boss", "admin")).rejects.toThrow(/already called "admin"/);
    await expect(make("boss", "")).rejects.toThrow(/Enter a name/);
    expect(await roleRow(handle, "boss")).toBeUndefined();
  });

  it("edits a custom role; its users get the new permissions on their next request", async () => {
    const sam = await createViewer(handle, "senior_reviewer", "Sam");
    expect((await loadViewer(handle.db, sam.id, 1))?.permissions).not.toContain("sessions:expire");
    await updateRole(handle.db, admin, { key: "senior_reviewer", name: "Senior reviewers", permissions: ["sessions:read", "sessions:decide", "sessions:expire"] });
    expect((await loadViewer(handle.db, sam.id, 1))?.permissions).toEqual(["sessions:read", "sessions:decide", "sessions:expire"]);
    const [audit] = await audits(handle, "role.update");
    expect(audit?.details).toEqual({ added: ["sessions:expire"], removed: ["sessions:assign"], name: "Senior reviewers" });
    expect(
      await updateRole(handle.db, admin, { key: "senior_reviewer", name: "Senior reviewers", permissions: ["sessions:expire", "sessions:decide", "sessions:read"] }),
    ).toEqual({ key: "senior_reviewer", changed: false });
    expect(await audits(handle, "role.update")).toHaveLength(1);
  });

  it("keeps built-in roles read-only", async () => {
    await expect(updateRole(handle.db, admin, { key: "reviewer", name: "Reviewer", permissions: ["sessions:read"] })).rejects.toThrow(
      /Reviewer is a built-in role and cannot be changed/,
    );
    await expect(deleteRole(handle.db, admin, { key: "auditor" })).rejects.toThrow(/built-in role/);
    expect((await roleRow(handle, "reviewer"))?.permissions).toEqual([...BUILT_IN_ROLE_PERMISSIONS.reviewer]);
    expect(await roleRow(handle, "auditor")).toBeDefined();
  });

  it("refuses to delete a role in use, and deletes it once nobody has it", async () => {
    const users = (await listRoles(handle.db, admin)).find((r) => r.key === "senior_reviewer")?.userCount;
    expect(users).toBe(1);
    await expect(deleteRole(handle.db, admin, { key: "senior_reviewer" })).rejects.toThrow(/1 user has the role Senior reviewers\. Give them another role first/);
    const [holder] = (await handle.db.query.users.findMany()).filter((u) => u.roleKey === "senior_reviewer");
    await changeUserRole({ db: handle.db, viewer: admin }, { userId: holder!.id, role: "reviewer" });
    await deleteRole(handle.db, admin, { key: "senior_reviewer" });
    expect(await roleRow(handle, "senior_reviewer")).toBeUndefined();
    expect((await audits(handle, "role.delete")).map((r) => r.targetId)).toEqual(["senior_reviewer"]);
    await expect(deleteRole(handle.db, admin, { key: "senior_reviewer" })).rejects.toThrow(/There is no role "senior_reviewer"/);
  });

  it("is managed only by users who may manage users and roles", async () => {
    const lead = await createViewer(handle, "lead", "Lev");
    await createRole(handle.db, admin, { key: "temp_role", name: "Temp", permissions: ["sessions:read"] });
    await expect(listRoles(handle.db, lead)).rejects.toThrow(/may not manage users and roles/);
    await expect(createRole(handle.db, lead, { key: "mine", name: "Mine", permissions: ["users:manage"] })).rejects.toThrow(/may not manage/);
    await expect(updateRole(handle.db, lead, { key: "temp_role", name: "Temp", permissions: ["users:manage"] })).rejects.toThrow(/may not manage/);
    await expect(deleteRole(handle.db, lead, { key: "temp_role" })).rejects.toThrow(/may not manage/);
    expect(await roleRow(handle, "mine")).toBeUndefined();
    expect((await roleRow(handle, "temp_role"))?.permissions).toEqual(["sessions:read"]);
  });
});

describe("roles next to what each provider's key allows", () => {
  let handle: DatabaseHandle;
  let admin: Viewer;
  beforeAll(async () => {
    handle = await createTestDatabase();
    admin = await createViewer(handle, "admin", "Ada");
    await createRole(handle.db, admin, { key: "redactor", name: "Redactor", permissions: ["sessions:read", "sessions:redact"] });
  });
  afterAll(() => handle.close());

  // Real adapters: their capabilities() come from the configured scopes; no request is made.
  const providers = () => [
    createBelticAdapter({ apiKey: "sk_test", scopes: ["sessions:read", "sessions:write"] }),
    createDiditAdapter({ apiKey: "didit-key", baseUrl: "http://127.0.0.1:9", privileges: ["read:sessions", "write:sessions"] }),
    createIdenfyAdapter({ apiKey: "k", apiSecret: "s" }),
  ];

  it("warns where a role grants what a configured key may not do", async () => {
    const overview = await loadRolesOverview(handle.db, admin, providers);
    const gaps = (key: string) => overview.roles.find((r) => r.key === key)?.providerGaps.map((g) => `${g.provider}:${g.permission}:${g.actions.join("+")}`);
    // Beltic offers approve/decline but this key lacks sessions:decide; it has no resubmission API at all.
    expect(gaps("reviewer")).toEqual(["beltic:sessions:decide:approve+decline"]);
    // Didit's key lacks delete:sessions.
    expect(gaps("redactor")).toEqual(["didit:sessions:redact:redact"]);
    expect(gaps("lead")).toEqual(["beltic:sessions:decide:approve+decline", "didit:sessions:redact:redact"]);
    expect(gaps("auditor")).toEqual([]);
    expect(overview.providers.map((p) => p.id)).toEqual(["beltic", "didit", "idenfy"]);
    const beltic = overview.providers[0]!.actions;
    expect(beltic.find((a) => a.action === "approve")).toEqual({ action: "approve", offered: true, allowedByKey: false });
    expect(beltic.find((a) => a.action === "resubmit")).toEqual({ action: "resubmit", offered: false, allowedByKey: false });
  });

  it("shows no warnings when the keys allow everything their APIs offer", async () => {
    const full = () => [createBelticAdapter({ apiKey: "sk_test" }), createIdenfyAdapter({ apiKey: "k", apiSecret: "s" })];
    const overview = await loadRolesOverview(handle.db, admin, full);
    expect(overview.roles.flatMap((r) => r.providerGaps)).toEqual([]);
  });
});
