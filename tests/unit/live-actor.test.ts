import { describe, expect, it } from "vitest";
import { parseSessionsChanged } from "@/lib/live/event";
import { buildNotificationPayloads } from "@/lib/live/notify";

const SESSION = "0b9a7c3e-52f1-4d8e-9a63-1f2e3d4c5b6a";
const USER = "6f1d2c3b-4a59-4e8d-8c7b-6a5f4e3d2c1b";

describe("live events name who made the change", () => {
  it("carries the acting user's id from NOTIFY to the browser", () => {
    const [payload] = buildNotificationPayloads([SESSION], "claim", USER.toUpperCase());
    expect(parseSessionsChanged(payload!)).toEqual({ ids: [SESSION], reason: "claim", actor: USER });
    expect(parseSessionsChanged(buildNotificationPayloads([SESSION], "webhook")[0]!)).toEqual({ ids: [SESSION], reason: "webhook" });
  });

  it("takes a uuid as the actor, never a name or an e-mail", () => {
    expect(() => buildNotificationPayloads([SESSION], "comment", "rui@example.test")).toThrow(TypeError);
    expect(parseSessionsChanged(JSON.stringify({ ids: [SESSION], reason: "claim", actor: "Rui Reviewer" }))).toBeNull();
    expect(parseSessionsChanged(JSON.stringify({ ids: [SESSION], reason: "claim", actor: 42 }))).toBeNull();
    expect(parseSessionsChanged(JSON.stringify({ all: true, reason: "sync", actor: USER }))).toEqual({ all: true, reason: "sync", actor: USER });
  });
});
