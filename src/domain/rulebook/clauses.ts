// Turning a clause id into the text shown with an event or a refusal. A clause the rulebook
// does not confirm is shown with the `clauseMap.unconfirmedClauses` label (CFG-04) rather
// than a clause number that might be wrong.
import type { ClauseEntry } from './types.ts';

export interface ClauseCitation {
  readonly id: string;
  readonly confirmed: boolean;
  readonly heading?: string;
  /** What to show, e.g. "D3.11 Initial Consideration by the Panel". */
  readonly label: string;
}

/** `M8.5(c)(i)` → `M8.5`: headings belong to the numbered clause, not its limbs. */
export const baseClauseId = (id: string): string => id.replace(/(\([^)]*\))+$/, '');

export const citeClause = (
  clauseMap: Readonly<Record<string, ClauseEntry>>,
  unconfirmedLabel: string,
  id: string,
): ClauseCitation => {
  const entry = clauseMap[id] ?? clauseMap[baseClauseId(id)];
  if (entry?.confirmed) return { id, confirmed: true, heading: entry.heading, label: `${id} ${entry.heading}` };
  if (entry) return { id, confirmed: false, heading: entry.heading, label: `${unconfirmedLabel}: ${entry.heading}` };
  return { id, confirmed: false, label: unconfirmedLabel };
};

/** True when the id (or its numbered clause) is in the map. */
export const isKnownClause = (clauseMap: Readonly<Record<string, ClauseEntry>>, id: string): boolean =>
  id in clauseMap || baseClauseId(id) in clauseMap;
