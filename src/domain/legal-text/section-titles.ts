// Canonical SEC section titles, for the "Section X (Title)" check. Where the seed (SECMP0049 draft
// legal text) and the brief's list differ, the seed's form is canonical and the other is accepted
// as a variant (Section A: the seed says "Definitions and Interpretations"; the list says
// "Definitions and Interpretation"). Section D is cited three times in the seed as "Modification
// Process" and once as "Modifications"; the majority (and the issue's list) wins.

export interface SectionTitle {
  readonly id: string;
  readonly title: string;
  readonly variants: readonly string[];
}

const t = (id: string, title: string, ...variants: string[]): SectionTitle => ({ id, title, variants });

export const SECTION_TITLES: readonly SectionTitle[] = [
  t('A', 'Definitions and Interpretations', 'Definitions and Interpretation'),
  t('B', 'Accession'),
  t('C', 'Governance'),
  t('D', 'Modification Process'),
  t('E', 'Registration Data'),
  t('F', 'Smart Metering System Requirements'),
  t('G', 'Security'),
  t('H', 'DCC Services'),
  t('I', 'Data Privacy'),
  t('J', 'Charges'),
  t('K', 'Charging Methodology'),
  t('L', 'Smart Metering Key Infrastructure and DCC Key Infrastructure'),
  t('M', 'General'),
  t('N', 'SMETS1 Meters'),
  t('O', 'Non-Gateway Communications'),
  t('P', 'Transition'),
  t('X', 'Transition'),
  t('Z', 'Alt HAN Arrangements'),
  // Appendices cited in the seed.
  t('AG', 'Incident Management Policy'),
];

const byId = new Map(SECTION_TITLES.map((s) => [s.id, s]));

export const sectionTitle = (id: string): SectionTitle | undefined => byId.get(id);

const normalise = (s: string): string => s.replace(/\s+/g, ' ').trim().toLowerCase();

/** True when `title` is the canonical title of section `id` (or an accepted variant). */
export function isCanonicalTitle(id: string, title: string): boolean {
  const known = byId.get(id);
  if (!known) return true; // nothing to check against
  const n = normalise(title);
  return [known.title, ...known.variants].some((v) => normalise(v) === n);
}
