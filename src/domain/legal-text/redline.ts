// Redline between two Code versions. Clauses are aligned by address first, so unchanged clauses
// cost one string comparison and are never diffed; only changed clauses get a word-level diff
// (diffArrays over word/space/punctuation tokens, which — unlike diffWords — keeps every
// character, so the old and the new text can both be rebuilt from the segments).
// Each definition of A1.1 is a unit of its own: a change to one definition does not redline the
// whole definitions clause.
import { diffArrays } from 'diff';
import type { Address, Clause, CodeVersion, Definition, NodeLayout, Paragraph, Section } from './model.ts';
import { exportClause, exportDefinitionText } from './export-text.ts';

export type SegmentOp = 'equal' | 'insert' | 'delete';

export interface RedlineSegment {
  readonly op: SegmentOp;
  readonly text: string;
}

export type RedlineStatus = 'inserted' | 'deleted' | 'changed';

export interface RedlineEntry {
  readonly address: Address;
  readonly kind: 'section' | 'clause' | 'definition';
  readonly status: RedlineStatus;
  readonly segments: readonly RedlineSegment[];
}

export interface Redline {
  readonly baseVersion: string;
  readonly newVersion: string;
  readonly entries: readonly RedlineEntry[];
}

interface Unit {
  readonly address: Address;
  readonly kind: RedlineEntry['kind'];
  readonly node: Section | Clause | Definition;
}

/** The units a redline compares, in document order. */
function units(code: CodeVersion): Unit[] {
  const out: Unit[] = [];
  for (const s of code.sections) {
    if (s.headingLine !== undefined) out.push({ address: s.address, kind: 'section', node: s });
    for (const c of s.clauses) {
      out.push({ address: c.address, kind: 'clause', node: c });
      for (const d of c.definitions) out.push({ address: d.address, kind: 'definition', node: d });
    }
  }
  return out;
}

/** A unit's text as the redline shows it (blank lines before it are not part of it). */
const unitText = (u: Unit): string =>
  u.kind === 'section'
    ? `${(u.node as Section).headingLine}\n`
    : u.kind === 'clause'
      ? exportClause(u.node as Clause, { withoutLeadingBlanks: true, withoutDefinitions: true })
      : exportDefinitionText(u.node as Definition, { withoutLeadingBlanks: true });

/** The units with their texts (kept for callers that need the texts of every unit). */
export function redlineUnits(code: CodeVersion): { address: Address; kind: RedlineEntry['kind']; text: string }[] {
  return units(code).map((u) => ({ address: u.address, kind: u.kind, text: unitText(u) }));
}

