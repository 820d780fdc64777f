import "server-only";
import type { ApplicantData, NormalizedEvent, NormalizedSession } from "../types";
import { checksOf, riskSummaryOf } from "./checks";
import { documentsOf, formatAddress } from "./documents";
import { relatedIds } from "./schemas";
import type { BelticIdentityNumber, BelticIncluded, BelticSession, BelticSessionAttributes } from "./schemas";
import { mapBelticStatus } from "./status";

/**
 * One session resource. `included` is null for list rows (GET list has no include), which are
 * marked not detailed so Verdict keeps the documents and checks it already holds.
 */
export function normalizeSession(session: BelticSession, included: BelticIncluded | null): NormalizedSession {
  const attributes = session.attributes;
  const base = {
    provider: "beltic" as const,
    providerSessionId: session.id,
    status: mapBelticStatus(attributes.status),
    rawStatus: attributes.status,
    applicant: applicantOf(session),
    providerCreatedAt: toDate(attributes.created_at),
    providerUpdatedAt: toDate(attributes.updated_at),
  };
  if (included === null) return { ...base, documents: [], checks: [], events: [], riskSummary: {}, detailed: false };
  const checks = checksOf(included, attributes.behavior_analysis);
  return {
    ...base,
    documents: documentsOf(included),
    checks,
    events: eventsOf(attributes),
    riskSummary: riskSummaryOf(checks, attributes.behavior_analysis),
    detailed: true,
  };
}

/**
 * What the applicant entered or the integrator set on the session. With `auto_update_session`
 * Beltic copies document data in here, so a mismatch shows only where that was not the case.
 */
function applicantOf(session: BelticSession): ApplicantData {
  const { person, contact, address } = session.attributes;
  const name = person?.name;
  const identity = primaryIdentityNumber(session.attributes.identity_numbers);
  // Our canonical set has no middle name: given names are joined as a document prints them.
  const given = name ? [name.first, name.middle].filter((part): part is string => Boolean(part)) : [];
  return compact({
    firstName: given.length > 0 ? given.join(" ") : name?.first,
    lastName: name?.last,
    dateOfBirth: person?.birth_date,
    documentNumber: identity?.number,
    issuingCountry: identity?.issuing_country_code,
    address: address ? formatAddress(address) : address,
    email: contact?.email,
    phone: contact?.phone,
    reference: relatedIds(session.relationships, "account")[0],
  });
}

function primaryIdentityNumber(value: BelticSessionAttributes["identity_numbers"]): BelticIdentityNumber | null {
  if (!value) return null;
  return Array.isArray(value) ? (value[0] ?? null) : value;
}

const TIMELINE: readonly (readonly [keyof BelticSessionAttributes, string])[] = [
  ["created_at", "created"],
  ["started_at", "started"],
  ["completed_at", "completed"],
  ["failed_at", "failed"],
  ["marked_for_review_at", "marked_for_review"],
  ["decisioned_at", "decisioned"],
  ["expired_at", "expired"],
  ["redacted_at", "redacted"],
];

/** Beltic keeps one timestamp per lifecycle step; together they are the session's timeline. */
function eventsOf(attributes: BelticSessionAttributes): NormalizedEvent[] {
  const events = TIMELINE.flatMap(([field, step]) => {
    const at = toDate(attributes[field] as string | null | undefined);
    if (!at) return [];
    const detail = step === "decisioned" ? { step, status: attributes.status } : { step };
    return [{ at, type: "provider_lifecycle", detail }];
  });
  return events.sort((a, b) => a.at.getTime() - b.at.getTime());
}

export function toDate(value: string | null | undefined): Date | null {
  if (!value) return null;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? null : date;
}

/** Drops absent keys but keeps explicit nulls. */
function compact<T extends Record<string, unknown>>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
