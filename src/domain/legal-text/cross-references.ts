// Citations of other provisions in legal text: "Section D6.15 (Alternative Solutions)",
// "Sections D6.5 and D6.6", "Section X2.3(a), (b) and (c)", "Sections G7.18 to G7.22",
// "this Section L10.24". Only clause-level citations are returned ("Section G" alone is a
// section citation and is checked by the section-title rule instead).
import type { Address } from './model.ts';

export interface Citation {
  /** "D6.15", "X2.3(a)", or a part such as "L9". */
  readonly address: Address;
  /** The clause ("D6.15") or part ("L9") cited. */
  readonly clause: string;
  readonly section: string;
  /** True when the cited thing is a part ("Section L9"), not a clause. */
  readonly part: boolean;
  /** Offsets of the address in the text. */
  readonly start: number;
  readonly end: number;
  /** "this Section L10.24": a deliberate reference to the provision itself. */
  readonly self: boolean;
}

const LEAD = /\b(this\s+)?Sections?\s+/g;
const REF = /([A-Z])(\d+[A-Z]?)(?:\.(\d+[A-Z]?))?((?:\([a-zA-Z0-9]{1,5}\))*)(?![\w.]\d)/y;
const JOINER = /\s*(?:,\s*(?:and\s+|or\s+)?|and\/or\s+|and\s+|or\s+|to\s+)/y;
const LIMBS_ONLY = /((?:\([a-zA-Z0-9]{1,5}\))+)/y;

export function findCitations(text: string): Citation[] {
  const out: Citation[] = [];
  for (const lead of text.matchAll(LEAD)) {
    let pos = (lead.index ?? 0) + lead[0].length;
    const self = lead[1] !== undefined;
    let lastClause: { clause: string; section: string; part: boolean } | undefined;
    for (;;) {
      REF.lastIndex = pos;
      const m = REF.exec(text);
      if (m) {
        const section = m[1] ?? '';
        const part = m[3] === undefined;
        const clause = part ? `${section}${m[2]}` : `${section}${m[2]}.${m[3]}`;
        out.push({ address: `${clause}${m[4] ?? ''}`, clause, section, part, start: m.index, end: m.index + m[0].length, self });
        lastClause = { clause, section, part };
        pos = m.index + m[0].length;
      } else if (lastClause) {
        // "(b) and (c)" after "X2.3(a),": limbs of the clause cited last.
        LIMBS_ONLY.lastIndex = pos;
        const l = LIMBS_ONLY.exec(text);
        if (!l) break;
        out.push({ address: `${lastClause.clause}${l[1] ?? ''}`, ...lastClause, start: l.index, end: l.index + l[0].length, self });
        pos = l.index + l[0].length;
      } else {
        break;
      }
      JOINER.lastIndex = pos;
      const j = JOINER.exec(text);
      if (!j) break;
      pos = j.index + j[0].length;
    }
  }
  return out;
}
