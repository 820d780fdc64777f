/** The generator's locales use ISO alpha-3; Beltic's `*_country_code` fields read as alpha-2. */
const ALPHA2: Record<string, string> = {
  ESP: "ES",
  POL: "PL",
  NOR: "NO",
  IRL: "IE",
  DEU: "DE",
  VNM: "VN",
  RUS: "RU",
  UKR: "UA",
  BGR: "BG",
  SRB: "RS",
  CHN: "CN",
  TWN: "TW",
  SAU: "SA",
  EGY: "EG",
  ARE: "AE",
  JOR: "JO",
};

export function alpha2(alpha3: string): string {
  return ALPHA2[alpha3] ?? alpha3.slice(0, 2);
}