const TOKEN = /[\p{L}\p{N}]+(?:['’-][\p{L}\p{N}]+)*|\s+|[^\s\p{L}\p{N}]/gu;

/** Words, runs of whitespace, and single punctuation marks; joined they give the text back. */
export const tokenize = (text: string): string[] => text.match(TOKEN) ?? [];

/**
 * How finely a changed run is shown, as in Word's Compare "Show changes at": 'word' (the default,
 * what the portal shows) marks whole words; 'character' refines each changed run to a minimal
 * character-level edit (fewest changed characters within the run; for comparison with
 * character-level diff tools).
 */
export type RedlineGranularity = 'word' | 'character';

export interface RedlineOptions {
  readonly granularity?: RedlineGranularity;
}

/**
 * Segments from old to new. Runs of changes are grouped as one deletion followed by one insertion,
 * and a lone space between two changes is folded into them, so the redline reads as phrases
 * rather than alternating words. Tokens a run's deletion and insertion share at their start or end
 * (often a space the word diff matched elsewhere) are shown as unchanged rather than deleted and
 * re-inserted.
 */
export function diffText(oldText: string, newText: string, granularity: RedlineGranularity = 'word'): RedlineSegment[] {
  if (oldText === newText) return oldText === '' ? [] : [{ op: 'equal', text: oldText }];
  // Only the middle between the longest common head and tail (cut where a token starts) is diffed.
  const { head, tail } = commonEnds(oldText, newText);
  const raw: RedlineSegment[] = [];
  const add = (op: SegmentOp, text: string): void => {
    const last = raw[raw.length - 1];
    if (last && last.op === op) raw[raw.length - 1] = { op, text: last.text + text };
    else if (text) raw.push({ op, text });
  };
  add('equal', oldText.slice(0, head));
  for (const part of diffSequences(tokenize(oldText.slice(head, oldText.length - tail)), tokenize(newText.slice(head, newText.length - tail)))) {
    add(part.op, part.items.join(''));
  }
  add('equal', oldText.slice(oldText.length - tail));
  const folded = raw.flatMap((s, i): RedlineSegment[] => {
    const before = raw[i - 1];
    const after = raw[i + 1];
    if (s.op === 'equal' && /^[ \t]+$/.test(s.text) && before && after && before.op !== 'equal' && after.op !== 'equal') {
      return [{ op: 'delete', text: s.text }, { op: 'insert', text: s.text }];
    }
    return [s];
  });
  const out: RedlineSegment[] = [];
  const push = (op: SegmentOp, text: string): void => {
    if (text.length === 0) return;
    const last = out[out.length - 1];
    if (last && last.op === op) out[out.length - 1] = { op, text: last.text + text };
    else out.push({ op, text });
  };
  let del = '';
  let ins = '';
  const flush = (): void => {
    const run = trimRun(del, ins);
    push('equal', run.before);
    if (granularity === 'character' && run.del && run.ins) {
      for (const part of diffSequences([...run.del], [...run.ins])) push(part.op, part.items.join(''));
    } else {
      push('delete', run.del);
      push('insert', run.ins);
    }
    push('equal', run.after);
    del = '';
    ins = '';
  };
  for (const s of folded) {
    if (s.op === 'delete') del += s.text;
    else if (s.op === 'insert') ins += s.text;
    else {
      flush();
      push('equal', s.text);
    }
  }
  flush();
  return sortRuns(out);
}

/** Above this many cells a change is diffed by jsdiff's Myers (O(ND)) rather than a table. */
const TABLE_CELLS = 40_000;

/**
 * A shortest edit script from x to y (a longest common subsequence kept equal). Small inputs —
 * the changed middle of a clause — use an LCS table, which costs less than setting up jsdiff;
 * larger ones use jsdiff's diffArrays. Either way the script is minimal.
 */
export function diffSequences<T>(x: readonly T[], y: readonly T[]): { op: SegmentOp; items: T[] }[] {
  const n = x.length;
  const m = y.length;
  if ((n + 1) * (m + 1) > TABLE_CELLS) {
    return diffArrays(x as T[], y as T[]).map((p) => ({ op: p.added ? 'insert' : p.removed ? 'delete' : 'equal', items: p.value }));
  }
  // lcs[i * (m + 1) + j] = length of an LCS of x[i…] and y[j…].
  const w = m + 1;
  const lcs = new Int32Array((n + 1) * w);
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      lcs[i * w + j] = x[i] === y[j] ? lcs[(i + 1) * w + j + 1]! + 1 : Math.max(lcs[(i + 1) * w + j]!, lcs[i * w + j + 1]!);
    }
  }
  const out: { op: SegmentOp; items: T[] }[] = [];
  const put = (op: SegmentOp, item: T): void => {
    const last = out[out.length - 1];
    if (last && last.op === op) last.items.push(item);
    else out.push({ op, items: [item] });
  };
  let i = 0;
  let j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && x[i] === y[j]) {
      put('equal', x[i]!);
      i++;
      j++;
    } else if (j >= m || (i < n && lcs[(i + 1) * w + j]! >= lcs[i * w + j + 1]!)) {
      put('delete', x[i]!);
      i++;
    } else {
      put('insert', y[j]!);
      j++;
    }
  }
  return out;
}

const SPACE = /\s/;
const spaceAt = (t: string, i: number): boolean => {
  const c = t.charCodeAt(i);
  return c < 128 ? c === 32 || (c >= 9 && c <= 13) : SPACE.test(t.charAt(i));
};

/**
 * The lengths of a common head and a common tail of two different texts, each ending where a
 * token boundary lies in both: after the head a run of whitespace starts (after a non-space), and
 * before the tail one ends. Tokens never span such a point, so the tokens of the middle are the
 * middle's share of the tokens of the whole.
 */
function commonEnds(a: string, b: string): { head: number; tail: number } {
  const min = Math.min(a.length, b.length);
  let p = 0;
  while (p < min && a.charCodeAt(p) === b.charCodeAt(p)) p++;
  let head = p - 1;
  while (head > 0 && !(spaceAt(a, head) && !spaceAt(a, head - 1))) head--;
  head = Math.max(head, 0);
  let s = 0;
  while (s < min - head && a.charCodeAt(a.length - 1 - s) === b.charCodeAt(b.length - 1 - s)) s++;
  let tail = s - 1;
  while (tail > 0 && !(spaceAt(a, a.length - tail - 1) && !spaceAt(a, a.length - tail))) tail--;
  return { head, tail: Math.max(tail, 0) };
}

/** Whole tokens a deletion and an insertion share at their start and end become unchanged text. */
function trimRun(del: string, ins: string): { before: string; del: string; ins: string; after: string } {
  if (!del || !ins) return { before: '', del, ins, after: '' };
  const d = tokenize(del);
  const n = tokenize(ins);
  let head = 0;
  while (head < d.length && head < n.length && d[head] === n[head]) head++;
  let tail = 0;
  while (tail < d.length - head && tail < n.length - head && d[d.length - 1 - tail] === n[n.length - 1 - tail]) tail++;
  if (head === 0 && tail === 0) return { before: '', del, ins, after: '' };
  return {
    before: d.slice(0, head).join(''),
    del: d.slice(head, d.length - tail).join(''),
    ins: n.slice(head, n.length - tail).join(''),
    after: d.slice(d.length - tail).join(''),
  };
}

