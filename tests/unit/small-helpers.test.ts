import { describe, expect, it } from "vitest";
import { auditHash, canonicalJson, GENESIS_HASH } from "@/lib/audit/hash";
import { safeRedirectPath } from "@/lib/auth/config";
import { maskEmail, maskName } from "@/lib/sessions/mask";

describe("canonical JSON", () => {
  it("sorts keys at every level and keeps array order", () => {
    expect(canonicalJson({ b: 1, a: { d: [3, 1], c: "é" } })).toBe('{"a":{"c":"é","d":[3,1]},"b":1}');
  });

  it("changes the hash when any field changes", () => {
    const row = { seq: 1, chainSeq: 1, at: new Date(0), actorId: null, actorLabel: "system", action: "x", targetType: null, targetId: null, details: {} };
    const base = auditHash(GENESIS_HASH, row);
    expect(auditHash(GENESIS_HASH, { ...row, details: { n: 1 } })).not.toBe(base);
    expect(auditHash("f".repeat(64), row)).not.toBe(base);
    expect(auditHash(GENESIS_HASH, { ...row })).toBe(base);
  });
});

describe("redirect targets", () => {
  it("keeps same-origin paths and refuses everything else", () => {
    expect(safeRedirectPath("/sessions?status=approved")).toBe("/sessions?status=approved");
    expect(safeRedirectPath("//evil.example/x")).toBe("/sessions");
    expect(safeRedirectPath("/\\evil.example")).toBe("/sessions");
    expect(safeRedirectPath("https://evil.example")).toBe("/sessions");
    // Browsers drop tabs and newlines inside URLs ("/\t/x" means "//x"): no control character passes.
    expect(safeRedirectPath("/\t/evil.example")).toBe("/sessions");
    expect(safeRedirectPath("/\n/evil.example")).toBe("/sessions");
    expect(safeRedirectPath("/\r\nLocation: https://evil.example")).toBe("/sessions");
    expect(safeRedirectPath(undefined)).toBe("/sessions");
  });
});

describe("masking", () => {
  it("keeps the first character of each name part, in any script", () => {
    expect(maskName("Иван Петров")).toBe("И••• П•••");
    expect(maskName("王小明")).toBe("王•••");
    expect(maskName(null)).toBeNull();
  });

  it("masks the local part of an e-mail", () => {
    expect(maskEmail("olga@example.com")).toBe("o•••@example.com");
    expect(maskEmail("nonsense")).toBe("•••");
  });
});
