// The Code model: a SEC version is a tree Section → Clause → Paragraph (and, in A1.1, Definition →
// Paragraph). Every node carries a stable address ("C7.2(f)", "G7.22(a)(ii)", "AG 3.2.4",
// "A1.1[Draft Proposal](a)") so change sets, redlines and rebases can align by address instead of
// by position. Each node also keeps the raw whitespace it was imported with (its layout) so that
// import → export reproduces the text exactly (round-trip) and a redline never reports spacing
// that nobody changed.

/** A stable address, e.g. "C", "C7.2", "C7.2(f)", "AG 3.2.4", "A1.1[Draft Proposal](a)". */
export type Address = string;

/** Raw whitespace around a node's first line, kept for an exact export. */
export interface NodeLayout {
  /** Blank lines (raw, each ending in "\n") before the node's first line. */
  readonly before: string;
  /** Leading whitespace of the marker line. */
  readonly indent: string;
  /** Whitespace between the marker (number, label or term) and the text. */
  readonly gap: string;
}

/** A clause may be preceded by a part heading ("G7 Security Sub-Committee") and a cross-heading. */
export interface ClauseLayout extends NodeLayout {
  /** Markdown prefix of the part heading line ("## " or ""). */
  readonly partPrefix: string;
  /** Blank lines after the part heading line. */
  readonly afterPart: string;
  /** Markdown prefix of the cross-heading line ("### " or ""). */
  readonly headingPrefix: string;
  /** Blank lines after the cross-heading line. */
  readonly afterHeading: string;
}

/** Lettered (a), roman (i) and capital (A) limbs nest in that order in the SEC. */
export type Numbering = 'alpha' | 'roman' | 'upper';

export interface Paragraph {
  readonly kind: 'paragraph';
  readonly address: Address;
  /** The label without brackets: "f", "ii", "A". */
  readonly label: string;
  readonly numbering: Numbering;
  /** Text before any sub-paragraphs (continuation lines joined with "\n", raw). */
  readonly text: string;
  /** Text after the sub-paragraphs ("and the Code Administrator shall …"), raw lines. */
  readonly tail?: string;
  readonly paragraphs: readonly Paragraph[];
  readonly layout: NodeLayout;
}

/** A defined term in A1.1: the term, then its meaning (which may have limbs of its own). */
export interface Definition {
  readonly kind: 'definition';
  readonly address: Address;
  readonly term: string;
  readonly text: string;
  readonly tail?: string;
  readonly paragraphs: readonly Paragraph[];
  readonly layout: NodeLayout;
}

export interface Clause {
  readonly kind: 'clause';
  readonly address: Address;
  /** As printed: "C2.3", or "3.2.4" in an appendix. */
  readonly number: string;
  /** The part heading printed before this clause, without the Markdown prefix ("G7 Security Sub-Committee"). */
  readonly partHeading?: string;
  /** The cross-heading printed before this clause ("Monitoring and Advice"). */
  readonly heading?: string;
  readonly text: string;
  readonly tail?: string;
  readonly paragraphs: readonly Paragraph[];
  /** Only A1.1 has definitions. */
  readonly definitions: readonly Definition[];
  readonly layout: ClauseLayout;
}

export interface Section {
  readonly kind: 'section';
  /** "C", or "AG" for an appendix. */
  readonly address: Address;
  readonly appendix: boolean;
  readonly title: string;
  /** The raw heading line; absent when the section was implied by its clause numbers. */
  readonly headingLine?: string;
  readonly clauses: readonly Clause[];
  readonly layout: { readonly before: string };
}

export interface CodeVersion {
  /** The SEC version, e.g. "5.18". */
  readonly version: string;
  /** True when this is an excerpt of the Code: missing clauses may simply not have been quoted. */
  readonly excerpt: boolean;
  /** Raw lines before the first section (title page), each ending in "\n". */
  readonly preamble: string;
  readonly sections: readonly Section[];
  /** Raw blank lines after the last node. */
  readonly epilogue: string;
  readonly finalNewline: boolean;
}

export type CodeNode = Section | Clause | Definition | Paragraph;
/** Nodes that hold text of their own (and so can be amended word by word). */
export type TextNode = Clause | Definition | Paragraph;

export const emptyLayout = (indent = ''): NodeLayout => ({ before: '', indent, gap: ' ' });

export const emptyClauseLayout = (): ClauseLayout => ({
  ...emptyLayout(),
  before: '\n',
  partPrefix: '',
  afterPart: '',
  headingPrefix: '',
  afterHeading: '',
});
