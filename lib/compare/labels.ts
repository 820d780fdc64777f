import type { CanonicalField, ExtraField } from "@/lib/providers/types";

/** English labels of every extracted field, for the comparison rows and the document's field list. */
export const FIELD_LABELS: Record<CanonicalField | ExtraField, string> = {
  firstName: "First name",
  lastName: "Last name",
  fullName: "Full name",
  dateOfBirth: "Date of birth",
  sex: "Sex",
  nationality: "Nationality",
  documentType: "Document type",
  documentNumber: "Document number",
  issuingCountry: "Issuing country",
  issueDate: "Issue date",
  expiryDate: "Expiry date",
  personalNumber: "Personal number",
  address: "Address",
  placeOfBirth: "Place of birth",
  issuingAuthority: "Issuing authority",
  issuingPlace: "Place of issue",
  patronymic: "Patronymic",
  birthName: "Birth name",
  mothersMaidenName: "Mother’s maiden name",
  maritalStatus: "Marital status",
  temporaryAddress: "Temporary address",
  licenceCategories: "Licence categories",
};

/** Fields that hold a person's name: masked to initials (in their own script) rather than hidden. */
export const NAME_LIKE_FIELDS = new Set<string>(["firstName", "lastName", "fullName", "name", "patronymic", "birthName", "mothersMaidenName"]);
