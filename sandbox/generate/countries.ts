import countries from "i18n-iso-countries";

/** The generator's name pools use ISO alpha-3; Beltic's `*_country_code` fields and iDenfy read alpha-2. */
export function alpha2(alpha3: string): string {
  return countries.alpha3ToAlpha2(alpha3) ?? alpha3.slice(0, 2);
}
