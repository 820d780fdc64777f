import { DrizzleQueryError } from "drizzle-orm/errors";
import { describe, expect, it } from "vitest";
import { describeApplyError, isPermanentApplyError } from "@/lib/webhooks/apply-errors";

/** A driver error as node-postgres and PGlite throw them: the SQLSTATE in `code`. */
const driverError = (code: string, message = "boom") => Object.assign(new Error(message), { code });
const query = (cause: unknown) => new DrizzleQueryError('insert into "webhook_receipts" …', ["Jane Doe", "jane@example.com"], cause as Error);

describe("which failures to apply an authentic event are quarantined", () => {
  it("quarantines what the event carries: data and constraint errors, and Verdict's own code failing on it", () => {
    expect(isPermanentApplyError(query(driverError("22P05")))).toBe(true); // \u0000 in jsonb
    expect(isPermanentApplyError(query(driverError("22001")))).toBe(true); // value too long
    expect(isPermanentApplyError(query(driverError("23502")))).toBe(true); // not null
    expect(isPermanentApplyError(new TypeError("Cannot read properties of undefined"))).toBe(true);
    expect(isPermanentApplyError(new RangeError("Invalid time value"))).toBe(true);
  });

  it("leaves the database's own trouble to the provider's retry", () => {
    expect(isPermanentApplyError(query(driverError("57P01")))).toBe(false); // admin shutdown (restart)
    expect(isPermanentApplyError(query(driverError("40001")))).toBe(false); // serialization failure
    expect(isPermanentApplyError(query(driverError("08006")))).toBe(false); // connection failure
    expect(isPermanentApplyError(query(driverError("ECONNREFUSED")))).toBe(false);
    expect(isPermanentApplyError(query(new Error("Connection terminated unexpectedly")))).toBe(false);
    expect(isPermanentApplyError(new Error("timeout exceeded when trying to connect"))).toBe(false);
  });

  it("describes the failure without the query's parameters (the applicant's data)", () => {
    const message = describeApplyError(query(driverError("22P05", "unsupported Unicode escape sequence")));
    expect(message).toBe("The event could not be applied: the database refused a value in it (SQLSTATE 22P05).");
    expect(message).not.toMatch(/Jane|example\.com|insert/);
  });
});
