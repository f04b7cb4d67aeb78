// Derive a change set from two Code versions: align children by address (an LCS over the address
// sequence, so order is respected), delete what went, insert what came (after its new previous
// sibling), and amend what stayed but changed. apply(base, diffCodes(base, next)) reproduces next
// exactly — see diff-then-apply-reproduces-the-new-version.unit.test.ts.
import { diffArrays } from 'diff';
import type { Address, CodeNode, CodeVersion, Paragraph } from './model.ts';
import type { AmendFields, ChangeOperation, ChangeSet } from './change-set.ts';

export interface DiffOptions {
  /** The change set's id (e.g. the modification reference). */
  readonly id?: string;
}

const sameRecord = (a: object, b: object): boolean => {
  const ra = a as Record<string, unknown>;
  const rb = b as Record<string, unknown>;
  const keys = new Set([...Object.keys(ra), ...Object.keys(rb)]);
  for (const k of keys) if (ra[k] !== rb[k]) return false;
  return true;
};

/** The fields of `next` that differ from `old` (own content only, not children). */
function ownChanges(old: CodeNode, next: CodeNode): AmendFields | 'replace' | undefined {
  if (old.kind !== next.kind) return 'replace';
  const set: { -readonly [K in keyof AmendFields]: AmendFields[K] } = {};
  const opt = (a: string | undefined, b: string | undefined): string | null | undefined => (a === b ? undefined : (b ?? null));
  if (!sameRecord(old.layout, next.layout)) set.layout = next.layout;
  switch (old.kind) {
    case 'section': {
      const n = next as typeof old;
      if (old.appendix !== n.appendix) return 'replace';
      if (old.title !== n.title) set.title = n.title;
      const h = opt(old.headingLine, n.headingLine);
      if (h !== undefined) set.headingLine = h;
      break;
    }
    case 'clause': {
      const n = next as typeof old;
      if (old.number !== n.number) return 'replace';
      const h = opt(old.heading, n.heading);
      if (h !== undefined) set.heading = h;
      const p = opt(old.partHeading, n.partHeading);
      if (p !== undefined) set.partHeading = p;
      break;
    }
    case 'paragraph':
      if (old.numbering !== (next as Paragraph).numbering) return 'replace';
      break;
    case 'definition':
      break;
  }
  if (old.kind !== 'section' && next.kind !== 'section') {
    if (old.text !== next.text) set.text = next.text;
    const t = opt(old.tail, next.tail);
    if (t !== undefined) set.tail = t;
  }
  return Object.keys(set).length > 0 ? set : undefined;
}

function diffLists(olds: readonly CodeNode[], nexts: readonly CodeNode[], ops: ChangeOperation[]): void {
  const oldByAddress = new Map(olds.map((n) => [n.address, n]));
  const kept = new Set<Address>();
  for (const part of diffArrays(olds.map((n) => n.address), nexts.map((n) => n.address))) {
    if (!part.added && !part.removed) for (const a of part.value) kept.add(a);
  }
  for (const o of olds) if (!kept.has(o.address)) ops.push({ kind: 'delete', target: o.address });
  let previous: Address | null = null;
  for (const n of nexts) {
    const o = kept.has(n.address) ? oldByAddress.get(n.address) : undefined;
    const own = o ? ownChanges(o, n) : undefined;
    if (!o || own === 'replace') {
      if (o) ops.push({ kind: 'delete', target: o.address });
      ops.push({ kind: 'insert', after: previous, node: n });
    } else {
      if (own) ops.push({ kind: 'amend', target: n.address, set: own });
      diffChildren(o, n, ops);
    }
    previous = n.address;
  }
}

function diffChildren(o: CodeNode, n: CodeNode, ops: ChangeOperation[]): void {
  if (o.kind === 'section' && n.kind === 'section') return diffLists(o.clauses, n.clauses, ops);
  if (o.kind === 'section' || n.kind === 'section') return;
  diffLists(o.paragraphs, n.paragraphs, ops);
  if (o.kind === 'clause' && n.kind === 'clause') diffLists(o.definitions, n.definitions, ops);
}

export function diffCodes(base: CodeVersion, next: CodeVersion, options: DiffOptions = {}): ChangeSet {
  const ops: ChangeOperation[] = [];
  if (base.preamble !== next.preamble || base.epilogue !== next.epilogue || base.finalNewline !== next.finalNewline) {
    ops.push({
      kind: 'amend-document',
      ...(base.preamble !== next.preamble ? { preamble: next.preamble } : {}),
      ...(base.epilogue !== next.epilogue ? { epilogue: next.epilogue } : {}),
      ...(base.finalNewline !== next.finalNewline ? { finalNewline: next.finalNewline } : {}),
    });
  }
  diffLists(base.sections, next.sections, ops);
  return { id: options.id ?? `${base.version}..${next.version}`, baseVersion: base.version, resultVersion: next.version, operations: ops };
}
