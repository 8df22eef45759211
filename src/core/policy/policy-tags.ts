import { findPolicyCitations } from './policy-citations.ts';
import type { PolicyRecord } from './policy-record.ts';

/**
 * Search tags from a primary document's record, beside the tags found in its words: `kind:proposed-rule`,
 * `agency:fcc`, `jurisdiction:us`, and `ref:<key>` for each identifier, so `/news agency:fcc
 * kind:proposed-rule` finds it and a news story citing "2026-12345" can be linked to it.
 */

/** Official agency slugs (Federal Register) → the short tags news is tagged with (src/core/topics/places.ts). */
const SHORT_AGENCY: Readonly<Record<string, string>> = {
  'federal-communications-commission': 'fcc',
  'federal-trade-commission': 'ftc',
  'industry-and-security-bureau': 'bis',
  'justice-department': 'doj',
  'commerce-department': 'commerce',
  'cybersecurity-and-infrastructure-security-agency': 'cisa',
  'securities-and-exchange-commission': 'sec',
  'environmental-protection-agency': 'epa',
  'national-telecommunications-and-information-administration': 'ntia',
  'food-and-drug-administration': 'fda',
};

/** The lookup keys of a record's identifiers: its document number, dockets and citation, each normalised. */
export function policyRefKeys(policy: PolicyRecord): string[] {
  const ids = [policy.documentNumber, policy.citation, ...policy.docketIds].filter((id): id is string =>
    Boolean(id),
  );
  const keys = new Set<string>();
  for (const id of ids) {
    for (const cited of findPolicyCitations(id)) keys.add(cited.key);
    keys.add(id.toLowerCase().replace(/\s+/g, '-'));
  }
  return [...keys];
}

/** The tags of a record (none for an article that is not a primary document). */
export function policyTags(policy: PolicyRecord | undefined): string[] {
  if (!policy) return [];
  const tags = new Set<string>([`kind:${policy.kind}`]);
  if (policy.jurisdiction) tags.add(`jurisdiction:${policy.jurisdiction.toLowerCase()}`);
  for (const agency of policy.agencies) {
    const slug = agency.slug.toLowerCase();
    tags.add(`agency:${slug}`);
    const short = SHORT_AGENCY[slug];
    if (short) tags.add(`agency:${short}`);
  }
  for (const key of policyRefKeys(policy)) tags.add(`ref:${key}`);
  return [...tags];
}
