import { describe, expect, it } from "vitest";
import { BUILT_IN_ROLE_PERMISSIONS, BUILT_IN_ROLES, can, PERMISSIONS } from "@/lib/auth/permissions";

// docs/architecture.md's table, written out independently of the code under test.
const DESIGN_TABLE: Record<string, string> = {
  //                    admin lead reviewer auditor
  "sessions:read": "✓✓✓✓",
  "sessions:read_pii": "✓✓✓·",
  "sessions:decide": "✓✓✓·",
  "sessions:assign": "✓✓··",
  "sessions:expire": "✓✓··",
  "sessions:redact": "✓✓··",
  "audit:read": "✓✓·✓",
  "audit:export": "✓··✓",
  "users:manage": "✓···",
  "providers:manage": "✓···",
};

describe("permission table", () => {
  it("has exactly the permissions of docs/architecture.md", () => {
    expect([...PERMISSIONS].sort()).toEqual(Object.keys(DESIGN_TABLE).sort());
  });

  for (const permission of PERMISSIONS) {
    BUILT_IN_ROLES.forEach((role, column) => {
      const expected = Array.from(DESIGN_TABLE[permission]!)[column] === "✓";
      it(`${role} ${expected ? "has" : "lacks"} ${permission}`, () => {
        expect(can(BUILT_IN_ROLE_PERMISSIONS[role], permission)).toBe(expected);
      });
    });
  }

  it("fails closed for unknown roles and permissions", () => {
    expect(can([], "sessions:read")).toBe(false);
    expect(can(["sessions:*"], "sessions:read")).toBe(false);
  });
});
