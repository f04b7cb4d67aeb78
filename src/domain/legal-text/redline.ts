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
 * Word-level segments from old to new. Runs of changes are grouped as one deletion followed by one
 * insertion, and a lone space between two changes is folded into them, so the redline reads as
 * phrases rather than alternating words.
 */
export function diffText(oldText: string, newText: string): RedlineSegment[] {
  if (oldText === newText) return oldText === '' ? [] : [{ op: 'equal', text: oldText }];
  const raw: RedlineSegment[] = [];
  for (const part of diffArrays(tokenize(oldText), tokenize(newText))) {
    raw.push({ op: part.added ? 'insert' : part.removed ? 'delete' : 'equal', text: part.value.join('') });
  }
  const folded = raw.flatMap((s, i): RedlineSegment[] => {
    const before = raw[i - 1];
    const after = raw[i + 1];
    if (s.op === 'equal' && /^[ \t]+$/.test(s.text) && before && after && before.op !== 'equal' && after.op !== 'equal') {
      return [{ op: 'delete', text: s.text }, { op: 'insert', text: s.text }];
    }
    return [s];
  });
  const out: RedlineSegment[] = [];
  let del = '';
  let ins = '';
  const flush = (): void => {
    if (del) out.push({ op: 'delete', text: del });
    if (ins) out.push({ op: 'insert', text: ins });
    del = '';
    ins = '';
  };
  for (const s of folded) {
    if (s.op === 'delete') del += s.text;
    else if (s.op === 'insert') ins += s.text;
    else {
      flush();
      out.push(s);
    }
  }
  flush();
  return out.filter((s) => s.text.length > 0);
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

export function redline(base: CodeVersion, next: CodeVersion): Redline {
  const olds = units(base);
  const nexts = units(next);
  const entries: RedlineEntry[] = [];
  const compare = (o: Unit, n: Unit): void => {
    if (sameUnit(o, n)) return;
    const ot = unitText(o);
    const nt = unitText(n);
    if (ot !== nt) entries.push({ address: n.address, kind: n.kind, status: 'changed', segments: diffText(ot, nt) });
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
