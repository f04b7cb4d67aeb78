// Import a Code version from the SEC's plain-text (or Markdown) layout.
//
// Layout rules, in order of precedence for each line:
//  - a section heading ("Section C – Governance", "Appendix AG ‘Incident Management Policy’") after
//    a blank line;
//  - a clause ("C2.3 …"; "3.2.4 …" inside an appendix), with an optional part heading ("C2 …") and
//    cross-heading ("Monitoring and Advice") on the lines before it, each after a blank line;
//  - a limb "(a)", "(i)", "(A)"; "(i)"/"(v)"/"(x)" are resolved from context (numbering.ts);
//  - in A1.1, "Term<TAB>meaning" starts a definition;
//  - any other line continues the deepest open node whose marker is indented less than it (or the
//    last node, in a flat layout). If that node already has limbs, the line is its tail
//    ("and the Code Administrator shall comply with such process.").
// Blank lines are kept raw. Only CRLF line ends are normalised (to LF).
import type { Clause, CodeVersion, Definition, Numbering, Paragraph, Section } from './model.ts';
import { clauseAddress, definitionAddress, paragraphAddress } from './address.ts';
import {
  APPENDIX_CLAUSE_LINE, APPENDIX_HEADING, APPENDIX_PART_HEADING, CLAUSE_LINE, HEADING_PREFIX,
  PARAGRAPH_LINE, PART_HEADING, SECTION_HEADING, isBlank, looksLikeHeading, unquoteTitle,
} from './line-syntax.ts';
import { introducesList, resolveNumbering } from './numbering.ts';
import { sectionTitle } from './section-titles.ts';

export interface ImportOptions {
  readonly version: string;
  readonly excerpt?: boolean;
}

interface Node {
  kind: 'clause' | 'definition' | 'paragraph';
  label: string;
  numbering: Numbering;
  level: number; // clause 0, definition 0.5, alpha 1, roman 2, upper 3
  markerIndent: number;
  before: string;
  indent: string;
  gap: string;
  text: string[];
  tail: string[] | undefined;
  children: Node[];
  definitions: Node[];
  partHeading?: string;
  partPrefix: string;
  afterPart: string;
  heading?: string;
  headingPrefix: string;
  afterHeading: string;
}

interface SectionBuilder {
  id: string;
  appendix: boolean;
  title: string;
  headingLine?: string;
  before: string;
  clauses: Node[];
}

const LEVEL: Record<Numbering, number> = { alpha: 1, roman: 2, upper: 3 };

const newNode = (kind: Node['kind'], label: string, numbering: Numbering, level: number): Node => ({
  kind, label, numbering, level, markerIndent: 0, before: '', indent: '', gap: '', text: [], tail: undefined,
  children: [], definitions: [], partPrefix: '', afterPart: '', headingPrefix: '', afterHeading: '',
});

const hasChildren = (n: Node): boolean => n.children.length > 0 || n.definitions.length > 0;

/** Keep export order when a node gains a child after its tail: the tail moves into the last child. */
function absorbTail(parent: Node): void {
  if (parent.tail === undefined) return;
  const kids = parent.definitions.length > 0 ? parent.definitions : parent.children;
  const last = kids[kids.length - 1];
  if (last === undefined) return;
  if (hasChildren(last)) last.tail = [...(last.tail ?? []), ...parent.tail];
  else last.text.push(...parent.tail);
  parent.tail = undefined;
}

