// A change set: the operations a modification makes to the legal text of one Code version.
// Operations name their targets by address, so they can be checked (conflicts), rebased onto a
// later Code version, and consolidated with other modifications into a SEC Release.
import type { Address, ClauseLayout, CodeNode, NodeLayout, Paragraph } from './model.ts';

/** Fields an amendment may set; `null` removes an optional field (tail, headings). */
export interface AmendFields {
  readonly text?: string;
  readonly tail?: string | null;
  readonly heading?: string | null;
  readonly partHeading?: string | null;
  /** Sections only. */
  readonly headingLine?: string | null;
  readonly title?: string;
  /** Whitespace only; set by diffCodes so that apply(diff) reproduces the text exactly. */
  readonly layout?: NodeLayout | ClauseLayout | { readonly before: string };
}

export type ChangeOperation =
  /** Amend the text (or headings) of a clause, definition or paragraph. */
  | { readonly kind: 'amend'; readonly target: Address; readonly set: AmendFields }
  /** Insert a clause, paragraph, definition or section after a sibling (null: as the first child). */
  | { readonly kind: 'insert'; readonly after: Address | null; readonly node: CodeNode }
  /** Delete a node and everything under it. */
  | { readonly kind: 'delete'; readonly target: Address }
  /** Add a definition to A1.1, in alphabetical order. */
  | {
    readonly kind: 'add-definition';
    readonly term: string;
    readonly text: string;
    readonly paragraphs?: readonly Paragraph[];
    readonly tail?: string;
  }
  | { readonly kind: 'amend-definition'; readonly term: string; readonly text: string; readonly tail?: string | null }
  /** Rename a defined term, in its definition and everywhere it is used. */
  | { readonly kind: 'rename-term'; readonly from: string; readonly to: string }
  /** Text outside the sections (title page, trailing blank lines). */
  | {
    readonly kind: 'amend-document';
    readonly preamble?: string;
    readonly epilogue?: string;
    readonly finalNewline?: boolean;
  };

export interface ChangeSet {
  /** The modification, e.g. "SECMP0049". */
  readonly id: string;
  /** The Code version the operations were drafted against. */
  readonly baseVersion: string;
  /** The version label of the result; defaults to "<base>+<id>". */
  readonly resultVersion?: string;
  readonly operations: readonly ChangeOperation[];
}

export type ConflictKind =
  | 'base-version' // drafted against another Code version
  | 'target-missing' // the address (or the sibling to insert after) does not exist
  | 'overlap' // two operations on the same provision
  | 'address-taken' // inserting a node whose address already exists
  | 'misplaced' // inserting after a node that is not a sibling, or a node of the wrong kind
  | 'term-missing'
  | 'term-exists'
  | 'target-changed'; // rebase: the provision changed between the old and the new base

export interface Conflict {
  readonly kind: ConflictKind;
  /** Index of the operation in its change set. */
  readonly operation: number;
  readonly changeSet: string;
  readonly address: Address;
  readonly message: string;
  /** For overlaps: the other operation. */
  readonly other?: { readonly changeSet: string; readonly operation: number };
  /** For rebase: the provision's text in the old and the new base. */
  readonly oldBaseText?: string;
  readonly newBaseText?: string;
}

/** Where a term goes in A1.1: case-insensitive, punctuation as spaces (so "Authority Determined" < "Authority-initiated"). */
export const termSortKey = (term: string): string => term.toLowerCase().replace(/[^a-z0-9]+/g, ' ').trim();

/** The address a change-set operation is "about" (for conflicts and rebase). */
export function operationTarget(op: ChangeOperation, definitionsClause = 'A1.1'): Address {
  switch (op.kind) {
    case 'amend':
    case 'delete':
      return op.target;
    case 'insert':
      return op.node.address;
    case 'add-definition':
    case 'amend-definition':
      return `${definitionsClause}[${op.term}]`;
    case 'rename-term':
      return `${definitionsClause}[${op.from}]`;
    case 'amend-document':
      return '';
  }
}
