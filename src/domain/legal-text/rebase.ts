// Rebase a pending change set onto a newer Code version (R-LT-01: when a new SEC version is
// designated before the Final Modification Report goes to the Change Board or the Authority, the
// drafting must be checked for consequential impacts). Clean operations move over unchanged;
// an operation whose target changed between the old and the new base is a conflict, reported with
// both texts; and the result lists what drafting must be checked even where nothing conflicts.
import type { Address, CodeNode, CodeVersion } from './model.ts';
import type { ChangeOperation, ChangeSet, Conflict, ConflictKind } from './change-set.ts';
import { isWithin, parentAddress, parseAddress } from './address.ts';
import { operationTarget } from './change-set.ts';
import { definitionsOf, fullText, indexCode, ownText } from './code-index.ts';
import { exportClause, exportDefinitionText, exportParagraph, exportSection } from './export-text.ts';
import { findCitations } from './cross-references.ts';
import { findTermUses } from './terms.ts';

export interface DraftingCheck {
  readonly address: Address;
  readonly reason: string;
}

export interface RebaseResult {
  /** The operations that moved over cleanly, against the new base. */
  readonly changeSet: ChangeSet;
  readonly conflicts: readonly Conflict[];
  /** Provisions whose drafting must be checked by a person (consequential impacts). */
  readonly toCheck: readonly DraftingCheck[];
}

const clauseOf = (a: Address): string | undefined => parseAddress(a)?.clause;

/** The node's whole text (with everything under it), for comparing and for showing in conflicts. */
function subtreeText(n: CodeNode): string {
  switch (n.kind) {
    case 'section':
      return exportSection(n);
    case 'clause':
      return exportClause(n);
    case 'definition':
      return exportDefinitionText(n);
    case 'paragraph':
      return exportParagraph(n);
  }
}

/** Text an operation introduces (for citations and defined terms it relies on). */
function introducedText(op: ChangeOperation): string {
  switch (op.kind) {
    case 'amend':
      return [op.set.text, op.set.tail, op.set.heading].filter((s): s is string => typeof s === 'string').join('\n');
    case 'insert':
      return op.node.kind === 'section' ? '' : fullText(op.node);
    case 'add-definition':
      return [op.text, ...(op.paragraphs ?? []).map(fullText), op.tail ?? ''].join('\n');
    case 'amend-definition':
      return op.text;
    default:
      return '';
  }
}

