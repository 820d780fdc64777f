/**
 * Providers' risk and result codes, and their checks' names, in plain words for reviewers. The
 * words live in one catalogue per provider (lib/providers/<id>/codes.ts); this only looks them up.
 * Unknown codes are shown as they are: a new code from a provider must never hide a signal.
 */
import { BELTIC_CODES } from "@/lib/providers/beltic/codes";
import { BYNN_CODES } from "@/lib/providers/bynn/codes";
import type { CodeCatalogue } from "@/lib/providers/catalogue";
import { DIDIT_CODES } from "@/lib/providers/didit/codes";
import { IDENFY_CODES } from "@/lib/providers/idenfy/codes";

export const CODE_CATALOGUES: Readonly<Record<string, CodeCatalogue>> = {
  didit: DIDIT_CODES,
  beltic: BELTIC_CODES,
  idenfy: IDENFY_CODES,
  bynn: BYNN_CODES,
};

export const UNKNOWN_CODE = "Provider code without a known description.";

const lookup = (table: Readonly<Record<string, string>>, key: string) => (Object.hasOwn(table, key) ? table[key] : undefined);

function inCatalogue(catalogue: CodeCatalogue, code: string): string | undefined {
  return lookup(catalogue.codes, code) ?? lookup(catalogue.codes, code.toUpperCase());
}

/**
 * The code in words: from the session's provider's catalogue, or from any catalogue when the
 * provider is not given (codes rarely collide, and then mean the same).
 */
export function explainCode(code: string, provider?: string): string {
  const own = provider ? CODE_CATALOGUES[provider] : undefined;
  if (own) return inCatalogue(own, code) ?? UNKNOWN_CODE;
  for (const catalogue of Object.values(CODE_CATALOGUES)) {
    const found = inCatalogue(catalogue, code);
    if (found) return found;
  }
  return UNKNOWN_CODE;
}

export type CheckNaming = { kind: string; details?: Record<string, unknown> | null };

/**
 * A check's label from its own name where the provider names checks (Beltic's `id_image_quality`
 * → "ID image quality"), else from its kind; never only the category when a name exists.
 */
export function checkLabel(provider: string, check: CheckNaming): string {
  const catalogue = CODE_CATALOGUES[provider];
  const name = typeof check.details?.name === "string" && check.details.name ? check.details.name : null;
  const key = name ?? check.kind;
  return (catalogue && lookup(catalogue.checks, key)) ?? humanize(key);
}

function humanize(key: string): string {
  const words = key.replace(/[_.-]+/g, " ").trim();
  return words ? words.charAt(0).toUpperCase() + words.slice(1) : key;
}
