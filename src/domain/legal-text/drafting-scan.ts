// Reads a drafting document (such as a modification's draft legal text) line by line and recovers
// what the drafting checker needs: which section each line amends, which clause and limb each line
// belongs to, and the limb lists with their text. Drafting documents are looser than the Code:
// they quote excerpts ("[…]"), wrap cross-references onto new lines ("Section\nD1.2"), and mix
// instructions ("Amend Section C2.3 as follows:") with legal text.
import type { Numbering } from './model.ts';
import { APPENDIX_CLAUSE_LINE, CLAUSE_LINE, ELISION_LINE, PARAGRAPH_LINE, isBlank } from './line-syntax.ts';
import { introducesList, resolveNumbering } from './numbering.ts';

export interface ScannedLimb {
  readonly label: string;
  readonly numbering: Numbering;
  readonly line: number;
  address: string;
  text: string;
  readonly children: ScannedLimb[];
  /** Quoted text was left out ("[…]") in or after this limb's list: the list is not complete. */
  elided: boolean;
}

/** A clause quoted in the document, or (in a definitions part) a definition. */
export interface ScannedContainer {
  readonly kind: 'clause' | 'definition';
  readonly address: string;
  readonly line: number;
  text: string;
  readonly children: ScannedLimb[];
  elided: boolean;
}

export interface ClauseNumberEvent {
  readonly line: number;
  readonly number: string;
  /** The section the document says it is amending at this point ("C", "AG"). */
  readonly contextSection?: string;
  readonly contextAppendix: boolean;
  /** The clause the instruction named ("Amend Section C2.3 as follows"), if any. */
  readonly announced?: string;
  /** The number had no section letter ("1.19" under Section L). */
  readonly unprefixed: boolean;
}

export interface ScannedDocument {
  readonly lines: readonly string[];
  /** Offsets of the start of each line (index 0 = line 1). */
  readonly lineStarts: readonly number[];
  /** The address (clause and limbs) each line belongs to, if any. */
  readonly addressAt: ReadonlyArray<string | undefined>;
  /** Lines inside a definitions part ("Add the following new definitions …"). */
  readonly inDefinitions: readonly boolean[];
  readonly containers: readonly ScannedContainer[];
  readonly clauseNumbers: readonly ClauseNumberEvent[];
  /** Terms the document itself defines ("X has the meaning given …", "X means …"). */
  readonly definedTerms: readonly string[];
}

