// The drafting checker (sec-process.md §1.5): checks draft legal text before a Modification
// Report is issued — clause numbering, cross-references, defined terms, section titles,
// modification identifiers, version numbers and word-processor residue. Each rule is a small
// function over the scanned document; findings carry the 1-based line in the input.
//
// Rules are tuned to avoid false alarms: a rule that needs the base Code says nothing without it,
// and against an excerpt of the Code (CodeVersion.excerpt) a missing cross-reference is only a
// warning, and only when the excerpt quotes that part of the Code at all.
import type { CodeVersion } from './model.ts';
import type { ChangeSet } from './change-set.ts';
import type { ScannedDocument, ScannedLimb } from './drafting-scan.ts';
import { definitionsOf, indexCode, partsOf } from './code-index.ts';
import { findCitations } from './cross-references.ts';
import { lineOf, scanDocument } from './drafting-scan.ts';
import { isCanonicalTitle, sectionTitle } from './section-titles.ts';
import { findTermUses } from './terms.ts';

export type DraftingRule =
  | 'clause-section-mismatch'
  | 'clause-missing-section-prefix'
  | 'cross-reference-missing'
  | 'self-reference'
  | 'section-title-mismatch'
  | 'modification-id-malformed'
  | 'modification-id-mismatch'
  | 'revision-residue'
  | 'undefined-term'
  | 'definition-missing-clause'
  | 'renamed-term-used'
  | 'list-missing-conjunction'
  | 'unknown-code-version';

export interface DraftingFinding {
  /** 1-based line in the checked text. */
  readonly line: number;
  readonly rule: DraftingRule;
  readonly severity: 'error' | 'warning';
  readonly message: string;
  /** The line, trimmed (and shortened). */
  readonly excerpt: string;
}

export interface CheckOptions {
  /** The Code version the text is drafted against. */
  readonly baseCode?: CodeVersion;
  /** The change set the text belongs to (its inserted clauses and definitions count as existing). */
  readonly changeSet?: ChangeSet;
  /** Designated SEC versions, e.g. ["5.17", "5.18"]; defaults to the base Code's version. */
  readonly knownVersions?: readonly string[];
  /** The document's own modification, e.g. "SECMP0049"; defaults to the most frequent one. */
  readonly documentModificationId?: string;
}

interface Context {
  readonly text: string;
  readonly doc: ScannedDocument;
  readonly options: CheckOptions;
  readonly finding: (line: number, rule: DraftingRule, severity: DraftingFinding['severity'], message: string) => DraftingFinding;
}

type Rule = (ctx: Context) => DraftingFinding[];

// --- clause numbering -------------------------------------------------------------------------

const clauseNumbering: Rule = ({ doc, finding }) => doc.clauseNumbers.flatMap((e) => {
  if (e.contextSection === undefined) return [];
  if (e.unprefixed && !e.contextAppendix) {
    return [finding(e.line, 'clause-missing-section-prefix', 'error',
      `Clause number "${e.number}" has no section letter; in Section ${e.contextSection} it should read "${e.contextSection}${e.number}".`)];
  }
  if (!e.unprefixed && e.number.charAt(0) !== e.contextSection) {
    const suggestion = e.announced && e.announced.slice(1) === e.number.slice(1) ? ` Did you mean ${e.announced}?` : '';
    return [finding(e.line, 'clause-section-mismatch', 'error',
      `Clause ${e.number} is numbered in Section ${e.number.charAt(0)}, but this part amends Section ${e.contextSection}${e.announced ? ` (${e.announced})` : ''}.${suggestion}`)];
  }
  return [];
});

// --- cross-references ---------------------------------------------------------------------------

/** Addresses a change set brings into being (inserted clauses, paragraphs, definitions). */
function createdBy(cs: ChangeSet | undefined): Set<string> {
  const out = new Set<string>();
  for (const op of cs?.operations ?? []) {
    if (op.kind === 'insert') out.add(op.node.address);
    if (op.kind === 'add-definition') out.add(`A1.1[${op.term}]`);
  }
  return out;
}

