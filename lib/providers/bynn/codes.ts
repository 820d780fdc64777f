import type { CodeCatalogue } from "../catalogue";

/**
 * Bynn's `risk_tags` (docs.bynn.com webhook examples: `document.security_checks`; the rest are
 * UNCONFIRMED names our sandbox uses, sandbox/bynn/views.ts and render.ts).
 * Pure data: tests/providers/codes-catalogue.test.ts fails when the sandbox emits a code missing here.
 */
export const BYNN_CODES: CodeCatalogue = {
  codes: {
    "document.security_checks": "The document failed security-feature checks.",
    "document.expired": "The document has expired.",
    "document.mrz_mismatch": "The machine-readable zone disagrees with the printed data.",
    "document.number_mismatch": "The document number differs from the one given for the applicant.",
    "person.name_mismatch": "The name on the document differs from the applicant's.",
    "person.date_of_birth_mismatch": "The date of birth on the document differs from the applicant's.",
    "liveness.failed": "Liveness check failed: possibly a photo, screen or mask.",
    "aml.pep_match": "Possible match on a politically-exposed-persons list.",
    "aml.match": "Possible AML / sanctions match.",
    "device.vpn_detected": "The applicant connected through a VPN or proxy.",
    "network.vpn": "The applicant connected through a VPN or proxy.",
  },
  checks: {
    decision: "Decision engine",
    document: "Identity document",
    liveness: "Liveness",
    aml: "AML screening",
    address: "Proof of address",
  },
};
