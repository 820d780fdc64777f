import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { auditEvents, signInThrottle } from "@/db/schema";
import { verifyCredentials } from "@/lib/auth/credentials";
import { pairKey } from "@/lib/auth/throttle";
import { THROTTLE_POLICIES } from "@/lib/auth/throttle-policies";
import { createUser } from "@/lib/users/create-user";
import { sealAndVerify } from "../helpers/audit";
import { createTestDatabase, TEST_PASSWORD } from "../helpers/db";

const cli = { id: null, label: "test" };
const T0 = new Date("2031-03-01T09:00:00Z");
const at = (ms: number) => new Date(T0.getTime() + ms);
const SECOND = 1000;
const MINUTE = 60 * SECOND;

describe("sign-in throttling", () => {
  let handle: DatabaseHandle;
  beforeAll(async () => {
    handle = await createTestDatabase();
    for (const name of ["admin", "dora", "ivy", "noisy"]) {
      await createUser(
        { db: handle.db, actor: cli },
        { email: `${name}@example.test`, name, role: name === "admin" ? "admin" : "reviewer", password: TEST_PASSWORD },
      );
    }
  });
  afterAll(() => handle.close());

  const attempt = (email: string, password: string, address: string, now: Date) => verifyCredentials(handle.db, { email, password, address }, now);
  const auditRows = async (label: string, action: string) =>
    (await handle.db.select().from(auditEvents)).filter((row) => row.actorLabel === label && row.action === action);

  it("five wrong passwords lock that account for that address only, not for everyone", async () => {
    const { maxFailures } = THROTTLE_POLICIES.pair;
    for (let i = 0; i < maxFailures; i++) expect(await attempt("admin@example.test", `guess-${i}`, "198.51.100.7", at(i))).toEqual({ ok: false, reason: "invalid" });
    // The attacker's address is locked out of this account for the lock period, even with the right password…
    expect(await attempt("admin@example.test", TEST_PASSWORD, "198.51.100.7", at(5 * SECOND))).toEqual({
      ok: false,
      reason: "throttled",
      until: at(maxFailures - 1 + THROTTLE_POLICIES.pair.lockMs),
    });
    // …while the admin, from their own address, signs in once the short per-account delay is over.
    expect(await attempt("admin@example.test", TEST_PASSWORD, "203.0.113.20", at(5 * SECOND))).toMatchObject({ ok: true });
  });

  it("guesses spread over many addresses meet a delay per account that doubles, up to a cap", async () => {
    const { maxFailures, firstDelayMs, maxDelayMs } = THROTTLE_POLICIES.account;
    let now = 0;
    const waits: number[] = [];
    for (let i = 0; i < maxFailures + 8; i++) {
      expect(await attempt("dora@example.test", "guess", `192.0.2.${i}`, at(now))).toEqual({ ok: false, reason: "invalid" });
      // A fresh address, right away: held back by the account's delay (and told until when), not by a lock.
      const held = await attempt("dora@example.test", TEST_PASSWORD, `192.0.2.${100 + i}`, at(now + 1));
      if (held.ok || held.reason !== "throttled") {
        waits.push(0);
        continue;
      }
      waits.push(held.until.getTime() - at(now).getTime());
      now = held.until.getTime() - T0.getTime();
    }
    const doubling = Array.from({ length: 9 }, (_, k) => Math.min(firstDelayMs * 2 ** k, maxDelayMs));
    expect(waits).toEqual([...Array(maxFailures - 1).fill(0), ...doubling]);
    // Once the delay has passed, the real user gets in.
    expect(await attempt("dora@example.test", TEST_PASSWORD, "192.0.2.250", at(now))).toMatchObject({ ok: true });
  });

  it("refused attempts write one audit row per lock window and are counted in the throttle state", async () => {
    const address = "198.51.100.66";
    const lockOut = async (start: number) => {
      for (let i = 0; i < THROTTLE_POLICIES.pair.maxFailures; i++) await attempt("ivy@example.test", `guess-${i}`, address, at(start + i));
    };
    await lockOut(0);
    for (let i = 0; i < 40; i++) expect(await attempt("ivy@example.test", TEST_PASSWORD, address, at(MINUTE + i))).toMatchObject({ reason: "throttled" });
    expect(await auditRows("ivy@example.test", "auth.sign_in_throttled")).toHaveLength(1);
    const [row] = await handle.db
      .select()
      .from(signInThrottle)
      .where(eq(signInThrottle.key, pairKey("ivy@example.test", address)));
    expect(row).toMatchObject({ refused: 40 });

    // The next lock window gets its own row, which carries the count of the one before.
    const later = THROTTLE_POLICIES.pair.lockMs + THROTTLE_POLICIES.pair.windowMs;
    await lockOut(later);
    for (let i = 0; i < 3; i++) await attempt("ivy@example.test", TEST_PASSWORD, address, at(later + MINUTE + i));
    const rows = await auditRows("ivy@example.test", "auth.sign_in_throttled");
    expect(rows.map((r) => r.details)).toEqual([
      { scope: "pair", until: at(4 + THROTTLE_POLICIES.pair.lockMs).toISOString(), previousWindowRefusals: 0 },
      { scope: "pair", until: at(later + 4 + THROTTLE_POLICIES.pair.lockMs).toISOString(), previousWindowRefusals: 40 },
    ]);
  });

  it("locks a client address that sprays many accounts", async () => {
    for (let i = 0; i < THROTTLE_POLICIES.address.maxFailures; i++) await attempt(`spray-${i}@example.test`, "x", "10.9.9.9", at(i));
    expect(await attempt("noisy@example.test", TEST_PASSWORD, "10.9.9.9", at(MINUTE))).toMatchObject({ ok: false, reason: "throttled" });
    expect(await attempt("noisy@example.test", TEST_PASSWORD, "10.9.9.10", at(MINUTE))).toMatchObject({ ok: true });
  });

  it("keeps passwords out of the audit log and the chain intact", async () => {
    const rows = await handle.db.select().from(auditEvents);
    expect(JSON.stringify(rows)).not.toContain(TEST_PASSWORD);
    expect(await sealAndVerify(handle.db)).toMatchObject({ ok: true, unsealed: 0 });
  });
});
