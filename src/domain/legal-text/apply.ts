// Apply a change set to a Code version. Operations run in order on a working copy; any operation
// that cannot be applied cleanly is reported as a conflict (never merged silently), and the result
// is either the new Code version or the full list of conflicts.
import type { Address, Clause, CodeNode, CodeVersion, Definition, Paragraph, Section } from './model.ts';
import type { ChangeOperation, ChangeSet, Conflict, ConflictKind } from './change-set.ts';
import { definitionAddress, isWithin, paragraphAddress, parentAddress, parseAddress } from './address.ts';
import { operationTarget, termSortKey } from './change-set.ts';
import { renameTermIn } from './terms.ts';

type Mutable<T> = T extends string | number | boolean | undefined | null
  ? T
  : T extends readonly (infer U)[]
    ? Mutable<U>[]
    : { -readonly [K in keyof T]: Mutable<T[K]> };

type WCode = Mutable<CodeVersion>;
type WSection = Mutable<Section>;
type WClause = Mutable<Clause>;
type WDefinition = Mutable<Definition>;
type WParagraph = Mutable<Paragraph>;
type WNode = WSection | WClause | WDefinition | WParagraph;

export type ApplyResult =
  | { readonly ok: true; readonly code: CodeVersion; readonly touched: readonly Touch[] }
  | { readonly ok: false; readonly conflicts: readonly Conflict[] };

/** What an operation changed, for overlap checks within and across change sets. */
export interface Touch {
  readonly address: Address;
  readonly operation: number;
  readonly changeSet: string;
  readonly kind: ChangeOperation['kind'];
}

interface Located {
  readonly node: WNode;
  readonly list: WNode[];
  readonly index: number;
}

function locate(code: WCode, address: Address): Located | undefined {
  const pa = parseAddress(address);
  if (!pa) return undefined;
  const si = code.sections.findIndex((s) => s.address === pa.section);
  const section = code.sections[si];
  if (pa.clause === undefined) return section ? { node: section, list: code.sections, index: si } : undefined;
  // A clause normally sits in the section its letter names; fall back to a search.
  const holders = section ? [section, ...code.sections.filter((s) => s !== section)] : code.sections;
  for (const s of holders) {
    const ci = s.clauses.findIndex((c) => c.address === pa.clause);
    const clause = s.clauses[ci];
    if (!clause) continue;
    let found: Located = { node: clause, list: s.clauses, index: ci };
    let holder: WClause | WDefinition | WParagraph = clause;
    if (pa.term !== undefined) {
      const di = clause.definitions.findIndex((d) => d.term === pa.term);
      const def = clause.definitions[di];
      if (!def) return undefined;
      found = { node: def, list: clause.definitions, index: di };
      holder = def;
    }
    for (const label of pa.labels) {
      const pi: number = holder.paragraphs.findIndex((p) => p.label === label);
      const p: WParagraph | undefined = holder.paragraphs[pi];
      if (!p) return undefined;
      found = { node: p, list: holder.paragraphs, index: pi };
      holder = p;
    }
    return found;
  }
  return undefined;
}

/** The list a new node of this kind goes into, under its parent. */
function childList(parent: WNode | 'root', code: WCode, kind: CodeNode['kind']): WNode[] | undefined {
  if (parent === 'root') return kind === 'section' ? code.sections : undefined;
  if (parent.kind === 'section') return kind === 'clause' ? parent.clauses : undefined;
  if (parent.kind === 'clause' && kind === 'definition') return parent.definitions;
  return kind === 'paragraph' ? parent.paragraphs : undefined;
}

/** Give paragraphs (and their limbs) the addresses they have under a new parent. */
export function readdressLimbs(ps: readonly Paragraph[], parent: Address): Paragraph[] {
  return ps.map((p) => {
    const address = paragraphAddress(parent, p.label);
    return { ...p, address, paragraphs: readdressLimbs(p.paragraphs, address) };
  });
}

const clone = <T>(x: T): Mutable<T> => structuredClone(x) as Mutable<T>;

const setOptional = (node: Record<string, unknown>, key: string, value: string | null | undefined): void => {
  if (value === undefined) return;
  if (value === null) delete node[key];
  else node[key] = value;
};

function allTerms(code: WCode): string[] {
  return code.sections.flatMap((s) => s.clauses.flatMap((c) => c.definitions.map((d) => d.term)));
}

function definitionsClause(code: WCode): WClause | undefined {
  for (const s of code.sections) {
    const c = s.clauses.find((x) => x.address === 'A1.1') ?? s.clauses.find((x) => x.definitions.length > 0);
    if (c) return c;
  }
  return undefined;
}

function insertAlphabetically(clause: WClause, def: WDefinition): void {
  const key = termSortKey(def.term);
  const at = clause.definitions.findIndex((d) => termSortKey(d.term) > key);
  clause.definitions.splice(at < 0 ? clause.definitions.length : at, 0, def);
}

