/**
 * Masking for viewers without `sessions:read_pii`. Applied on the server before data leaves
 * the data layer, so the unmasked value never reaches their browser.
 */
export function maskName(value: string | null): string | null {
  if (!value) return value;
  return value
    .split(/(\s+)/)
    .map((part) => (/^\s+$/.test(part) || part.length === 0 ? part : `${Array.from(part)[0]}•••`))
    .join("");
}

export function maskEmail(value: string | null): string | null {
  if (!value) return value;
  const at = value.lastIndexOf("@");
  if (at < 1) return "•••";
  return `${Array.from(value)[0]}•••${value.slice(at)}`;
}
