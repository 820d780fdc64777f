import { describe, expect, it } from "vitest";
import { documentWarnings, EXPIRY_WARNING_DAYS } from "@/lib/compare";

const today = new Date("2026-06-15T12:00:00Z");

function codes(document: Parameters<typeof documentWarnings>[0], on = today) {
  return documentWarnings(document, on).map((warning) => warning.code);
}

describe("document warnings", () => {
  it.each([
    ["expired yesterday", "2026-06-14", ["document_expired"]],
    ["expired long ago, other format", "14.06.2020", ["document_expired"]],
    ["expires today", "2026-06-15", ["document_expires_soon"]],
    ["expires tomorrow", "16/06/2026", ["document_expires_soon"]],
    [`expires in exactly ${EXPIRY_WARNING_DAYS} days`, "2026-07-15", ["document_expires_soon"]],
    [`expires in ${EXPIRY_WARNING_DAYS + 1} days`, "2026-07-16", []],
    ["MRZ expiry in the future", "310101", []],
    ["unreadable expiry", "soon", []],
  ])("%s (%s)", (_case, expiryDate, expected) => {
    expect(codes({ expiryDate })).toEqual(expected);
  });

  it.each([
    ["turns 18 today", "2008-06-15", []],
    ["turns 18 tomorrow", "2008-06-16", ["holder_under_18"]],
    ["a child", "12 Mar 2015", ["holder_under_18"]],
    ["an adult", "1990-03-12", []],
    ["MRZ birth date of an adult", "900312", []],
    ["MRZ birth date of a child", "150312", ["holder_under_18"]],
    ["born in the future is not an age", "2030-01-01", []],
  ])("%s (%s)", (_case, dateOfBirth, expected) => {
    expect(codes({ dateOfBirth })).toEqual(expected);
  });

  it("treats a 29 February birthday as reached on 1 March in common years", () => {
    expect(codes({ dateOfBirth: "2008-02-29" }, new Date("2026-02-28T12:00:00Z"))).toEqual(["holder_under_18"]);
    expect(codes({ dateOfBirth: "2008-02-29" }, new Date("2026-03-01T00:00:00Z"))).toEqual([]);
  });

  it("judges the UTC calendar day of `today`", () => {
    expect(codes({ expiryDate: "2026-06-14" }, new Date("2026-06-14T23:59:59Z"))).toEqual(["document_expires_soon"]);
    expect(codes({ expiryDate: "2026-06-14" }, new Date("2026-06-15T00:00:00Z"))).toEqual(["document_expired"]);
  });

  it("reports several warnings with readable messages", () => {
    expect(documentWarnings({ expiryDate: "2026-06-20", dateOfBirth: "2010-01-01" }, today)).toEqual([
      { code: "document_expires_soon", message: "The document expires in 5 days (2026-06-20)." },
      { code: "holder_under_18", message: "The holder is 16 according to the date of birth." },
    ]);
    expect(documentWarnings({ expiryDate: "2026-06-16" }, today)[0]?.message).toBe("The document expires in 1 day (2026-06-16).");
    expect(documentWarnings({ expiryDate: "2026-06-15" }, today)[0]?.message).toBe("The document expires today (2026-06-15).");
    expect(documentWarnings({ expiryDate: "2001-02-03" }, today)[0]?.message).toBe("The document expired on 2001-02-03.");
    expect(documentWarnings({}, today)).toEqual([]);
  });
});