export function rebaseChangeSet(cs: ChangeSet, oldBase: CodeVersion, newBase: CodeVersion): RebaseResult {
  const oldIndex = indexCode(oldBase);
  const newIndex = indexCode(newBase);
  const changedBetweenBases = new Set<Address>();
  for (const [address, n] of newIndex) {
    const o = oldIndex.get(address);
    if (!o || ownText(o) !== ownText(n)) changedBetweenBases.add(address);
  }
  for (const address of oldIndex.keys()) if (!newIndex.has(address)) changedBetweenBases.add(address);

  const kept: ChangeOperation[] = [];
  const conflicts: Conflict[] = [];
  const toCheck = new Map<Address, string>();
  const inserted = new Set<Address>();
  const conflict = (operation: number, kind: ConflictKind, address: Address, message: string, texts: { old?: CodeNode | undefined; next?: CodeNode | undefined } = {}): void => {
    conflicts.push({
      kind, operation, changeSet: cs.id, address, message,
      ...(texts.old ? { oldBaseText: subtreeText(texts.old) } : {}),
      ...(texts.next ? { newBaseText: subtreeText(texts.next) } : {}),
    });
  };
  const check = (address: Address, reason: string): void => {
    if (!toCheck.has(address)) toCheck.set(address, reason);
  };

  cs.operations.forEach((op, i) => {
    const target = operationTarget(op);
    const clean = (): void => {
      kept.push(op);
      // A clean operation inside a provision that changed around it still needs a reader.
      for (const a of changedBetweenBases) {
        if (a === target || target === '') continue;
        if (isWithin(target, a)) check(a, `${a} changed in SEC ${newBase.version} and contains ${target}, which ${cs.id} changes.`);
        else if (isWithin(a, target)) check(a, `${a} changed in SEC ${newBase.version} and lies within ${target}, which ${cs.id} changes.`);
        else if (clauseOf(a) !== undefined && clauseOf(a) === clauseOf(target)) check(a, `${a} changed in SEC ${newBase.version}, in the same clause as ${target}, which ${cs.id} changes.`);
      }
      for (const c of findCitations(introducedText(op))) {
        if (changedBetweenBases.has(c.address) || changedBetweenBases.has(c.clause)) {
          check(c.address, `${cs.id} cites ${c.address}, which changed in SEC ${newBase.version}.`);
        }
      }
    };
    switch (op.kind) {
      case 'amend':
      case 'delete':
      case 'amend-definition': {
        if (inserted.has(target)) return clean();
        const o = oldIndex.get(target);
        const n = newIndex.get(target);
        if (!n) return conflict(i, 'target-missing', target, `${target} no longer exists in SEC ${newBase.version}.`, { old: o });
        if (!o) return conflict(i, 'target-missing', target, `${target} did not exist in SEC ${oldBase.version}.`, { next: n });
        // An amendment replaces the provision's own text; a deletion removes everything under it.
        const same = op.kind === 'delete' ? subtreeText(o) === subtreeText(n) : ownText(o) === ownText(n);
        if (!same) return conflict(i, 'target-changed', target, `${target} changed between SEC ${oldBase.version} and ${newBase.version}; redraft this change.`, { old: o, next: n });
        return clean();
      }
      case 'insert': {
        const parent = parentAddress(target);
        if (newIndex.has(target)) return conflict(i, 'address-taken', target, `SEC ${newBase.version} already has ${target}.`, { next: newIndex.get(target) });
        if (parent !== '' && !newIndex.has(parent) && !inserted.has(parent)) return conflict(i, 'target-missing', parent, `${parent} no longer exists in SEC ${newBase.version}.`, { old: oldIndex.get(parent) });
        if (op.after !== null && !newIndex.has(op.after) && !inserted.has(op.after)) return conflict(i, 'target-missing', op.after, `${op.after} no longer exists in SEC ${newBase.version}.`, { old: oldIndex.get(op.after) });
        if (op.after !== null && changedBetweenBases.has(op.after)) check(op.after, `${target} is inserted after ${op.after}, which changed in SEC ${newBase.version}.`);
        inserted.add(target);
        return clean();
      }
      case 'add-definition': {
        if (newIndex.has(target) && !oldIndex.has(target)) return conflict(i, 'term-exists', target, `"${op.term}" is now defined in SEC ${newBase.version}.`, { next: newIndex.get(target) });
        inserted.add(target);
        return clean();
      }
      case 'rename-term': {
        if (!newIndex.has(target)) return conflict(i, 'term-missing', target, `"${op.from}" is no longer defined in SEC ${newBase.version}.`, { old: oldIndex.get(target) });
        const toAddress = target.replace(/\[[^\]]*\]$/, `[${op.to}]`);
        if (newIndex.has(toAddress) && !oldIndex.has(toAddress)) return conflict(i, 'term-exists', toAddress, `"${op.to}" is now defined in SEC ${newBase.version}.`, { next: newIndex.get(toAddress) });
        // New uses of the old term in the new base will be renamed too: someone should read them.
        const terms = [...definitionsOf(newBase).keys()];
        for (const a of changedBetweenBases) {
          const n = newIndex.get(a);
          if (n && findTermUses(ownText(n), op.from, terms).length > 0) check(a, `${a} changed in SEC ${newBase.version} and uses "${op.from}", which ${cs.id} renames to "${op.to}".`);
        }
        return clean();
      }
      case 'amend-document':
        return clean();
    }
  });

  return {
    changeSet: { ...cs, baseVersion: newBase.version, operations: kept, ...(cs.resultVersion !== undefined ? { resultVersion: cs.resultVersion } : {}) },
    conflicts,
    toCheck: [...toCheck].map(([address, reason]) => ({ address, reason })),
  };
}
