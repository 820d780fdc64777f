import { describe, expect, it } from "vitest";
import type { ViewerRecord } from "@/lib/auth/load-viewer";
import { createViewerCache } from "@/lib/auth/viewer-cache";

const record = (id: string, role = "reviewer", name = "Rita"): ViewerRecord => ({
  id,
  email: `${id}@example.test`,
  name,
  role,
  roleName: role,
  permissions: ["sessions:read"],
  active: true,
  tokenVersion: 1,
});

/** A loader that counts its calls and answers with the current `row`. */
function loader(initial: ViewerRecord | null) {
  const state = { row: initial, calls: 0 };
  return Object.assign(state, { load: async () => (state.calls++, state.row) });
}

describe("viewer cache", () => {
  it("caches nothing until its change listener is live", async () => {
    const cache = createViewerCache();
    const db = loader(record("u1"));
    await cache.get("u1", db.load);
    await cache.get("u1", db.load);
    expect(db.calls).toBe(2);
    cache.setLive(true);
    await cache.get("u1", db.load);
    await cache.get("u1", db.load);
    expect(db.calls).toBe(3);
  });

  it("reads again once the TTL has passed", async () => {
    let clock = 0;
    const cache = createViewerCache({ ttlMs: 1000, now: () => clock });
    cache.setLive(true);
    const db = loader(record("u1"));
    await cache.get("u1", db.load);
    clock = 999;
    await cache.get("u1", db.load);
    expect(db.calls).toBe(1);
    clock = 1000;
    await cache.get("u1", db.load);
    expect(db.calls).toBe(2);
  });

  it("does not keep what a load read before a change was forgotten", async () => {
    const cache = createViewerCache();
    cache.setLive(true);
    let release: (value: ViewerRecord) => void = () => undefined;
    const slow = cache.get("u1", () => new Promise<ViewerRecord>((resolve) => (release = resolve)));
    // The change commits and is forgotten while the read of the old row is still on its way.
    cache.forget({ userId: "u1" });
    release(record("u1", "reviewer", "Old"));
    expect(await slow).toMatchObject({ name: "Old" });
    const db = loader(record("u1", "reviewer", "New"));
    expect(await cache.get("u1", db.load)).toMatchObject({ name: "New" });
    expect(db.calls).toBe(1);
  });

  it("forgets one user, every holder of a role, or everyone; a malformed notification forgets everyone", async () => {
    const cache = createViewerCache();
    cache.setLive(true);
    const rows = { a: record("a", "reviewer"), b: record("b", "reviewer"), c: record("c", "auditor") };
    const fill = async () => {
      for (const [id, row] of Object.entries(rows)) await cache.get(id, async () => row);
    };
    const cached = async () => {
      const hits: string[] = [];
      for (const id of Object.keys(rows)) await cache.get(id, async () => (hits.push(`miss:${id}`), rows[id as keyof typeof rows]));
      return hits;
    };
    await fill();
    cache.receive(JSON.stringify({ userId: "a" }));
    expect(await cached()).toEqual(["miss:a"]);
    cache.receive(JSON.stringify({ roleKey: "reviewer" }));
    expect(await cached()).toEqual(["miss:a", "miss:b"]);
    cache.receive("not json");
    expect(await cached()).toEqual(["miss:a", "miss:b", "miss:c"]);
    cache.receive(JSON.stringify({ all: true }));
    expect(cache.size()).toBe(0);
  });

  it("forgets everything when the listener is lost or comes back", async () => {
    const cache = createViewerCache();
    cache.setLive(true);
    await cache.get("u1", async () => record("u1"));
    expect(cache.size()).toBe(1);
    cache.setLive(true);
    expect(cache.size()).toBe(0);
    await cache.get("u1", async () => record("u1"));
    cache.setLive(false);
    expect(cache.size()).toBe(0);
  });
});
