import { foldCase, textKey } from "@/lib/compare/text";

const SEX: Record<string, "M" | "F" | "X"> = {
  m: "M",
  male: "M",
  man: "M",
  f: "F",
  female: "F",
  woman: "F",
  x: "X",
  // MRZ filler for an unspecified sex.
  "<": "X",
  unspecified: "X",
  other: "X",
  nonbinary: "X",
};

/** M, F or X; null for a spelling we do not know (then compared as text). */
export function sexCode(value: string): "M" | "F" | "X" | null {
  const key = foldCase(value).replace(/[\s_-]/gu, "");
  return SEX[key] ?? null;
}

// Providers spell the same document type differently (Didit "Passport", iDenfy PASSPORT,
// Bynn "passport", MRZ "P"); only well-known synonyms are merged, everything else compares as text.
const DOCUMENT_TYPES: Record<string, string> = {
  p: "passport",
  passport: "passport",
  id: "id_card",
  idcard: "id_card",
  identitycard: "id_card",
  nationalid: "id_card",
  nationalidcard: "id_card",
  nationalidentitycard: "id_card",
  driverslicense: "driving_license",
  driverlicense: "driving_license",
  drivinglicense: "driving_license",
  drivinglicence: "driving_license",
  driverslicence: "driving_license",
  dl: "driving_license",
  residencepermit: "residence_permit",
  residencecard: "residence_permit",
};

export function documentTypeKey(value: string): string {
  const compact = foldCase(value).replace(/[^\p{L}\p{N}]/gu, "");
  return DOCUMENT_TYPES[compact] ?? textKey(value);
}
