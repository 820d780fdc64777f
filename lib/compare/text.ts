/** Text normalisation used only for comparing; displayed values are never rewritten. */

/**
 * NFKC (full-width letters, ligatures), then upper- followed by lower-casing, which approximates
 * Unicode full case folding: German documents print WEISS for Weiß, and plain toLowerCase keeps ß.
 */
export function foldCase(value: string): string {
  return value.normalize("NFKC").toUpperCase().toLowerCase().normalize("NFKC");
}

export function collapseWhitespace(value: string): string {
  return value.replace(/\s+/gu, " ").trim();
}

/** Folded text with whitespace collapsed: the generic comparison key. */
export function textKey(value: string): string {
  return collapseWhitespace(foldCase(value));
}

/**
 * Words of a name or address: apostrophes and dots vanish (O'Brien = OBrien, St. = St),
 * other punctuation such as hyphens separates words (Jean-Pierre = Jean Pierre), and
 * format characters (ZWNJ in Persian names) are dropped rather than splitting a word.
 */
export function words(value: string): string[] {
  return foldCase(value)
    .replace(/[\p{Cf}'’ʼ`´.]/gu, "")
    .replace(/[^\p{L}\p{M}\p{N}]+/gu, " ")
    .trim()
    .split(" ")
    .filter((word) => word.length > 0);
}

/** Letters and digits only: document and personal numbers ignore spaces, dashes, dots, `<`. */
export function identifierKey(value: string): string {
  return foldCase(value).replace(/[^\p{L}\p{N}]/gu, "");
}

// Optional diacritics only (Latin/Greek/Cyrillic accents, Arabic harakat, Hebrew points): vowel
// signs of Indic and other scripts are also \p{M} but are letters, so removing them would call
// genuinely different names "accent-only" differences.
const OPTIONAL_DIACRITICS = /[\u0300-\u036F\u1AB0-\u1AFF\u1DC0-\u1DFF\uFE20-\uFE2F\u0591-\u05C7\u064B-\u065F\u0670]/gu;
// Letters with a stroke have no decomposition, yet are accents to a reader (Łódź ~ Lodz).
const STROKED: Record<string, string> = { ł: "l", đ: "d", ø: "o", ı: "i", ħ: "h", ŧ: "t" };

/** Only for the "differs only in accents" note; never for deciding a match. */
export function stripAccents(value: string): string {
  return value
    .normalize("NFD")
    .replace(OPTIONAL_DIACRITICS, "")
    .replace(/[łđøıħŧ]/gu, (letter) => STROKED[letter] ?? letter)
    .normalize("NFC");
}

/** Raw value, or null when absent or blank. */
export function present(value: string | null | undefined): string | null {
  if (value == null || value.trim() === "") return null;
  return value;
}
