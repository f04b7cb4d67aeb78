// Finding uses of a defined term in text. A use is the term as a whole phrase (plural "s" allowed,
// as the SEC pluralises defined terms: "Draft Proposals"), and not part of a longer defined term
// ("Modification Report" inside "Final Modification Report" is a different term).

const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

export interface TermUse {
  readonly start: number;
  readonly end: number;
}

export function findTermUses(text: string, term: string, otherTerms: Iterable<string> = []): TermUse[] {
  if (term.length === 0) return [];
  const shielded: Array<readonly [number, number]> = [];
  for (const longer of otherTerms) {
    if (longer.length <= term.length || !longer.includes(term)) continue;
    for (const m of text.matchAll(phrase(longer))) shielded.push([m.index, m.index + m[0].length]);
  }
  const uses: TermUse[] = [];
  for (const m of text.matchAll(phrase(term))) {
    const start = m.index;
    const end = start + m[0].length;
    if (!shielded.some(([a, b]) => start >= a && end <= b)) uses.push({ start, end });
  }
  return uses;
}

const phrase = (term: string): RegExp =>
  new RegExp(`(?<![\\p{L}\\p{N}-])${escape(term).replace(/ /g, '\\s+')}(?=s?(?![\\p{L}\\p{N}]))`, 'gu');

/** Replace every use of `from` with `to` (keeping a plural "s"). */
export function renameTermIn(text: string, from: string, to: string, otherTerms: Iterable<string> = []): string {
  const uses = findTermUses(text, from, otherTerms);
  if (uses.length === 0) return text;
  let out = '';
  let pos = 0;
  for (const u of uses) {
    out += text.slice(pos, u.start) + to;
    pos = u.end;
  }
  return out + text.slice(pos);
}
