import { describe, expect, it } from "vitest";
import { EnvError, parseEnv } from "@/lib/env";

const secret = "x".repeat(32);

describe("environment validation", () => {
  it("names a missing AUTH_SECRET", () => {
    expect(() => parseEnv({})).toThrow(EnvError);
    expect(() => parseEnv({})).toThrow(/AUTH_SECRET is required/);
  });

  it("names a malformed variable and says what is wrong", () => {
    const attempt = () => parseEnv({ AUTH_SECRET: secret, DATABASE_URL: "mysql://x", SYNC_INTERVAL_SECONDS: "soon" });
    expect(attempt).toThrow(/DATABASE_URL must be a postgres/);
    expect(attempt).toThrow(/SYNC_INTERVAL_SECONDS/);
  });

  it("rejects a short AUTH_SECRET", () => {
    expect(() => parseEnv({ AUTH_SECRET: "short" })).toThrow(/AUTH_SECRET must be at least 32 characters/);
  });

  it("applies defaults and treats empty strings as unset", () => {
    const env = parseEnv({ AUTH_SECRET: secret, DATABASE_URL: "", DIDIT_API_KEY: "" });
    expect(env.DATABASE_URL).toBeUndefined();
    expect(env.DIDIT_API_KEY).toBeUndefined();
    expect(env.PGLITE_DIR).toBe("./data/pglite");
    expect(env.DIDIT_BASE_URL).toBe("https://verification.didit.me");
    expect(env.SYNC_ON_START).toBe(true);
  });
});