const crossReferences: Rule = ({ text, doc, options, finding }) => {
  const out: DraftingFinding[] = [];
  const code = options.baseCode;
  const index = code ? indexCode(code) : undefined;
  const parts = code ? partsOf(code) : new Set<string>();
  const sections = new Set(code?.sections.map((s) => s.address) ?? []);
  const created = createdBy(options.changeSet);
  const quoted = new Set(doc.containers.map((c) => c.address));
  const createdParts = new Set([...created, ...quoted].map((a) => /^([A-Z]\d+[A-Z]?)/.exec(a)?.[1] ?? ''));
  for (const c of findCitations(text)) {
    const line = lineOf(doc.lineStarts, c.start);
    const here = doc.addressAt[line - 1];
    if (!c.self && here !== undefined && c.address === here) {
      out.push(finding(line, 'self-reference', 'error', `${here} cites itself ("Section ${c.address}"); check which provision is meant.`));
      continue;
    }
    if (!code || !index || !sections.has(c.section)) continue;
    const part = /^([A-Z]\d+[A-Z]?)/.exec(c.clause)?.[1] ?? c.clause;
    if (code.excerpt && !parts.has(part)) continue; // the excerpt does not quote that part
    const exists = c.part
      ? parts.has(c.clause) || createdParts.has(c.clause)
      : index.has(c.address) || created.has(c.address) || quoted.has(c.address)
        // An excerpt need not quote every limb of a clause it has.
        || (code.excerpt && c.address !== c.clause && index.has(c.clause));
    if (exists) continue;
    const inDefinition = doc.inDefinitions[line - 1] === true;
    const where = code.excerpt ? `the SEC ${code.version} excerpt` : `SEC ${code.version}`;
    out.push(finding(line, inDefinition ? 'definition-missing-clause' : 'cross-reference-missing', code.excerpt ? 'warning' : 'error',
      `${inDefinition ? 'The definition cites' : 'Cross-reference to'} Section ${c.address}, which is not in ${where} or added by this change.`));
  }
  return out;
};

/** Definitions the change set adds or amends whose meaning cites a clause that does not exist. */
const changeSetDefinitions: Rule = ({ text, doc, options, finding }) => {
  const code = options.baseCode;
  if (!code || !options.changeSet) return [];
  const index = indexCode(code);
  const sections = new Set(code.sections.map((s) => s.address));
  const created = createdBy(options.changeSet);
  const out: DraftingFinding[] = [];
  for (const op of options.changeSet.operations) {
    if (op.kind !== 'add-definition' && op.kind !== 'amend-definition') continue;
    for (const c of findCitations(op.text)) {
      if (!sections.has(c.section) || index.has(c.address) || created.has(c.address)) continue;
      if (code.excerpt) continue; // an excerpt cannot vouch for a missing clause
      const at = text.indexOf(op.term);
      out.push(finding(at < 0 ? 1 : lineOf(doc.lineStarts, at), 'definition-missing-clause', 'error',
        `The definition of "${op.term}" cites Section ${c.address}, which is not in SEC ${code.version} or added by this change.`));
    }
  }
  return out;
};

// --- section titles -----------------------------------------------------------------------------

const TITLE_CITATION = /\b(Section|Appendix)\s+([A-Z]{1,2})\s*(?:\(([^()]*)\)|‘([^’]*)’|'([^']*)')/g;

const sectionTitles: Rule = ({ text, doc, finding }) => {
  const out: DraftingFinding[] = [];
  for (const m of text.matchAll(TITLE_CITATION)) {
    const id = m[2] ?? '';
    const title = (m[3] ?? m[4] ?? m[5] ?? '').replace(/\s+/g, ' ').trim();
    const known = sectionTitle(id);
    if (!known || isCanonicalTitle(id, title)) continue;
    out.push(finding(lineOf(doc.lineStarts, m.index), 'section-title-mismatch', 'warning',
      `${m[1]} ${id} is cited as "${title}"; its title is "${known.title}".`));
  }
  return out;
};

// --- modification identifiers -------------------------------------------------------------------

const MOD_ID = /\bSECMP[\s_-]?\d+\b/gi;
const WELL_FORMED = /^SECMP\d{4}$/;

const modificationIds: Rule = ({ text, doc, options, finding }) => {
  const ids = [...text.matchAll(MOD_ID)];
  const counts = new Map<string, number>();
  for (const m of ids) if (WELL_FORMED.test(m[0])) counts.set(m[0], (counts.get(m[0]) ?? 0) + 1);
  const own = options.documentModificationId ?? [...counts].sort((a, b) => b[1] - a[1])[0]?.[0];
  return ids.flatMap((m) => {
    const id = m[0];
    const line = lineOf(doc.lineStarts, m.index);
    if (!WELL_FORMED.test(id)) {
      const digits = Number(id.replace(/\D/g, ''));
      const meant = own && Number(own.slice(5)) === digits ? ` Did you mean ${own}?` : '';
      return [finding(line, 'modification-id-malformed', 'error', `"${id}" is not a modification reference of the form SECMP followed by four digits.${meant}`)];
    }
    if (own && id !== own) {
      return [finding(line, 'modification-id-mismatch', 'warning', `This document is ${own} but cites ${id}; check it is not left over from another modification.`)];
    }
    return [];
  });
};