/** Within each run of changes between two unchanged segments, the deletion comes before the insertion. */
function sortRuns(segments: RedlineSegment[]): RedlineSegment[] {
  const out: RedlineSegment[] = [];
  let del = '';
  let ins = '';
  const flush = (): void => {
    if (del) out.push({ op: 'delete', text: del });
    if (ins) out.push({ op: 'insert', text: ins });
    del = '';
    ins = '';
  };
  for (const s of segments) {
    if (s.op === 'delete') del += s.text;
    else if (s.op === 'insert') ins += s.text;
    else {
      flush();
      out.push(s);
    }
  }
  flush();
  return out;
}

/** Rebuild one side of a redline entry: equal+delete is the old text, equal+insert the new. */
export const oldTextOf = (segments: readonly RedlineSegment[]): string =>
  segments.filter((s) => s.op !== 'insert').map((s) => s.text).join('');
export const newTextOf = (segments: readonly RedlineSegment[]): string =>
  segments.filter((s) => s.op !== 'delete').map((s) => s.text).join('');

// Whether two units print the same text, by comparing their fields: far cheaper than printing
// both, and most units of two Code versions are unchanged. (Blank lines before a unit are not
// part of it; a section's clauses and a clause's definitions are units of their own.)
const sameLayout = (a: NodeLayout, b: NodeLayout): boolean => a.indent === b.indent && a.gap === b.gap;

function sameParagraphs(a: readonly Paragraph[], b: readonly Paragraph[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    const x = a[i]!;
    const y = b[i]!;
    if (x.label !== y.label || x.text !== y.text || x.tail !== y.tail || x.layout.before !== y.layout.before || !sameLayout(x.layout, y.layout) || !sameParagraphs(x.paragraphs, y.paragraphs)) return false;
  }
  return true;
}

function sameUnit(o: Unit, n: Unit): boolean {
  if (o.node === n.node) return true;
  if (o.kind === 'section') return (o.node as Section).headingLine === (n.node as Section).headingLine;
  if (o.kind === 'definition') {
    const a = o.node as Definition;
    const b = n.node as Definition;
    return a.term === b.term && a.text === b.text && a.tail === b.tail && sameLayout(a.layout, b.layout) && sameParagraphs(a.paragraphs, b.paragraphs);
  }
  const a = o.node as Clause;
  const b = n.node as Clause;
  const la = a.layout;
  const lb = b.layout;
  return (
    a.number === b.number && a.text === b.text && a.tail === b.tail && a.heading === b.heading && a.partHeading === b.partHeading &&
    sameLayout(la, lb) && la.partPrefix === lb.partPrefix && la.afterPart === lb.afterPart && la.headingPrefix === lb.headingPrefix && la.afterHeading === lb.afterHeading &&
    sameParagraphs(a.paragraphs, b.paragraphs)
  );
}

/** The addresses of the units a redline compares, in document order. */
export const unitAddresses = (code: CodeVersion): Address[] => units(code).map((u) => u.address);

export function redline(base: CodeVersion, next: CodeVersion, options: RedlineOptions = {}): Redline {
  const olds = units(base);
  const nexts = units(next);
  const entries: RedlineEntry[] = [];
  const compare = (o: Unit, n: Unit): void => {
    if (sameUnit(o, n)) return;
    const ot = unitText(o);
    const nt = unitText(n);
    if (ot !== nt) entries.push({ address: n.address, kind: n.kind, status: 'changed', segments: diffText(ot, nt, options.granularity) });
  };
  // The usual case: the same addresses in the same order, paired one to one.
  if (olds.length === nexts.length && olds.every((u, i) => u.address === nexts[i]!.address)) {
    for (let i = 0; i < olds.length; i++) compare(olds[i]!, nexts[i]!);
    return { baseVersion: base.version, newVersion: next.version, entries };
  }
  const oldByAddress = new Map(olds.map((u) => [u.address, u]));
  const nextByAddress = new Map(nexts.map((u) => [u.address, u]));
  // Otherwise an LCS over addresses (cheap: addresses are unique and mostly unchanged), so
  // deleted units appear where they were and moved units show as deleted + inserted.
  for (const part of diffArrays(olds.map((u) => u.address), nexts.map((u) => u.address))) {
    for (const address of part.value) {
      if (part.removed) {
        const u = oldByAddress.get(address);
        if (u) entries.push({ address, kind: u.kind, status: 'deleted', segments: [{ op: 'delete', text: unitText(u) }] });
      } else if (part.added) {
        const u = nextByAddress.get(address);
        if (u) entries.push({ address, kind: u.kind, status: 'inserted', segments: [{ op: 'insert', text: unitText(u) }] });
      } else {
        const o = oldByAddress.get(address);
        const n = nextByAddress.get(address);
        if (o && n) compare(o, n);
      }
    }
  }
  return { baseVersion: base.version, newVersion: next.version, entries };
}
