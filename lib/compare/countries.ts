import countries from "i18n-iso-countries";
import english from "i18n-iso-countries/langs/en.json";
import { foldCase, stripAccents } from "@/lib/compare/text";

// The package's browser entry registers no languages; English is registered explicitly so names
// resolve under any bundler. Under Node every bundled language is registered as well.
countries.registerLocale(english);

// Codes travel documents use that are not ISO 3166-1: ICAO 9303 writes "D" for Germany and
// RKS / XKX for Kosovo; "UK" is the everyday code for the United Kingdom.
const NON_ISO_CODES: Record<string, string> = { D: "DE", UK: "GB", XKX: "XK", RKS: "XK" };

function nameKey(name: string): string {
  return stripAccents(foldCase(name)).replace(/[^\p{L}\p{N}]/gu, "");
}

let namesToCode: Map<string, string> | null = null;

function nameIndex(): Map<string, string> {
  if (namesToCode) return namesToCode;
  const index = new Map<string, string>();
  // English first so that it wins when a name means different countries in different languages.
  const languages = [
    "en",
    ...countries
      .langs()
      .filter((language) => language !== "en")
      .sort(),
  ];
  for (const language of languages) {
    const names = countries.getNames(language, { select: "all" });
    for (const [code, spellings] of Object.entries(names)) {
      for (const spelling of spellings) {
        const key = nameKey(spelling);
        if (key && !index.has(key)) index.set(key, code);
      }
    }
  }
  namesToCode = index;
  return index;
}

/** ISO alpha-2 code for an alpha-2, alpha-3 or numeric code or a country name; null if unknown. */
export function countryCode(value: string): string | null {
  const text = value.normalize("NFKC").trim();
  const upper = text.toUpperCase();
  const nonIso = NON_ISO_CODES[upper];
  if (nonIso) return nonIso;
  if (/^[A-Z]{2}$/u.test(upper)) return countries.isValid(upper) ? upper : null;
  if (/^[A-Z]{3}$/u.test(upper)) return countries.alpha3ToAlpha2(upper) ?? nameIndex().get(nameKey(text)) ?? null;
  if (/^\d{1,3}$/u.test(upper)) return countries.numericToAlpha2(upper.padStart(3, "0")) ?? null;
  return nameIndex().get(nameKey(text)) ?? null;
}