const SECTION_HEADER = /^(?:Section|SECTION)\s+([A-Z])\s*[‘'"(:–-]/;
const APPENDIX_HEADER = /^(?:Appendix|APPENDIX)\s+([A-Z]{1,2})\s*[‘'"(:–-]/;
const AMEND_INSTRUCTION = /^(?:Amend|Insert|Delete|Replace)\s+(?:the\s+following\s+(?:new\s+)?)?(?:Sections?|paragraphs?|clauses?)\s+([A-Z])(\d+[A-Z]?(?:\.\d+[A-Z]?)?)/i;
const DEFINITIONS_INSTRUCTION = /^(?:Add|Amend|Insert|Delete)\s+the\s+following\s+(?:new\s+)?definitions?/i;
const OTHER_INSTRUCTION = /^(?:Amend|Add|Insert|Delete|Replace|Please see)\b/i;
/** A line ending like this continues onto the next: "…in Section" / "D1.2 (Modifications)". */
const WRAPPED_REFERENCE = /(?:\bSections?|\band|\bor|\bto|\bof|\bin|\bunder|\bwith|,)\s*$/;
const DEFINITION_START = /^\s*([A-Z][\w’'()-]*(?:\s+[\w’'()-]+){0,8}?)\s+(?:has the meaning|means)\b/;

export function lineStartsOf(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

/** 1-based line of an offset. */
export function lineOf(lineStarts: readonly number[], offset: number): number {
  let lo = 0;
  let hi = lineStarts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if ((lineStarts[mid] ?? 0) <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo + 1;
}

export function scanDocument(text: string): ScannedDocument {
  const lines = text.split(/\r?\n/);
  const addressAt: Array<string | undefined> = [];
  const inDefinitions: boolean[] = [];
  const containers: ScannedContainer[] = [];
  const clauseNumbers: ClauseNumberEvent[] = [];
  const definedTerms: string[] = [];

  let section: string | undefined;
  let appendix = false;
  let announced: string | undefined;
  let definitions = false;
  let container: ScannedContainer | undefined;
  let stack: ScannedLimb[] = [];
  let previousText = '';

  const close = (): void => {
    container = undefined;
    stack = [];
  };

  const leafText = (t: string): void => {
    const leaf = stack[stack.length - 1];
    if (leaf) leaf.text += `\n${t}`;
    else if (container) container.text += `\n${t}`;
  };

  lines.forEach((raw, i) => {
    const n = i + 1;
    const line = raw.trim();
    if (isBlank(raw)) {
      addressAt.push(stack[stack.length - 1]?.address ?? container?.address);
      inDefinitions.push(definitions);
      return;
    }
    const wrapped = WRAPPED_REFERENCE.test(previousText);
    previousText = line;

    const sectionHeader = SECTION_HEADER.exec(line);
    const appendixHeader = APPENDIX_HEADER.exec(line);
    const amend = AMEND_INSTRUCTION.exec(line);
    if ((sectionHeader || appendixHeader) && !wrapped && line.length < 120 && !/[.;]$/.test(line)) {
      section = sectionHeader?.[1] ?? appendixHeader?.[1];
      appendix = appendixHeader !== null;
      definitions = false;
      announced = undefined;
      close();
    } else if (DEFINITIONS_INSTRUCTION.test(line)) {
      definitions = true;
      close();
    } else if (amend) {
      section = amend[1];
      appendix = false;
      definitions = false;
      announced = `${amend[1]}${amend[2]}`;
      close();
    } else if (OTHER_INSTRUCTION.test(line) && (!container || /as follows|:\s*$/.test(line))) {
      close();
    } else if (ELISION_LINE.test(raw)) {
      // Everything open may have more limbs than were quoted.
      for (const limb of stack) limb.elided = true;
      if (container) container.elided = true;
      leafText(line);
    } else {
      const clause = !wrapped && !definitions ? CLAUSE_LINE.exec(line) : null;
      const bare = !wrapped && !definitions && !clause ? APPENDIX_CLAUSE_LINE.exec(line) : null;
      const limb = container ? PARAGRAPH_LINE.exec(line) : null;
      const defStart = definitions && !limb ? DEFINITION_START.exec(line) : null;
      if (clause || (bare && /^[A-Z]/.test(bare[4] ?? ''))) {
        const number = (clause ?? bare)?.[2] ?? '';
        const unprefixed = !clause;
        clauseNumbers.push({
          line: n, number, contextAppendix: appendix, unprefixed,
          ...(section !== undefined ? { contextSection: section } : {}),
          ...(announced !== undefined ? { announced } : {}),
        });
        const address = unprefixed ? (appendix ? `${section ?? ''} ${number}` : `${section ?? ''}${number}`) : number;
        container = { kind: 'clause', address, line: n, text: (clause ?? bare)?.[4] ?? '', children: [], elided: false };
        containers.push(container);
        stack = [];
      } else if (defStart) {
        const term = (defStart[1] ?? '').trim();
        definedTerms.push(term);
        container = { kind: 'definition', address: `A1.1[${term}]`, line: n, text: line, children: [], elided: false };
        containers.push(container);
        stack = [];
      } else if (container && limb) {
        const label = limb[2] ?? '';
        const openAlpha = [...stack].reverse().find((l) => l.numbering === 'alpha');
        const openRoman = [...stack].reverse().find((l) => l.numbering === 'roman');
        const numbering = resolveNumbering(label, {
          ...(openAlpha ? { openAlpha: openAlpha.label } : {}),
          ...(openRoman ? { openRoman: openRoman.label } : {}),
          alphaIntroducesList: openAlpha !== undefined && openAlpha.children.length === 0 && introducesList(openAlpha.text),
        });
        const level = numbering === 'alpha' ? 1 : numbering === 'roman' ? 2 : 3;
        while (stack.length > 0 && levelOf(stack[stack.length - 1]) >= level) stack.pop();
        const parent = stack[stack.length - 1];
        const address = `${parent?.address ?? container.address}(${label})`;
        const node: ScannedLimb = { label, numbering, line: n, address, text: limb[4] ?? '', children: [], elided: false };
        (parent?.children ?? container.children).push(node);
        stack.push(node);
      } else {
        leafText(line);
      }
    }
    addressAt.push(stack[stack.length - 1]?.address ?? container?.address);
    inDefinitions.push(definitions);
  });

  return { lines, lineStarts: lineStartsOf(text), addressAt, inDefinitions, containers, clauseNumbers, definedTerms };
}

const levelOf = (l: ScannedLimb | undefined): number => (l === undefined ? 0 : l.numbering === 'alpha' ? 1 : l.numbering === 'roman' ? 2 : 3);
