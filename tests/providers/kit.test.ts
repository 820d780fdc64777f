import { describe, expect, it, vi } from "vitest";
import { ProviderError } from "@/lib/providers/errors";
import { buildCapabilities, defineAdapter } from "@/lib/providers/kit/adapter";
import type { ActionTable } from "@/lib/providers/kit/adapter";
import { canonicalJson } from "@/lib/providers/kit/canonical-json";
import { compact, partialSession, uniqueIds } from "@/lib/providers/kit/normalize";
import { statusReader } from "@/lib/providers/kit/status";
import { readJsonBody } from "@/lib/providers/kit/webhook";
import { PROVIDER_ACTIONS } from "@/lib/providers/types";
import type { ProviderAction } from "@/lib/providers/types";

const ALL = Object.fromEntries(PROVIDER_ACTIONS.map((action) => [action, true])) as ActionTable<boolean>;
const MESSAGES = {
  unsupported: { expire: "No expiry here." },
  unsupportedOtherwise: (action: ProviderAction) => `No ${action} here.`,
  notAllowed: (action: ProviderAction) => `The key may not ${action}.`,
};
/** What the fixture below implements: reads, decisions and expiry; no listing, redaction or media. */
const IMPLEMENTED: ActionTable<boolean> = { ...ALL, list: false, redact: false, media: false };
const REQUEST = { action: "approve", reasonCode: "OK", comment: "", idempotencyKey: "k" } as const;

function adapter(offered: Partial<ActionTable<boolean>>, allowed: (action: ProviderAction) => boolean) {
  const operations = {
    getSession: vi.fn(async (id: string) => partialSession({ provider: "didit", providerSessionId: id, status: "pending", rawStatus: "x" })),
    decide: vi.fn(async () => ({ providerResponse: {} })),
    expire: vi.fn(async () => ({ providerResponse: {} })),
  };
  const built = defineAdapter({
    id: "didit",
    displayName: "Test",
    offered: { ...IMPLEMENTED, ...offered },
    allowedByKey: allowed,
    messages: MESSAGES,
    operations,
  });
  return { built, operations };
}

async function refusal(promise: Promise<unknown>): Promise<{ kind: string; message: string }> {
  const error = await promise.then(
    () => null,
    (caught: unknown) => caught,
  );
  if (!(error instanceof ProviderError)) throw new Error("expected a ProviderError");
  return { kind: error.kind, message: error.message };
}

describe("defineAdapter", () => {
  it("refuses a call the provider does not offer before its operation runs", async () => {
    const { built, operations } = adapter({ expire: false, approve: false }, () => true);
    expect(await refusal(built.expire("s1"))).toEqual({ kind: "unsupported", message: "No expiry here." });
    expect(await refusal(built.decide("s1", REQUEST))).toEqual({ kind: "unsupported", message: "No approve here." });
    expect(operations.expire).not.toHaveBeenCalled();
    expect(operations.decide).not.toHaveBeenCalled();
  });

  it("refuses a call the key may not make with auth, and lets allowed calls through", async () => {
    const { built, operations } = adapter({}, (action) => action === "get");
    expect(await refusal(built.decide("s1", REQUEST))).toEqual({ kind: "auth", message: "The key may not approve." });
    expect(operations.decide).not.toHaveBeenCalled();
    await expect(built.getSession("s1")).resolves.toMatchObject({ providerSessionId: "s1", detailed: false });
    expect(operations.getSession).toHaveBeenCalledWith("s1");
  });

  it("refuses to build an adapter that offers a call it implements no operation for", async () => {
    expect(() => adapter({ redact: true }, () => true)).toThrow("The didit adapter offers redact but implements no operation for it.");
    const { built } = adapter({}, () => true);
    expect(await refusal(built.redact("s1"))).toEqual({ kind: "unsupported", message: "No redact here." });
    expect(built.getProgress).toBeUndefined();
  });

  it("reports capabilities as offered and key may call, never allowing what is not offered", () => {
    const { built } = adapter({ list: false }, () => true);
    const capabilities = built.capabilities();
    expect(capabilities.offered.list).toBe(false);
    expect(capabilities.allowedByKey.list).toBe(false);
    expect(capabilities.allowedByKey.get).toBe(true);
    capabilities.allowedByKey.get = false;
    expect(built.capabilities().allowedByKey.get).toBe(true);
    expect(buildCapabilities({ ...ALL, media: false }, () => true).allowedByKey.media).toBe(false);
  });
});

describe("kit helpers", () => {
  it("reads unknown statuses as pending", () => {
    const reader = statusReader({ Done: "approved" } as const);
    expect(reader.map("Done")).toBe("approved");
    expect(reader.map("Later")).toBe("pending");
    expect(reader.is("toString")).toBe(false);
  });

  it("keeps ids unique and nulls explicit", () => {
    const idFor = uniqueIds();
    expect([idFor("a", "f"), idFor("a", "f"), idFor(null, "f"), idFor("", "f")]).toEqual(["a", "a#2", "f", "f#2"]);
    expect(compact({ a: undefined, b: null, c: "x" })).toEqual({ b: null, c: "x" });
  });

  it("reads webhook bodies strictly or leniently", () => {
    const invalid = new Uint8Array([0x7b, 0xff, 0x7d]);
    const messages = { notUtf8: "not utf8", notJson: "not json" };
    expect(() => readJsonBody(invalid, messages)).toThrow("not utf8");
    expect(() => readJsonBody(invalid, messages, "lenient")).toThrow("not json");
    expect(readJsonBody(new TextEncoder().encode('{"a":1}'), messages)).toEqual({ a: 1 });
  });

  it("writes canonical JSON with keys in code point order", () => {
    expect(canonicalJson({ b: 1, a: [true, null], "\u{1F600}": "x", "\uFFFF": "y" })).toBe('{"a":[true,null],"b":1,"\uFFFF":"y","\u{1F600}":"x"}');
  });
});
