// Derive a change set from a legal-text document that quotes only the provisions it amends (an
// EXCERPT of the Code), against the full base Code version.
//
// Diffing an excerpt against the whole base would read every provision the drafter did not
// reproduce as deleted (an excerpt of C7.2 showing only (f) would "delete" C7.2(i)). So the
// excerpt is first laid over the base — only what the document contains is compared — and the
// change set is the difference between the base and that overlay. The conventions:
//
//  - A provision ABSENT from the document is unchanged (limbs, clauses, definitions, sections).
//  - A provision PRESENT in the document replaces the base's own text of that provision; its
//    limbs are compared the same way, one by one.
//  - A cross-heading, part heading or tail the document leaves out is unchanged (an excerpt
//    often omits them); to remove one, record the change set as JSON operations instead.
//  - A provision whose whole text is the marker "[Deleted]" (any case, optional full stop) and
//    which has no limbs of its own is DELETED, with everything under it. "[Not used]" is not a
//    deletion: the SEC keeps such provisions to preserve numbering, so it is an ordinary amendment.
//  - A provision whose whole own text is an elision ("…", "...", "[…]", "[...]") keeps its base
//    text; only its quoted limbs are compared.
//  - A provision the base does not have is INSERTED after the sibling the document shows before
//    it (or before the one it shows after it); otherwise by its number (definitions always in
//    alphabetical order, as A1.1 keeps them). Whitespace of provisions that exist in the base is
//    the base's, so a redline never reports spacing the drafter did not change.
import type { Address, Clause, CodeNode, CodeVersion, Definition, Paragraph, Section } from './model.ts';
import type { ChangeSet } from './change-set.ts';
import { termSortKey } from './change-set.ts';
import { diffCodes } from './diff-codes.ts';

const DELETED = /^\[\s*deleted\s*\]\.?$/i;
const ELIDED = /^\[?\s*(?:…|\.\.\.)\s*\]?$/;

export interface ExcerptChangeSet {
  readonly changeSet: ChangeSet;
  /** Provisions the document marks "[Deleted]" that the base does not have (nothing to delete). */
  readonly unmatchedDeletions: readonly Address[];
}

/** True when the node is a deletion marker: "[Deleted]" and nothing under it. */
export function isDeletionMarker(n: CodeNode): boolean {
  if (n.kind === 'section') return false;
  if (n.paragraphs.length > 0) return false;
  if (n.kind === 'clause' && n.definitions.length > 0) return false;
  return DELETED.test(n.text.trim());
}

const isElided = (text: string): boolean => ELIDED.test(text.trim());

/** Where a new node goes when no sibling in the document anchors it. */
function byNumber(a: CodeNode, b: CodeNode): number {
  if (a.kind === 'definition' && b.kind === 'definition') return termSortKey(a.term).localeCompare(termSortKey(b.term));
  if (a.kind === 'paragraph' && b.kind === 'paragraph' && (a.numbering === 'roman' || b.numbering === 'roman')) return 1; // roman numerals do not sort as text: append
  return a.address.localeCompare(b.address, 'en', { numeric: true });
}

/** Remove deletion markers from a node that is new (there is nothing in the base to delete). */
function withoutMarkers<T extends CodeNode>(n: T, unmatched: Address[]): T {
  const keep = <C extends CodeNode>(list: readonly C[]): C[] => list.flatMap((c) => {
    if (isDeletionMarker(c)) {
      unmatched.push(c.address);
      return [];
    }
    return [withoutMarkers(c, unmatched)];
  });
  switch (n.kind) {
    case 'section':
      return { ...n, clauses: keep(n.clauses) };
    case 'clause':
      return { ...n, paragraphs: keep(n.paragraphs), definitions: keep(n.definitions) };
    default:
      return { ...n, paragraphs: keep((n as Paragraph | Definition).paragraphs) };
  }
}