function renameEverywhere(code: WCode, from: string, to: string): void {
  const others = allTerms(code);
  const r = (s: string): string => renameTermIn(s, from, to, others);
  const limbs = (ps: WParagraph[]): void => {
    for (const p of ps) {
      p.text = r(p.text);
      if (p.tail !== undefined) p.tail = r(p.tail);
      limbs(p.paragraphs);
    }
  };
  for (const s of code.sections) {
    for (const c of s.clauses) {
      c.text = r(c.text);
      if (c.tail !== undefined) c.tail = r(c.tail);
      if (c.heading !== undefined) c.heading = r(c.heading);
      limbs(c.paragraphs);
      for (const d of c.definitions) {
        d.text = r(d.text);
        if (d.tail !== undefined) d.tail = r(d.tail);
        limbs(d.paragraphs);
      }
    }
  }
}

/**
 * Apply operations in order. Returns the touched addresses and conflicts; the working copy is
 * changed in place. Used by applyChangeSet and applyRelease.
 */
function applyOperations(code: WCode, cs: ChangeSet): { touched: Touch[]; conflicts: Conflict[] } {
  const touched: Touch[] = [];
  const conflicts: Conflict[] = [];
  const conflict = (operation: number, kind: ConflictKind, address: Address, message: string, other?: Touch): void => {
    conflicts.push({
      kind, operation, changeSet: cs.id, address, message,
      ...(other ? { other: { changeSet: other.changeSet, operation: other.operation } } : {}),
    });
  };
  const touch = (operation: number, address: Address, kind: ChangeOperation['kind']): void => {
    touched.push({ address, operation, changeSet: cs.id, kind });
  };
  /** An earlier operation on the same provision, or one that deleted it (or an ancestor). */
  const overlapping = (address: Address, kind: ChangeOperation['kind']): Touch | undefined =>
    touched.find((t) =>
      (t.address === address && !(t.kind === 'delete' && kind === 'insert'))
      || (t.kind === 'delete' && isWithin(address, t.address) && !(t.address === address && kind === 'insert'))
      || (kind === 'delete' && isWithin(t.address, address)));

  cs.operations.forEach((op, i) => {
    const target = operationTarget(op, definitionsClause(code)?.address ?? 'A1.1');
    if (op.kind !== 'amend-document') {
      const other = overlapping(target, op.kind);
      if (other) {
        conflict(i, 'overlap', target, `Operation ${i + 1} and operation ${other.operation + 1} of ${cs.id} both change ${target}.`, other);
        return;
      }
    }
    switch (op.kind) {
      case 'amend': {
        const found = locate(code, op.target);
        if (!found) return conflict(i, 'target-missing', op.target, `${op.target} does not exist in the Code.`);
        const n = found.node as unknown as Record<string, unknown>;
        const { text, tail, heading, partHeading, headingLine, title, layout } = op.set;
        if (text !== undefined) n.text = text;
        setOptional(n, 'tail', tail);
        setOptional(n, 'heading', heading);
        setOptional(n, 'partHeading', partHeading);
        setOptional(n, 'headingLine', headingLine);
        if (title !== undefined) n.title = title;
        if (layout !== undefined) n.layout = clone(layout);
        return touch(i, op.target, op.kind);
      }
      case 'insert': {
        const address = op.node.address;
        const parentAddr = parentAddress(address);
        const parent = parentAddr === '' ? 'root' : locate(code, parentAddr)?.node;
        if (parent === undefined) return conflict(i, 'target-missing', parentAddr, `${parentAddr} (where ${address} would go) does not exist.`);
        const list = childList(parent, code, op.node.kind);
        if (!list) return conflict(i, 'misplaced', address, `A ${op.node.kind} cannot be inserted under ${parentAddr || 'the Code'}.`);
        if (list.some((n) => n.address === address)) return conflict(i, 'address-taken', address, `${address} already exists.`);
        let at = 0;
        if (op.after !== null) {
          const after = list.findIndex((n) => n.address === op.after);
          if (after < 0) {
            const exists = locate(code, op.after) !== undefined;
            return conflict(i, exists ? 'misplaced' : 'target-missing', op.after,
              exists ? `${op.after} is not a sibling of ${address}.` : `${op.after} (to insert ${address} after) does not exist.`);
          }
          at = after + 1;
        }
        list.splice(at, 0, clone(op.node) as WNode);
        return touch(i, address, op.kind);
      }
      case 'delete': {
        const found = locate(code, op.target);
        if (!found) return conflict(i, 'target-missing', op.target, `${op.target} does not exist in the Code.`);
        found.list.splice(found.index, 1);
        return touch(i, op.target, op.kind);
      }
      case 'add-definition': {
        const clause = definitionsClause(code);
        if (!clause) return conflict(i, 'target-missing', 'A1.1', 'The Code has no definitions clause (A1.1).');
        if (clause.definitions.some((d) => d.term === op.term)) return conflict(i, 'term-exists', target, `"${op.term}" is already defined.`);
        const address = definitionAddress(clause.address, op.term);
        insertAlphabetically(clause, clone({
          kind: 'definition', address, term: op.term, text: op.text,
          ...(op.tail !== undefined ? { tail: op.tail } : {}),
          paragraphs: readdressLimbs(op.paragraphs ?? [], address),
          layout: { before: '', indent: '', gap: '\t' },
        } satisfies Definition));
        return touch(i, address, op.kind);
      }
      case 'amend-definition': {
        const found = locate(code, target);
        if (!found || found.node.kind !== 'definition') return conflict(i, 'term-missing', target, `"${op.term}" is not defined.`);
        found.node.text = op.text;
        setOptional(found.node as unknown as Record<string, unknown>, 'tail', op.tail);
        return touch(i, target, op.kind);
      }
      case 'rename-term': {
        const clause = definitionsClause(code);
        const di = clause?.definitions.findIndex((d) => d.term === op.from) ?? -1;
        const def = clause?.definitions[di];
        if (!clause || !def) return conflict(i, 'term-missing', target, `"${op.from}" is not defined.`);
        if (clause.definitions.some((d) => d.term === op.to)) return conflict(i, 'term-exists', target, `"${op.to}" is already defined.`);
        renameEverywhere(code, op.from, op.to);
        clause.definitions.splice(di, 1);
        const address = definitionAddress(clause.address, op.to);
        insertAlphabetically(clause, { ...def, term: op.to, address, paragraphs: clone(readdressLimbs(def.paragraphs as Paragraph[], address)) });
        touch(i, target, op.kind);
        return touch(i, address, op.kind);
      }
      case 'amend-document': {
        if (op.preamble !== undefined) code.preamble = op.preamble;
        if (op.epilogue !== undefined) code.epilogue = op.epilogue;
        if (op.finalNewline !== undefined) code.finalNewline = op.finalNewline;
        return touch(i, '', op.kind);
      }
    }
  });
  return { touched, conflicts };
}