export function importCode(input: string, options: ImportOptions): CodeVersion {
  const lines = input.replace(/\r\n/g, '\n').split('\n');
  let finalNewline = false;
  if (lines[lines.length - 1] === '') {
    lines.pop();
    finalNewline = true;
  }

  const preamble: string[] = [];
  const sections: SectionBuilder[] = [];
  let section: SectionBuilder | undefined;
  let stack: Node[] = []; // [clause, definition?, limbs…]
  let pending: string[] = []; // blank lines not yet assigned
  let prevBlank = true;
  // Part heading and cross-heading lines waiting for their clause.
  let lead: { raw: string[]; before: string; part?: Heading; heading?: Heading; afterPart: string[] } | undefined;

  const takePending = (): string => {
    const s = pending.map((l) => `${l}\n`).join('');
    pending = [];
    return s;
  };

  /** The number of the next clause line after `from`, skipping blanks and up to two heading lines. */
  const nextClauseNumber = (from: number): string | undefined => {
    let headings = 0;
    for (let j = from; j < lines.length; j++) {
      const l = lines[j] ?? '';
      if (isBlank(l)) continue;
      const m = CLAUSE_LINE.exec(l) ?? (section?.appendix ? APPENDIX_CLAUSE_LINE.exec(l) : null);
      if (m) return m[2];
      if (++headings > 2 || !looksLikeHeading(l)) return undefined;
    }
    return undefined;
  };

  /** Append raw lines to the open node they continue (see the header comment). */
  const continueWith = (raw: string[], indent: number): void => {
    const clause = stack[0];
    if (!clause) {
      if (section && section.clauses.length === 0 && section.headingLine !== undefined) {
        // Introductory text under a section heading stays with the heading line.
        section.headingLine = [section.headingLine, ...raw].join('\n');
      } else {
        preamble.push(...raw);
      }
      return;
    }
    let owner = stack[stack.length - 1] ?? clause;
    for (let k = stack.length - 1; k >= 0; k--) {
      const n = stack[k];
      if (n && n.markerIndent < indent) {
        owner = n;
        stack = stack.slice(0, k + 1);
        break;
      }
    }
    if (hasChildren(owner)) owner.tail = [...(owner.tail ?? []), ...raw];
    else owner.text.push(...raw);
  };

  /** Headings that turned out not to precede a clause go back to being text. */
  const unwindLead = (): string[] => {
    if (!lead) return [];
    const raw = [...lead.before.split('\n').slice(0, -1), ...lead.raw];
    lead = undefined;
    return raw;
  };

  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? '';
    const wasBlank = prevBlank;
    prevBlank = isBlank(line);

    if (prevBlank) {
      pending.push(line);
      continue;
    }

    const sectionMatch = wasBlank && !lead ? (SECTION_HEADING.exec(line) ?? APPENDIX_HEADING.exec(line)) : null;
    if (sectionMatch && (sectionMatch[3] ?? '').trim().length > 0 && !/[.;,]$/.test(line.trim())) {
      const appendix = /^(#{1,6}[ \t]+)?(Appendix|APPENDIX)/.test(line);
      const id = sectionMatch[2] ?? '';
      section = { id, appendix, title: unquoteTitle(sectionMatch[3] ?? ''), headingLine: line, before: takePending(), clauses: [] };
      sections.push(section);
      stack = [];
      continue;
    }

    const clauseMatch = CLAUSE_LINE.exec(line) ?? (section?.appendix ? APPENDIX_CLAUSE_LINE.exec(line) : null);
    if (clauseMatch) {
      const number = clauseMatch[2] ?? '';
      if (!section) {
        const id = number.charAt(0);
        section = { id, appendix: false, title: sectionTitle(id)?.title ?? '', before: '', clauses: [] };
        sections.push(section);
      }
      const clause = newNode('clause', number, 'alpha', 0);
      if (lead) {
        clause.before = lead.before;
        if (lead.part) {
          clause.partHeading = lead.part.text;
          clause.partPrefix = lead.part.prefix;
          clause.afterPart = lead.afterPart.map((l) => `${l}\n`).join('');
        }
        if (lead.heading) {
          clause.heading = lead.heading.text;
          clause.headingPrefix = lead.heading.prefix;
          clause.afterHeading = takePending();
        } else {
          clause.afterPart = takePending();
        }
        lead = undefined;
      } else {
        clause.before = takePending();
      }
      clause.indent = clauseMatch[1] ?? '';
      clause.markerIndent = clause.indent.length;
      clause.gap = clauseMatch[3] ?? '';
      clause.text = [clauseMatch[4] ?? ''];
      section.clauses.push(clause);
      stack = [clause];
      continue;
    }

    // A part heading ("G7 …") or cross-heading, after a blank line and before a clause.
    if (section && (wasBlank || (lead?.part && !lead.heading))) {
      const next = nextClauseNumber(i + 1);
      const part = !lead ? (section.appendix ? APPENDIX_PART_HEADING : PART_HEADING).exec(line) : null;
      if (part && next !== undefined && partOf(next) === part[2]) {
        lead = { raw: [line], before: takePending(), part: { prefix: part[1] ?? '', text: line.slice((part[1] ?? '').length) }, afterPart: [] };
        continue;
      }
      if (next !== undefined && looksLikeHeading(line) && !lead?.heading) {
        const h = HEADING_PREFIX.exec(line);
        const heading = { prefix: h?.[1] ?? '', text: h?.[2] ?? '' };
        if (lead) {
          lead.afterPart = pending.splice(0);
          lead.raw.push(...lead.afterPart, line);
          lead.heading = heading;
        } else {
          lead = { raw: [line], before: takePending(), heading, afterPart: [] };
        }
        continue;
      }
    }

    const indent = (/^[ \t]*/.exec(line)?.[0] ?? '').length;
    if (lead) {
      continueWith([...unwindLead(), ...pending.splice(0), line], indent);
      continue;
    }

    const clause = stack[0];
    const paragraphMatch = clause ? PARAGRAPH_LINE.exec(line) : null;
    if (clause && paragraphMatch) {
      const label = paragraphMatch[2] ?? '';
      const openAlpha = [...stack].reverse().find((n) => n.kind === 'paragraph' && n.numbering === 'alpha');
      const openRoman = [...stack].reverse().find((n) => n.kind === 'paragraph' && n.numbering === 'roman');
      const numbering = resolveNumbering(label, {
        ...(openAlpha ? { openAlpha: openAlpha.label } : {}),
        ...(openRoman ? { openRoman: openRoman.label } : {}),
        alphaIntroducesList: openAlpha !== undefined && openAlpha.children.length === 0
          && introducesList(openAlpha.text.join('\n')),
      });
      const level = LEVEL[numbering];
      while (stack.length > 1) {
        const top = stack[stack.length - 1];
        if (top === undefined || top.kind !== 'paragraph' || top.level < level) break;
        stack.pop();
      }
      const parent = stack[stack.length - 1] ?? clause;
      const limb = newNode('paragraph', label, numbering, level);
      limb.before = takePending();
      limb.indent = paragraphMatch[1] ?? '';
      limb.markerIndent = limb.indent.length;
      limb.gap = paragraphMatch[3] ?? '';
      limb.text = [paragraphMatch[4] ?? ''];
      absorbTail(parent);
      parent.children.push(limb);
      stack.push(limb);
      continue;
    }

    // A definition in A1.1: "Term<TAB>meaning", unindented.
    const tab = line.indexOf('\t');
    if (clause && clause.label === 'A1.1' && tab > 0 && indent === 0 && clause.children.length === 0) {
      const gap = /^\t[ \t]*/.exec(line.slice(tab))?.[0] ?? '\t';
      const def = newNode('definition', line.slice(0, tab), 'alpha', 0.5);
      def.before = takePending();
      def.gap = gap;
      def.text = [line.slice(tab + gap.length)];
      absorbTail(clause);
      clause.definitions.push(def);
      stack = [clause, def];
      continue;
    }

    continueWith([...pending.splice(0), line], indent);
  }

  const trailing = unwindLead();
  if (trailing.length > 0) continueWith(trailing, 0);
  return {
    version: options.version,
    excerpt: options.excerpt ?? false,
    preamble: preamble.map((l) => `${l}\n`).join(''),
    sections: sections.map(buildSection),
    epilogue: takePending(),
    finalNewline,
  };
}

