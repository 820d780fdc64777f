import { alpha2 as countryAlpha2 } from "../generate/countries";
import { addDays, addYears, isoDate } from "../generate/dates";
import { generatePerson } from "../generate/people";
import type { Person } from "../generate/people";
import { createPrng } from "../generate/prng";
import type { Prng } from "../generate/prng";
import type { JsonObject } from "../json";
import type { Issue } from "./types";
import { has } from "./verdicts";

/** iDenfy uses ISO alpha-2 for countries. */
export const alpha2 = (person: Person) => countryAlpha2(person.country);

const DOCUMENT_TYPES = ["PASSPORT", "ID_CARD", "RESIDENCE_PERMIT", "DRIVER_LICENSE"] as const;
/** Passports have no back side worth capturing. */
export function filesFor(data: JsonObject): string[] {
  return data.docType === "PASSPORT" ? ["FRONT", "FACE"] : ["FRONT", "BACK", "FACE"];
}

/**
 * IdentificationDataWebhook for this person. Non-Latin documents read as an upper-case Latin
 * transliteration in doc*, with the printed original in org* (as iDenfy reports them).
 */
export function documentData(prng: Prng, person: Person, issues: readonly Issue[], created: Date): JsonObject {
  const latin = person.script === "latin";
  const docType = prng.pick(DOCUMENT_TYPES);
  const expiry = has(issues, "document_expired") ? addDays(created, -prng.int(10, 400)) : addDays(created, prng.int(200, 3000));
  const firstName = latin ? person.firstName : person.asciiFirstName.toUpperCase();
  const lastName = latin ? person.lastName : person.asciiLastName.toUpperCase();
  const withAddress = docType === "ID_CARD" || docType === "RESIDENCE_PERMIT";
  return {
    docFirstName: firstName,
    docLastName: lastName,
    docNumber: person.documentNumber,
    docPersonalCode: docType === "DRIVER_LICENSE" ? null : person.personalNumber,
    docExpiry: isoDate(expiry),
    docDob: person.dateOfBirth,
    docDateOfIssue: isoDate(addYears(expiry, -10)),
    docType,
    docSex: person.sex === "M" ? "MALE" : "FEMALE",
    docNationality: alpha2(person),
    docIssuingCountry: alpha2(person),
    birthPlace: null,
    authority: null,
    address: latin && withAddress ? person.address : null,
    docTemporaryAddress: null,
    mothersMaidenName: null,
    docBirthName: null,
    docPatronymic: null,
    driverLicenseCategory: docType === "DRIVER_LICENSE" ? "B" : null,
    manuallyDataChanged: false,
    fullName: latin ? person.fullName : `${firstName} ${lastName}`,
    selectedCountry: alpha2(person),
    orgFirstName: latin ? null : person.firstName,
    orgLastName: latin ? null : person.lastName,
    orgNationality: null,
    orgBirthPlace: null,
    orgAuthority: null,
    orgAddress: !latin && withAddress ? person.address : null,
    orgTemporaryAddress: null,
    orgMothersMaidenName: null,
    orgPatronymic: null,
    orgBirthName: null,
    ageEstimate: "OVER_18",
    clientIpProxyRiskLevel: has(issues, "virtual_camera") ? "HIGH" : "LOW",
    duplicateFaces: has(issues, "duplicate_face") ? [v1ScanRef(prng)] : [],
    duplicateDocFaces: [],
    additionalData: {},
  };
}

let emptyShape: JsonObject | null = null;

/** What data/ returns before anything was captured: every field present, all null. */
export function emptyData(): JsonObject {
  if (!emptyShape) {
    const sample = documentData(createPrng(0), generatePerson(createPrng(0), "latin", 0, new Date(0)), [], new Date(0));
    emptyShape = Object.fromEntries(Object.keys(sample).map((key) => [key, null]));
  }
  return { ...emptyShape };
}

/**
 * The values the integrator sent at token creation (all optional on iDenfy). Where a mismatch is
 * the point of the scenario, the value differs from the document the way real data does.
 */
