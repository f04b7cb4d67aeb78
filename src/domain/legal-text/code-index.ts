// Look-ups over a Code version: every node by address, the definitions of A1.1 with their
// cross-references, and the text each redline unit shows.
import type { Address, Clause, CodeNode, CodeVersion, Definition, Paragraph, TextNode } from './model.ts';
import { findCitations } from './cross-references.ts';

export function* walkCode(code: CodeVersion): Generator<CodeNode> {
  for (const s of code.sections) {
    yield s;
    for (const c of s.clauses) yield* walkClause(c);
  }
}

function* walkLimbs(ps: readonly Paragraph[]): Generator<Paragraph> {
  for (const p of ps) {
    yield p;
    yield* walkLimbs(p.paragraphs);
  }
}

export function* walkClause(c: Clause): Generator<TextNode> {
  yield c;
  yield* walkLimbs(c.paragraphs);
  for (const d of c.definitions) {
    yield d;
    yield* walkLimbs(d.paragraphs);
  }
}

export type CodeIndex = ReadonlyMap<Address, CodeNode>;

export function indexCode(code: CodeVersion): CodeIndex {
  const index = new Map<Address, CodeNode>();
  for (const n of walkCode(code)) index.set(n.address, n);
  return index;
}

/** The parts ("C2", "L13", "AG 3") that have at least one clause. */
export function partsOf(code: CodeVersion): ReadonlySet<string> {
  const parts = new Set<string>();
  for (const s of code.sections) {
    for (const c of s.clauses) {
      const m = /^([A-Z]?\d+[A-Z]?)/.exec(c.number);
      if (m?.[1]) parts.add(s.appendix ? `${s.address} ${m[1]}` : m[1]);
    }
  }
  return parts;
}

export interface DefinitionEntry {
  readonly term: string;
  readonly address: Address;
  /** The whole meaning, limbs included. */
  readonly text: string;
  /** Clause addresses cited in the meaning. */
  readonly references: readonly Address[];
}

/** The full text of a node: its own text, its limbs and its tail. */
export function fullText(n: TextNode): string {
  const parts: string[] = [n.text];
  for (const p of n.paragraphs) parts.push(`(${p.label}) ${fullText(p)}`);
  if (n.tail !== undefined) parts.push(n.tail);
  return parts.join('\n');
}

export function definitionEntry(d: Definition): DefinitionEntry {
  const text = fullText(d);
  return { term: d.term, address: d.address, text, references: findCitations(text).map((c) => c.address) };
}

/** The definitions of the Code (A1.1), term → meaning and cross-references. */
export function definitionsOf(code: CodeVersion): ReadonlyMap<string, DefinitionEntry> {
  const out = new Map<string, DefinitionEntry>();
  for (const s of code.sections) for (const c of s.clauses) for (const d of c.definitions) out.set(d.term, definitionEntry(d));
  return out;
}

/** The text a node holds itself (not its children): what an amendment replaces. */
export function ownText(n: CodeNode): string {
  switch (n.kind) {
    case 'section':
      return n.headingLine ?? '';
    case 'clause':
      return [n.partHeading ?? '', n.heading ?? '', n.text, n.tail ?? ''].join('\n');
    case 'definition':
    case 'paragraph':
      return [n.text, n.tail ?? ''].join('\n');
  }
}