interface Heading {
  prefix: string;
  text: string;
}

const partOf = (number: string): string => /^([A-Z]?\d+[A-Z]?)/.exec(number)?.[1] ?? number;

function buildSection(s: SectionBuilder): Section {
  return {
    kind: 'section',
    address: s.id,
    appendix: s.appendix,
    title: s.title,
    ...(s.headingLine !== undefined ? { headingLine: s.headingLine } : {}),
    clauses: s.clauses.map((c) => buildClause(c, s)),
    layout: { before: s.before },
  };
}

const joinTail = (tail: string[] | undefined): { tail?: string } => (tail === undefined ? {} : { tail: tail.join('\n') });

function buildLimb(n: Node, parent: string): Paragraph {
  const address = paragraphAddress(parent, n.label);
  return {
    kind: 'paragraph',
    address,
    label: n.label,
    numbering: n.numbering,
    text: n.text.join('\n'),
    ...joinTail(n.tail),
    paragraphs: n.children.map((c) => buildLimb(c, address)),
    layout: { before: n.before, indent: n.indent, gap: n.gap },
  };
}

function buildDefinition(n: Node, clause: string): Definition {
  const address = definitionAddress(clause, n.label);
  return {
    kind: 'definition',
    address,
    term: n.label,
    text: n.text.join('\n'),
    ...joinTail(n.tail),
    paragraphs: n.children.map((c) => buildLimb(c, address)),
    layout: { before: n.before, indent: n.indent, gap: n.gap },
  };
}

function buildClause(n: Node, s: SectionBuilder): Clause {
  const address = clauseAddress(s.id, s.appendix, n.label);
  return {
    kind: 'clause',
    address,
    number: n.label,
    ...(n.partHeading !== undefined ? { partHeading: n.partHeading } : {}),
    ...(n.heading !== undefined ? { heading: n.heading } : {}),
    text: n.text.join('\n'),
    ...joinTail(n.tail),
    paragraphs: n.children.map((c) => buildLimb(c, address)),
    definitions: n.definitions.map((d) => buildDefinition(d, address)),
    layout: {
      before: n.before, indent: n.indent, gap: n.gap,
      partPrefix: n.partPrefix, afterPart: n.afterPart, headingPrefix: n.headingPrefix, afterHeading: n.afterHeading,
    },
  };
}
