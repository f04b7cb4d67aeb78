// Redline of two Code texts without importing either whole: the same entries as
// redline(importCode(old), importCode(new)), found by walking both texts with one cursor each.
//
// 1. From the cursors, find the first differing character by comparing large slices with `===`
//    (a memcmp in V8), halving a differing slice down to the character.
// 2. Back up to a "cut": the start of a clause line (a line on which the importer starts a clause
//    whatever came before) whose previous non-blank line cannot be a part heading or cross-heading.
//    At a cut the importer holds nothing over from the lines before (no open heading, a fresh
//    clause), and nothing before the cut depends on lines after it (a heading's look-ahead only
//    starts on a heading-like line). Forward from the difference, find the next cut in each text.
// 3. Import only those two stretches (with the section context at the cut: only whether it lies
//    in an appendix, and which, changes how lines are read) and redline them like redline() does.
//    Identical text between stretches imports to identical units, which redline() would not list.
// 4. Where this cannot be shown equal to the whole-text redline cheaply — the two stretches hold
//    different addresses (an inserted, deleted or renumbered clause), end in different sections, or
//    an appendix heading's reading depends on a heading before it — fall back to importing both
//    texts whole.
import type { Address, CodeVersion } from './model.ts';
import { importCode } from './import-text.ts';
import {
  APPENDIX_CLAUSE_LINE, APPENDIX_HEADING, APPENDIX_PART_HEADING, CLAUSE_LINE, PART_HEADING, SECTION_HEADING, isBlank, looksLikeHeading,
} from './line-syntax.ts';
import { diffText, redline, unitAddresses, type Redline, type RedlineEntry, type RedlineOptions } from './redline.ts';

export interface RedlineTextsOptions extends RedlineOptions {
  readonly baseVersion?: string;
  readonly newVersion?: string;
}

/** The section context at a point: the appendix id when inside an appendix, otherwise undefined. */
type Context = string | undefined;

const SLICE = 4096;

/** Offset from (i, j) of the first character where a[i…] and b[j…] differ (or the shorter length). */
export function firstDifference(a: string, b: string, i: number, j: number): number {
  const max = Math.min(a.length - i, b.length - j);
  let d = 0;
  while (d < max) {
    const n = Math.min(SLICE, max - d);
    if (a.slice(i + d, i + d + n) === b.slice(j + d, j + d + n)) {
      d += n;
      continue;
    }
    let len = n;
    while (len > 32) {
      const half = len >> 1;
      if (a.slice(i + d, i + d + half) === b.slice(j + d, j + d + half)) {
        d += half;
        len -= half;
      } else {
        len = half;
      }
    }
    while (a.charCodeAt(i + d) === b.charCodeAt(j + d)) d++;
    return d;
  }
  return max;
}

const lineStart = (t: string, p: number): number => (p <= 0 ? 0 : t.lastIndexOf('\n', p - 1) + 1);
const lineEnd = (t: string, p: number): number => {
  const e = t.indexOf('\n', p);
  return e < 0 ? t.length : e;
};
/** The line starting at `s` as the importer sees it (CRLF read as LF). */
function lineAt(t: string, s: number): string {
  const e = lineEnd(t, s);
  return e < t.length && e > s && t.charCodeAt(e - 1) === 13 ? t.slice(s, e - 1) : t.slice(s, e);
}

/** A line that may be read as a part heading or cross-heading (so may hold the next clause's heading). */
const headingLike = (line: string): boolean => looksLikeHeading(line) || PART_HEADING.test(line) || APPENDIX_PART_HEADING.test(line);

/** The previous non-blank line before the line starting at `s` is not heading-like (or there is none). */
function clearBefore(t: string, s: number): boolean {
  let q = s;
  while (q > 0) {
    q = lineStart(t, q - 1);
    const line = lineAt(t, q);
    if (!isBlank(line)) return !headingLike(line);
  }
  return true;
}

