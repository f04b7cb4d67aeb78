// Redline between two Code versions. Clauses are aligned by address first, so unchanged clauses
// cost one string comparison and are never diffed; only changed clauses get a word-level diff
// (diffArrays over word/space/punctuation tokens, which — unlike diffWords — keeps every
// character, so the old and the new text can both be rebuilt from the segments).
// Each definition of A1.1 is a unit of its own: a change to one definition does not redline the
// whole definitions clause.
import { diffArrays } from 'diff';
import type { Address, CodeVersion } from './model.ts';
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
  readonly text: string;
}

/** The units a redline compares, in document order. */
export function redlineUnits(code: CodeVersion): Unit[] {
  const units: Unit[] = [];
  for (const s of code.sections) {
    if (s.headingLine !== undefined) units.push({ address: s.address, kind: 'section', text: `${s.headingLine}\n` });
    for (const c of s.clauses) {
      units.push({ address: c.address, kind: 'clause', text: exportClause(c, { withoutLeadingBlanks: true, withoutDefinitions: true }) });
      for (const d of c.definitions) units.push({ address: d.address, kind: 'definition', text: exportDefinitionText(d, { withoutLeadingBlanks: true }) });
    }
  }
  return units;
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

export function redline(base: CodeVersion, next: CodeVersion): Redline {
  const olds = redlineUnits(base);
  const nexts = redlineUnits(next);
  const oldByAddress = new Map(olds.map((u) => [u.address, u]));
  const nextByAddress = new Map(nexts.map((u) => [u.address, u]));
  const entries: RedlineEntry[] = [];
  // Order: an LCS over addresses (cheap: addresses are unique and mostly unchanged), so deleted
  // units appear where they were and moved units show as deleted + inserted.
  for (const part of diffArrays(olds.map((u) => u.address), nexts.map((u) => u.address))) {
    for (const address of part.value) {
      if (part.removed) {
        const u = oldByAddress.get(address);
        if (u) entries.push({ address, kind: u.kind, status: 'deleted', segments: [{ op: 'delete', text: u.text }] });
      } else if (part.added) {
        const u = nextByAddress.get(address);
        if (u) entries.push({ address, kind: u.kind, status: 'inserted', segments: [{ op: 'insert', text: u.text }] });
      } else {
        const o = oldByAddress.get(address);
        const n = nextByAddress.get(address);
        if (o && n && o.text !== n.text) entries.push({ address, kind: n.kind, status: 'changed', segments: diffText(o.text, n.text) });
      }
    }
  }
  return { baseVersion: base.version, newVersion: next.version, entries };
}
