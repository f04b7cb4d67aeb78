// Change sets as people and systems write them (the JSON form of the API), turned into the
// engine's operations, and operations summarised back for reading. The JSON form names every
// target by address and carries plain text; layout (indents, blank lines) follows the SEC's
// plain-text layout, so a new provision exports and re-imports as itself.
import type { ChangeOperation } from './change-set.ts';
import type { Address, Clause, CodeNode, Definition, Numbering, Paragraph, Section } from './model.ts';
import { emptyClauseLayout } from './model.ts';
import { parseAddress } from './address.ts';

/** One operation in the JSON form. Unknown or missing fields are reported, never guessed. */
export interface OperationInput {
  readonly kind: string;
  readonly target?: string;
  readonly address?: string;
  readonly after?: string | null;
  readonly text?: string;
  readonly tail?: string | null;
  readonly heading?: string | null;
  readonly term?: string;
  readonly from?: string;
  readonly to?: string;
}

export const OPERATION_KINDS = ['amend', 'insert', 'delete', 'add-definition', 'amend-definition', 'rename-term'] as const;

export type OperationsResult =
  | { readonly ok: true; readonly operations: readonly ChangeOperation[] }
  | { readonly ok: false; readonly errors: readonly string[] };

const LIMB_NUMBERING: readonly Numbering[] = ['alpha', 'roman', 'upper'];
const TERM = /^[^\t\n[\]]{1,120}$/;

/** The node an insert creates at `address`, with the layout the SEC's plain text gives it. */
function newNode(address: Address, text: string, heading: string | undefined): CodeNode | string {
  const pa = parseAddress(address);
  if (!pa) return `"${address}" is not an address like C7.2, C7.2(f) or A1.1[Term]`;
  if (pa.clause === undefined) {
    const appendix = pa.section.length === 2;
    return {
      kind: 'section', address, appendix, title: text,
      headingLine: appendix ? `Appendix ${address} ‘${text}’` : `Section ${address} – ${text}`,
      clauses: [], layout: { before: '\n' },
    } satisfies Section;
  }
  const label = pa.labels[pa.labels.length - 1];
  if (label !== undefined) {
    const numbering = LIMB_NUMBERING[pa.labels.length - 1];
    if (!numbering) return `"${address}" is nested deeper than the SEC's three levels of limbs`;
    return {
      kind: 'paragraph', address, label, numbering, text, paragraphs: [],
      layout: { before: '', indent: '    '.repeat(pa.labels.length), gap: ' ' },
    } satisfies Paragraph;
  }
  if (pa.term !== undefined) {
    return { kind: 'definition', address, term: pa.term, text, paragraphs: [], layout: { before: '', indent: '', gap: '\t' } } satisfies Definition;
  }
  const appendix = address.includes(' ');
  return {
    kind: 'clause', address, number: appendix ? address.slice(address.indexOf(' ') + 1) : address,
    ...(heading !== undefined ? { heading } : {}),
    text, paragraphs: [], definitions: [],
    layout: { ...emptyClauseLayout(), ...(heading !== undefined ? { before: '\n', afterHeading: '\n' } : {}) },
  } satisfies Clause;
}

const isText = (v: unknown): v is string => typeof v === 'string' && v.trim() !== '';