export const resultVersion = (base: CodeVersion, cs: ChangeSet): string => cs.resultVersion ?? `${base.version}+${cs.id}`;

/** Apply one change set to the Code version it was drafted against. */
export function applyChangeSet(code: CodeVersion, cs: ChangeSet): ApplyResult {
  if (cs.baseVersion !== code.version) {
    return {
      ok: false,
      conflicts: [{
        kind: 'base-version', operation: -1, changeSet: cs.id, address: '',
        message: `${cs.id} was drafted against SEC ${cs.baseVersion}, not ${code.version}: rebase it first.`,
      }],
    };
  }
  const work = clone(code);
  const { touched, conflicts } = applyOperations(work, cs);
  if (conflicts.length > 0) return { ok: false, conflicts };
  work.version = resultVersion(code, cs);
  return { ok: true, code: work as CodeVersion, touched };
}

export interface Release {
  /** The release's version label, e.g. "5.19". */
  readonly version: string;
  readonly changeSets: readonly ChangeSet[];
}

/**
 * Consolidate several change sets (a SEC Release) onto one base. Each is applied in order; two
 * change sets that change the same provision conflict, even when both would apply (the second
 * would silently overwrite the first).
 */
export function applyRelease(code: CodeVersion, release: Release): ApplyResult {
  const work = clone(code);
  const conflicts: Conflict[] = [];
  const all: Touch[] = [];
  for (const cs of release.changeSets) {
    if (cs.baseVersion !== code.version) {
      conflicts.push({
        kind: 'base-version', operation: -1, changeSet: cs.id, address: '',
        message: `${cs.id} was drafted against SEC ${cs.baseVersion}, not ${code.version}: rebase it first.`,
      });
      continue;
    }
    const r = applyOperations(work, cs);
    conflicts.push(...r.conflicts);
    for (const t of r.touched) {
      const other = all.find((e) => t.address !== ''
        && (e.address === t.address || (t.kind === 'delete' && isWithin(e.address, t.address)) || (e.kind === 'delete' && isWithin(t.address, e.address))));
      if (other) {
        conflicts.push({
          kind: 'overlap', operation: t.operation, changeSet: cs.id, address: t.address,
          message: `${cs.id} and ${other.changeSet} both change ${t.address}.`,
          other: { changeSet: other.changeSet, operation: other.operation },
        });
      }
    }
    all.push(...r.touched);
  }
  if (conflicts.length > 0) return { ok: false, conflicts };
  work.version = release.version;
  return { ok: true, code: work as CodeVersion, touched: all };
}