export function expectedFor(prng: Prng, person: Person, issues: readonly Issue[]): JsonObject {
  const needed = has(issues, "dob_mismatch", "transliterated_name", "document_number_mismatch");
  if (!needed && prng.chance(0.15)) return {};
  const native = person.script === "latin" || has(issues, "transliterated_name");
  return {
    firstName: native ? person.firstName : person.asciiFirstName,
    lastName: native ? person.lastName : person.asciiLastName,
    dateOfBirth: has(issues, "dob_mismatch") ? shiftDay(person.dateOfBirth) : person.dateOfBirth,
    ...(has(issues, "document_number_mismatch") || prng.chance(0.5)
      ? { documentNumber: has(issues, "document_number_mismatch") ? swapDigits(person.documentNumber) : person.documentNumber }
      : {}),
    nationality: alpha2(person),
    sex: person.sex,
    ...(prng.chance(0.3) ? { address: person.address } : {}),
  };
}

const RISK_LEVELS: readonly (readonly [number, string])[] = [
  [15, "VERY_LOW"],
  [35, "LOW"],
  [60, "MEDIUM"],
  [85, "HIGH"],
];

export function riskAssessmentFor(prng: Prng, issues: readonly Issue[]): JsonObject {
  const flags = issues.length;
  const riskScore = flags === 0 ? prng.int(2, 25) : Math.min(100, prng.int(40, 70) + flags * 10);
  const level = RISK_LEVELS.find(([below]) => riskScore < below)?.[1] ?? "VERY_HIGH";
  return { riskScore, riskLevel: level };
}

/** Legacy `AML`: one screening service; a hit names the person it matched. */
export function amlFor(prng: Prng, person: Person, issues: readonly Issue[]): JsonObject[] {
  const hit = has(issues, "aml_hit");
  const data = hit
    ? [
        {
          name: person.firstName,
          surname: person.lastName,
          nationality: alpha2(person),
          dob: person.dateOfBirth,
          suspicion: prng.pick(["PEPS", "SANCTION"]),
          reason: null,
          listNumber: prng.digits(6),
          listName: prng.pick(["EU Consolidated", "OFAC SDN", "PEP Global"]),
          score: prng.int(70, 98),
          lastUpdate: "2026-01-15",
          exitDate: null,
          isPerson: true,
          isActive: true,
          linkedDocument: null,
          pepLevel: null,
          category: null,
          otherInformation: null,
          checkDate: null,
          whitelisted: false,
        },
      ]
    : [];
  const overallStatus = hit ? "SUSPECTED" : "NOT_SUSPECTED";
  return [
    {
      status: { serviceSuspected: hit, serviceUsed: true, serviceFound: true, checkSuccessful: true, overallStatus },
      data,
      serviceName: "PilotApiAmlV2",
      serviceGroupType: "AML",
      uid: prng.hex(24),
      errorMessage: null,
    },
  ];
}

export function v1ScanRef(prng: Prng): string {
  return `${prng.hex(8)}-${prng.hex(4)}-11${prng.hex(2)}-${prng.pick(["8", "9", "a", "b"])}${prng.hex(3)}-${prng.hex(12)}`;
}

/** A plausible typo: the day one off, still a valid date. */
function shiftDay(isoDay: string): string {
  const day = Number(isoDay.slice(8, 10));
  return `${isoDay.slice(0, 8)}${String(day === 1 ? 2 : day - 1).padStart(2, "0")}`;
}

/** Two neighbouring digits swapped, the classic keying error. */
function swapDigits(value: string): string {
  const at = value.search(/\d\d/);
  if (at < 0) return `${value}0`;
  const a = value[at] ?? "";
  const b = value[at + 1] ?? "";
  const swapped = a === b ? (a === "9" ? "8" : "9") : `${b}${a}`;
  return `${value.slice(0, at)}${swapped}${value.slice(at + (a === b ? 1 : 2))}`;
}
