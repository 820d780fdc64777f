/**
 * Python's `json.dumps(sort_keys=True, separators=(",", ":"), ensure_ascii=False)`, the form
 * providers sign when they sign parsed JSON rather than bytes (Didit's X-Signature-V2,
 * providers.md §1.7): keys sorted by code point at every level, no whitespace, non-ASCII as is,
 * whole floats as integers (JSON.parse already folds 1.0 into 1), arrays in order.
 * Known gap: Python writes tiny/huge floats as 1e-07 where JS writes 1e-7; such values would
 * only make a check fail, never pass wrongly. Pure.
 */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (value !== null && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => compareCodePoints(a, b));
    return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonicalJson(item)}`).join(",")}}`;
  }
  return JSON.stringify(value) ?? "null";
}

/** JS string comparison orders UTF-16 units; Python orders code points. They differ above U+FFFF. */
function compareCodePoints(a: string, b: string): number {
  const left = Array.from(a);
  const right = Array.from(b);
  for (let i = 0; i < Math.min(left.length, right.length); i++) {
    const diff = (left[i]?.codePointAt(0) ?? 0) - (right[i]?.codePointAt(0) ?? 0);
    if (diff !== 0) return diff;
  }
  return left.length - right.length;
}