function mergeList<T extends CodeNode>(base: readonly T[], excerpt: readonly T[], merge: (b: T, e: T) => T, unmatched: Address[]): T[] {
  const out: T[] = [...base];
  const at = (address: Address): number => out.findIndex((n) => n.address === address);
  excerpt.forEach((e, i) => {
    const existing = at(e.address);
    if (existing >= 0) {
      if (isDeletionMarker(e)) out.splice(existing, 1);
      else out[existing] = merge(out[existing]!, e);
      return;
    }
    if (isDeletionMarker(e)) {
      unmatched.push(e.address);
      return;
    }
    const node = withoutMarkers(e, unmatched);
    let position = -1;
    if (e.kind !== 'definition') {
      for (let j = i - 1; j >= 0 && position < 0; j--) {
        const p = at(excerpt[j]!.address);
        if (p >= 0) position = p + 1;
      }
      for (let j = i + 1; j < excerpt.length && position < 0; j++) {
        const p = at(excerpt[j]!.address);
        if (p >= 0) position = p;
      }
    }
    if (position < 0) {
      const later = out.findIndex((n) => byNumber(n, e) > 0);
      position = later < 0 ? out.length : later;
    }
    out.splice(position, 0, node);
  });
  return out;
}

const optional = <K extends string>(key: K, excerpt: string | undefined, base: string | undefined): Partial<Record<K, string>> => {
  const v = excerpt ?? base;
  return (v === undefined ? {} : { [key]: v }) as Partial<Record<K, string>>;
};

/** A limb or a definition: its own text and tail, then its limbs merged one by one. */
function mergeLimbed(b: Paragraph, e: Paragraph, unmatched: Address[]): Paragraph;
function mergeLimbed(b: Definition, e: Definition, unmatched: Address[]): Definition;
function mergeLimbed(b: Paragraph | Definition, e: Paragraph | Definition, unmatched: Address[]): Paragraph | Definition {
  const { tail: _tail, ...rest } = b;
  return {
    ...rest,
    text: isElided(e.text) ? b.text : e.text,
    ...optional('tail', e.tail, b.tail),
    paragraphs: mergeList(b.paragraphs, e.paragraphs, (x, y) => mergeLimbed(x, y, unmatched), unmatched),
  };
}

function mergeClause(b: Clause, e: Clause, unmatched: Address[]): Clause {
  const { tail: _tail, heading: _heading, partHeading: _partHeading, ...rest } = b;
  return {
    ...rest,
    ...optional('partHeading', e.partHeading, b.partHeading),
    ...optional('heading', e.heading, b.heading),
    text: isElided(e.text) ? b.text : e.text,
    ...optional('tail', e.tail, b.tail),
    paragraphs: mergeList(b.paragraphs, e.paragraphs, (x, y) => mergeLimbed(x, y, unmatched), unmatched),
    definitions: mergeList(b.definitions, e.definitions, (x, y) => mergeLimbed(x, y, unmatched), unmatched),
  };
}

function mergeSection(b: Section, e: Section, unmatched: Address[]): Section {
  return { ...b, clauses: mergeList(b.clauses, e.clauses, (x, y) => mergeClause(x, y, unmatched), unmatched) };
}

/** The base with the excerpt's provisions laid over it (absent provisions unchanged). */
export function overlayExcerpt(base: CodeVersion, excerpt: CodeVersion): { code: CodeVersion; unmatchedDeletions: Address[] } {
  const unmatched: Address[] = [];
  const sections = mergeList(base.sections, excerpt.sections, (x, y) => mergeSection(x, y, unmatched), unmatched);
  return { code: { ...base, version: excerpt.version, sections }, unmatchedDeletions: unmatched };
}

/** The change set a legal-text excerpt makes to its base Code version (see the conventions above). */
export function changeSetFromExcerpt(base: CodeVersion, excerpt: CodeVersion, options: { readonly id: string }): ExcerptChangeSet {
  const { code, unmatchedDeletions } = overlayExcerpt(base, excerpt);
  const diff = diffCodes(base, code, { id: options.id });
  return { changeSet: { id: options.id, baseVersion: base.version, operations: diff.operations }, unmatchedDeletions };
}
