import "server-only";
import type { ApplicantData, NormalizedEvent, NormalizedSession } from "../types";
import { checksOf, compact, documentsOf, riskSummaryOf } from "./features";
import type { DiditDecision, DiditSessionRow } from "./schemas";
import { mapDiditStatus } from "./status";

export function normalizeRow(row: DiditSessionRow): NormalizedSession {
  return {
    provider: "didit",
    providerSessionId: row.session_id,
    status: mapDiditStatus(row.status),
    rawStatus: row.status,
    applicant: compact({
      fullName: row.full_name,
      email: row.email_address?.email,
      phone: row.phone_number?.number,
      reference: row.vendor_data,
    }),
    documents: [],
    checks: [],
    events: [],
    riskSummary: {},
    providerCreatedAt: toDate(row.created_at),
    providerUpdatedAt: null,
    detailed: false,
  };
}

export function normalizeDecision(decision: DiditDecision): NormalizedSession {
  const createdAt = toDate(decision.created_at);
  const events = eventsOf(decision, createdAt);
  return {
    provider: "didit",
    providerSessionId: decision.session_id,
    status: mapDiditStatus(decision.status),
    rawStatus: decision.status,
    applicant: applicantOf(decision),
    documents: documentsOf(decision),
    checks: checksOf(decision),
    events,
    riskSummary: riskSummaryOf(decision),
    providerCreatedAt: createdAt,
    // Didit exposes no updated_at; the latest manual review is the best "last changed" signal available.
    providerUpdatedAt: events.reduce<Date | null>((latest, event) => (latest && latest > event.at ? latest : event.at), null),
    detailed: true,
  };
}

/** What the integrator sent at session creation: the reference the document is compared against. */
function applicantOf(decision: DiditDecision): ApplicantData {
  const expected = decision.expected_details;
  const contact = decision.contact_details;
  return compact({
    firstName: expected?.first_name,
    lastName: expected?.last_name,
    fullName: expected?.full_name,
    dateOfBirth: expected?.date_of_birth,
    nationality: expected?.nationality,
    sex: expected?.gender,
    address: expected?.address,
    documentNumber: expected?.identification_number,
    issuingCountry: expected?.id_country,
    email: contact?.email,
    phone: contact?.phone,
    reference: decision.vendor_data,
  });
}

function eventsOf(decision: DiditDecision, fallbackAt: Date | null): NormalizedEvent[] {
  return (decision.reviews ?? []).flatMap((review) => {
    const at = toDate(review.created_at) ?? fallbackAt;
    if (!at) return [];
    const detail = { user: review.user ?? null, new_status: review.new_status ?? null, comment: review.comment ?? null };
    return [{ at, type: "provider_review", detail }];
  });
}

function toDate(value: string | null | undefined): Date | null {
  if (!value) return null;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? null : date;
}