/** Validate the JSON form and build the engine's operations; every problem is reported with its operation number. */
export function operationsFromInput(inputs: readonly OperationInput[]): OperationsResult {
  const errors: string[] = [];
  const operations: ChangeOperation[] = [];
  inputs.forEach((op, i) => {
    const n = `Operation ${i + 1} (${op.kind})`;
    const address = (field: 'target' | 'address', value: string | undefined): value is string => {
      if (!isText(value)) errors.push(`${n} needs a ${field}, the address of a provision such as C7.2(f)`);
      else if (!parseAddress(value)) errors.push(`${n}: "${value}" is not an address like C7.2, C7.2(f), AG 3.2.4 or A1.1[Term]`);
      else return true;
      return false;
    };
    const term = (field: 'term' | 'from' | 'to', value: string | undefined): value is string => {
      if (!isText(value) || !TERM.test(value)) {
        errors.push(`${n} needs a ${field}: a defined term of 1 to 120 characters without tabs or brackets`);
        return false;
      }
      return true;
    };
    const text = (required: boolean): boolean => {
      if (op.text === undefined && !required) return true;
      if (!isText(op.text)) {
        errors.push(`${n} needs the new text`);
        return false;
      }
      return true;
    };
    switch (op.kind) {
      case 'amend': {
        if (!address('target', op.target)) return;
        if (op.text === undefined && op.tail === undefined && op.heading === undefined) {
          errors.push(`${n} of ${op.target} changes nothing: give text, tail or heading`);
          return;
        }
        if (!text(false)) return;
        operations.push({
          kind: 'amend', target: op.target,
          set: { ...(op.text !== undefined ? { text: op.text } : {}), ...(op.tail !== undefined ? { tail: op.tail } : {}), ...(op.heading !== undefined ? { heading: op.heading } : {}) },
        });
        return;
      }
      case 'insert': {
        if (!address('address', op.address) || !text(true)) return;
        if (op.after !== undefined && op.after !== null && !parseAddress(op.after)) {
          errors.push(`${n}: after "${op.after}" is not an address (use null to insert as the first provision)`);
          return;
        }
        const node = newNode(op.address, op.text ?? '', op.heading ?? undefined);
        if (typeof node === 'string') {
          errors.push(`${n}: ${node}`);
          return;
        }
        operations.push({ kind: 'insert', after: op.after ?? null, node });
        return;
      }
      case 'delete':
        if (address('target', op.target)) operations.push({ kind: 'delete', target: op.target });
        return;
      case 'add-definition':
        if (term('term', op.term) && text(true)) operations.push({ kind: 'add-definition', term: op.term, text: op.text ?? '' });
        return;
      case 'amend-definition':
        if (term('term', op.term) && text(true)) operations.push({ kind: 'amend-definition', term: op.term, text: op.text ?? '' });
        return;
      case 'rename-term':
        if (term('from', op.from) && term('to', op.to)) {
          if (op.from === op.to) errors.push(`${n} renames "${op.from}" to itself`);
          else operations.push({ kind: 'rename-term', from: op.from, to: op.to });
        }
        return;
      default:
        errors.push(`Operation ${i + 1}: "${op.kind}" is not an operation (use one of ${OPERATION_KINDS.join(', ')})`);
    }
  });
  if (inputs.length === 0) errors.push('A change set needs at least one operation');
  return errors.length > 0 ? { ok: false, errors } : { ok: true, operations };
}

/** A line a person can read for each operation (portal and API). */
export interface OperationSummary {
  readonly kind: ChangeOperation['kind'];
  readonly address: Address;
  readonly after?: Address | null;
  readonly text?: string;
  readonly description: string;
}

export function summariseOperation(op: ChangeOperation): OperationSummary {
  switch (op.kind) {
    case 'amend': {
      const fields = Object.keys(op.set).filter((k) => k !== 'layout');
      return {
        kind: op.kind, address: op.target, ...(op.set.text !== undefined ? { text: op.set.text } : {}),
        description: fields.length === 0 ? `Re-space ${op.target}` : `Amend the ${fields.join(', ')} of ${op.target}`,
      };
    }
    case 'insert': {
      const n = op.node;
      const text = n.kind === 'section' ? n.title : n.text;
      return { kind: op.kind, address: n.address, after: op.after, text, description: `Insert ${n.kind} ${n.address} ${op.after === null ? 'as the first of its kind' : `after ${op.after}`}` };
    }
    case 'delete':
      return { kind: op.kind, address: op.target, description: `Delete ${op.target} and everything under it` };
    case 'add-definition':
      return { kind: op.kind, address: `A1.1[${op.term}]`, text: op.text, description: `Define "${op.term}" in A1.1` };
    case 'amend-definition':
      return { kind: op.kind, address: `A1.1[${op.term}]`, text: op.text, description: `Amend the definition of "${op.term}"` };
    case 'rename-term':
      return { kind: op.kind, address: `A1.1[${op.from}]`, description: `Rename the defined term "${op.from}" to "${op.to}" everywhere it is used` };
    case 'amend-document':
      return { kind: op.kind, address: '', description: 'Amend the text outside the sections (title page or trailing lines)' };
  }
}
