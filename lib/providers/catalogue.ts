/**
 * The shape of each provider's code catalogue (lib/providers/<id>/codes.ts). Pure data, client-safe.
 */
export type CodeCatalogue = {
  /** Every result/risk code the provider's docs and our sandbox use, in plain words for reviewers. */
  codes: Readonly<Record<string, string>>;
  /** Check names (the provider's own, or our check kinds where it has none) as reviewers read them. */
  checks: Readonly<Record<string, string>>;
};