// --- word-processor residue ---------------------------------------------------------------------

const RESIDUE = /\b(?:Deleted|Inserted|Formatted|Formatted Table|Field Code Changed|Moved \((?:insertion|deletion)\)|Moved (?:up|down)(?: \[\d+\])?)\s*:|\bComment \[|\bCommented \[/;

const revisionResidue: Rule = ({ doc, finding }) => doc.lines.flatMap((l, i) => {
  const m = RESIDUE.exec(l);
  return m ? [finding(i + 1, 'revision-residue', 'error', `"${m[0]}" is left over from tracked changes or comments in a word processor.`)] : [];
});

// --- defined terms ------------------------------------------------------------------------------

function knownTerms(ctx: Context): Set<string> {
  const terms = new Set<string>(ctx.doc.definedTerms);
  if (ctx.options.baseCode) for (const t of definitionsOf(ctx.options.baseCode).keys()) terms.add(t);
  for (const op of ctx.options.changeSet?.operations ?? []) {
    if (op.kind === 'add-definition') terms.add(op.term);
    if (op.kind === 'rename-term') terms.add(op.to);
  }
  return terms;
}

const renamedTerms: Rule = (ctx) => {
  const terms = [...knownTerms(ctx)];
  return (ctx.options.changeSet?.operations ?? []).flatMap((op) => {
    if (op.kind !== 'rename-term') return [];
    return findTermUses(ctx.text, op.from, terms).map((u) => ctx.finding(lineOf(ctx.doc.lineStarts, u.start), 'renamed-term-used', 'error',
      `"${op.from}" is renamed to "${op.to}" by ${ctx.options.changeSet?.id ?? 'the change set'}.`));
  });
};

/** Capitalised words that start sentences or name things other than defined terms. */
const NOT_TERMS = new Set(['The', 'This', 'That', 'These', 'Those', 'Where', 'Any', 'Each', 'In', 'If', 'For', 'Notwithstanding',
  'Without', 'Section', 'Sections', 'Appendix', 'Schedule', 'Part', 'Subject', 'Such', 'No', 'On', 'Upon', 'Following', 'Unless',
  'Except', 'Provided', 'Nothing', 'A', 'An', 'All', 'To', 'When', 'Within', 'With', 'As', 'By', 'It']);
const CONNECTORS = new Set(['and', 'of', 'the', 'for', 'to', 'in', 'on', 'or', 'de']);
const CITATION_TITLE = /\b(?:Sections?|Appendix)\s+[A-Z]{1,2}[\w.]*(?:\([a-z0-9]+\))*\s*(?:\([^)]*\)|‘[^’]*’)/g;

/**
 * Multi-word capitalised phrases that are not defined terms. Only with a complete base Code, only
 * inside quoted clauses, and only for two or more capitalised words that no defined term covers.
 */
const undefinedTerms: Rule = (ctx) => {
  const code = ctx.options.baseCode;
  if (!code || code.excerpt) return [];
  const terms = knownTerms(ctx);
  const singular = (w: string): string => w.replace(/s$/, '');
  const known = new Set([...terms].map((t) => t.split(/\s+/).map(singular).join(' ')));
  const maxWords = Math.max(1, ...[...terms].map((t) => t.split(/\s+/).length));
  const out: DraftingFinding[] = [];
  const seen = new Set<string>();
  ctx.doc.lines.forEach((raw, i) => {
    if (ctx.doc.addressAt[i] === undefined && !ctx.doc.inDefinitions[i]) return;
    const line = raw.replace(CITATION_TITLE, (s) => ' '.repeat(s.length)).replace(/^\s*(?:\([a-z]+\)|[A-Z]?\d+[A-Z]?(?:\.\d+[A-Z]?)+)\s/, ' ');
    const words = line.split(/[^\p{L}\p{N}’'-]+/u).filter((w) => w.length > 0);
    let k = 0;
    while (k < words.length) {
      // Cover the longest defined term starting here.
      let covered = 0;
      for (let len = Math.min(maxWords, words.length - k); len >= 2; len--) {
        if (known.has(words.slice(k, k + len).map(singular).join(' '))) {
          covered = len;
          break;
        }
      }
      if (covered > 0) {
        k += covered;
        continue;
      }
      // Otherwise: a run of capitalised words (with connectors inside) not covered by any term.
      const run: string[] = [];
      let j = k;
      while (j < words.length) {
        const w = words[j] ?? '';
        const capital = /^[A-Z]/.test(w) && !NOT_TERMS.has(w);
        const startsTerm = run.length > 0 && [2, 3, 4].some((len) => known.has(words.slice(j, j + len).map(singular).join(' ')));
        if (capital && !startsTerm) run.push(w);
        else if (CONNECTORS.has(w) && run.length > 0 && /^[A-Z]/.test(words[j + 1] ?? '')) run.push(w);
        else break;
        j++;
      }
      while (run.length > 0 && CONNECTORS.has(run[run.length - 1] ?? '')) run.pop();
      const capitals = run.filter((w) => /^[A-Z]/.test(w));
      if (capitals.length >= 2 && !/\d/.test(run.join(''))) {
        const phrase = run.join(' ');
        if (!seen.has(phrase)) {
          seen.add(phrase);
          out.push(ctx.finding(i + 1, 'undefined-term', 'warning', `"${phrase}" looks like a defined term but is not defined in SEC ${code.version} or by this change.`));
        }
      }
      k = Math.max(j, k + 1);
    }
  });
  return out;
};

// --- lists of limbs -----------------------------------------------------------------------------

const endText = (l: ScannedLimb): string => {
  const last = l.children[l.children.length - 1];
  return last ? endText(last) : l.text;
};

const listConjunctions: Rule = ({ doc, finding }) => {
  const out: DraftingFinding[] = [];
  const visit = (list: readonly ScannedLimb[], elided: boolean): void => {
    for (const l of list) visit(l.children, l.elided);
    if (elided || list.length < 2) return;
    const penultimate = list[list.length - 2];
    const last = list[list.length - 1];
    if (!penultimate || !last) return;
    if (/\b(?:and|or|and\/or)\s*$/i.test(endText(penultimate).trim())) return;
    out.push(finding(penultimate.line, 'list-missing-conjunction', 'warning',
      `The list ending at ${last.address} has no "and" or "or" after the last-but-one limb (${penultimate.label}).`));
  };
  for (const c of doc.containers) visit(c.children, c.elided);
  return out;
};

// --- Code versions ------------------------------------------------------------------------------

const VERSION = /\b(?:SEC|Smart Energy Code|Code)\)?,?\s+(?:[Vv]ersion|v\.?)\s*(\d+(?:\.\d+)+)/g;

const codeVersions: Rule = ({ text, doc, options, finding }) => {
  const known = options.knownVersions ?? (options.baseCode ? [options.baseCode.version] : undefined);
  if (!known) return [];
  return [...text.matchAll(VERSION)].flatMap((m) => {
    const v = m[1] ?? '';
    if (known.includes(v)) return [];
    const footnote = known.find((k) => v.startsWith(k) && /^\d{1,2}$/.test(v.slice(k.length)));
    return [finding(lineOf(doc.lineStarts, m.index), 'unknown-code-version', footnote ? 'warning' : 'error', footnote
      ? `SEC version "${v}" is not a designated version; it reads as ${footnote} followed by footnote marker ${v.slice(footnote.length)} — keep the marker out of the number.`
      : `SEC version "${v}" is not a designated version (known: ${known.join(', ')}).`)];
  });
};

const RULES: readonly Rule[] = [
  clauseNumbering, crossReferences, changeSetDefinitions, sectionTitles, modificationIds, revisionResidue,
  renamedTerms, undefinedTerms, listConjunctions, codeVersions,
];

export function checkText(text: string, options: CheckOptions = {}): DraftingFinding[] {
  const doc = scanDocument(text);
  const finding: Context['finding'] = (line, rule, severity, message) => {
    const l = (doc.lines[line - 1] ?? '').trim();
    return { line, rule, severity, message, excerpt: l.length > 120 ? `${l.slice(0, 117)}…` : l };
  };
  const ctx: Context = { text, doc, options, finding };
  return RULES.flatMap((r) => r(ctx)).sort((a, b) => a.line - b.line || a.rule.localeCompare(b.rule));
}