/** Whether `word` occurs in `t`: a memchr-speed scan for its last character (rare in legal text), then a check. */
function holds(t: string, word: string): boolean {
  const last = word.charAt(word.length - 1);
  for (let p = t.indexOf(last, word.length - 1); p >= 0; p = t.indexOf(last, p + 1)) {
    if (t.startsWith(word, p - word.length + 1)) return true;
  }
  return false;
}

class Contexts {
  private headings: number[] | undefined;
  /** Whether the text holds no appendix heading, so every point is outside appendices. */
  private readonly noAppendix: boolean;
  constructor(private readonly text: string) {
    this.noAppendix = !holds(text, 'Appendix') && !holds(text, 'APPENDIX');
  }

  /** The context at line start `k`; null when it cannot be told without importing. */
  at(k: number): Context | null {
    if (this.noAppendix) return undefined;
    this.headings ??= [...this.text.matchAll(/^(?:#{1,6}[ \t]+)?(?:Section|SECTION|Appendix|APPENDIX)[ \t]/gm)]
      .map((m) => m.index)
      .filter((h) => h === 0 || this.text.charCodeAt(h - 1) === 10); // a line start for the importer too
    const hs = this.headings;
    let lo = 0;
    let hi = hs.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (hs[mid]! < k) lo = mid + 1;
      else hi = mid;
    }
    for (let x = lo - 1; x >= 0; x--) {
      const h = hs[x]!;
      const line = lineAt(this.text, h);
      const m = SECTION_HEADING.exec(line) ?? APPENDIX_HEADING.exec(line);
      const wasBlank = h === 0 || isBlank(lineAt(this.text, lineStart(this.text, h - 1)));
      if (!m || !wasBlank || (m[3] ?? '').trim().length === 0 || /[.;,]$/.test(line.trim())) continue; // not a heading
      if (!clearBefore(this.text, h)) return null; // a heading line before it may have made it text
      return /^(#{1,6}[ \t]+)?(Appendix|APPENDIX)/.test(line) ? (m[2] ?? '') : undefined;
    }
    return undefined;
  }
}

/** Whether the line starting at `s` starts a clause in context `ctx`. */
const clauseLine = (line: string, ctx: Context): boolean =>
  CLAUSE_LINE.test(line) || (ctx !== undefined && APPENDIX_CLAUSE_LINE.test(line));

/**
 * The next cut after the line holding `p`, or the end of the text; `k` is the cut the stretch
 * starts at, in context `ctx`. After a section heading line only section-style clause numbers
 * count, as the context may have changed.
 */
function nextCut(t: string, k: number, p: number, ctx: Context): number {
  const from = lineEnd(t, p) + 1;
  let s = k;
  let sameContext = true;
  while (s < t.length) {
    const line = lineAt(t, s);
    if (s >= from && (CLAUSE_LINE.test(line) || (sameContext && ctx !== undefined && APPENDIX_CLAUSE_LINE.test(line))) && clearBefore(t, s)) return s;
    if (SECTION_HEADING.test(line) || APPENDIX_HEADING.test(line)) sameContext = false;
    s = lineEnd(t, s) + 1;
  }
  return t.length;
}

interface Stretch {
  readonly code: CodeVersion;
  readonly addresses: Address[];
  readonly end: Context;
}

/**
 * A stretch that is one clause line and blank lines (the commonest amendment) needs no import: its
 * one unit is that clause, whose text is the line.
 */
function singleClause(text: string, ctx: Context): { address: Address; text: string } | undefined {
  if (text.includes('\r')) return undefined;
  const nl = text.indexOf('\n');
  const first = nl < 0 ? text : text.slice(0, nl);
  const m = CLAUSE_LINE.exec(first) ?? (ctx !== undefined ? APPENDIX_CLAUSE_LINE.exec(first) : null);
  if (!m || (nl >= 0 && !/^[ \t\n]*$/.test(text.slice(nl + 1)))) return undefined;
  const number = m[2] ?? '';
  return { address: ctx === undefined ? number : `${ctx} ${number}`, text: `${first}\n` };
}

/** Import one stretch that starts at a cut, in context `ctx`. */
function importStretch(text: string, ctx: Context, version: string): Stretch {
  const prefix = ctx === undefined ? '' : `Appendix ${ctx} – context\n`;
  const code = importCode(prefix + text, { version });
  const last = code.sections[code.sections.length - 1];
  const end = last === undefined ? ctx : last.appendix ? last.address : undefined;
  // The context line is no unit of the stretch; the stretch's own headings are.
  const [first, ...rest] = code.sections;
  const shown: CodeVersion = prefix && first ? { ...code, sections: [{ ...first, headingLine: undefined } as typeof first, ...rest] } : code;
  return { code: shown, addresses: unitAddresses(shown), end };
}

const sameList = (a: readonly string[], b: readonly string[]): boolean => a.length === b.length && a.every((x, i) => x === b[i]);

export function redlineTexts(oldText: string, newText: string, options: RedlineTextsOptions = {}): Redline {
  return traceRedlineTexts(oldText, newText, options).redline;
}

/** How a text redline was found: the number of stretches imported, or that both texts were imported whole. */
export interface RedlineTextsTrace {
  readonly redline: Redline;
  readonly stretches: number;
  readonly whole: boolean;
}

export function traceRedlineTexts(oldText: string, newText: string, options: RedlineTextsOptions = {}): RedlineTextsTrace {
  const baseVersion = options.baseVersion ?? '';
  const newVersion = options.newVersion ?? '';
  let stretches = 0;
  const whole = (): RedlineTextsTrace => ({
    redline: redline(importCode(oldText, { version: baseVersion }), importCode(newText, { version: newVersion }), options),
    stretches,
    whole: true,
  });
  const contexts = new Contexts(oldText);
  const entries: RedlineEntry[] = [];
  // Invariant: oldText[i…] and newText[j…] start at cuts (or the start) in the same context, and
  // everything before them has been redlined.
  let i = 0;
  let j = 0;
  for (;;) {
    const d = firstDifference(oldText, newText, i, j);
    if (i + d === oldText.length && j + d === newText.length) break;
    const po = i + d;
    const shift = j - i;
    // Back up to a cut at or before the difference. Lines before the one holding it are the same in both.
    let k = lineStart(oldText, po);
    let holding = true;
    let ctx: Context | null;
    for (;;) {
      if (k <= i) {
        k = i;
        ctx = contexts.at(k);
        break;
      }
      const line = lineAt(oldText, k);
      if (CLAUSE_LINE.test(line) || APPENDIX_CLAUSE_LINE.test(line)) {
        ctx = contexts.at(k);
        if (ctx === null) return whole();
        if (clauseLine(line, ctx) && (!holding || clauseLine(lineAt(newText, k + shift), ctx)) && clearBefore(oldText, k)) break;
      }
      holding = false;
      k = lineStart(oldText, k - 1);
    }
    if (ctx === null) return whole();
    let eo = nextCut(oldText, k, po, ctx);
    let en = nextCut(newText, k + shift, po + shift, ctx);
    if (eo === oldText.length || en === newText.length) {
      eo = oldText.length;
      en = newText.length;
    }
    const oldStretch = oldText.slice(k, eo);
    const newStretch = newText.slice(k + shift, en);
    stretches++;
    const x = singleClause(oldStretch, ctx);
    const y = x && singleClause(newStretch, ctx);
    if (x && y && x.address === y.address) {
      if (x.text !== y.text) entries.push({ address: y.address, kind: 'clause', status: 'changed', segments: diffText(x.text, y.text, options.granularity) });
    } else {
      const a = importStretch(oldStretch, ctx, baseVersion);
      const b = importStretch(newStretch, ctx, newVersion);
      if (a.end !== b.end || !sameList(a.addresses, b.addresses)) return whole();
      entries.push(...redline(a.code, b.code, options).entries);
    }
    if (eo === oldText.length) break;
    i = eo;
    j = en;
  }
  return { redline: { baseVersion, newVersion, entries }, stretches, whole: false };
}
