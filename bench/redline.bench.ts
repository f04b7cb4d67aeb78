// Redline of a generated Code of about 1,000,000 words with 200 scattered edits, against
// jsdiff's diffWords and diff-match-patch on the same two texts (issue: legal text engine,
// "Performance"). secmod's headline time is redlineTexts on the raw texts, everything included.
import { diffWords } from 'diff';
import DiffMatchPatch from 'diff-match-patch';
import { importCode, redline, redlineTexts } from '../src/domain/legal-text/index.ts';
import type { Redline, RedlineEntry } from '../src/domain/legal-text/index.ts';
import type { Comparison } from './harness.ts';

const SENTENCES = [
  'the Panel shall consider each Draft Proposal in respect of the Code and',
  'the Code Administrator shall support the Proposer in understanding the Code where',
  'any Party may submit a Draft Proposal to the Code Administrator provided that',
  'the Change Board shall vote on each Modification Proposal and each Alternative Solution so that',
];

/**
 * A Code in the SEC's layout: a heading line per Section, clauses numbered within it, and every
 * other clause split into lettered limbs on lines of their own (so a changed clause spans
 * several lines, as real ones do). Every (clauses / 200)th clause is edited, in its opening
 * text or, when it has limbs, in its second limb.
 */
export function generateCode(targetWords: number, layout: 'sec' | 'one-line' = 'sec'): { oldText: string; newText: string; edits: number } {
  const clauses: string[] = [];
  const edited: string[] = [];
  let words = 0;
  let i = 0;
  const parts: { old: string; next: string }[] = [];
  while (words < targetWords) {
    const section = String.fromCharCode(65 + (Math.floor(i / 1000) % 26));
    const heading = layout === 'sec' && i % 1000 === 0 ? `Section ${section} – Generated Provisions ${Math.floor(i / 1000) + 1}\n\n` : '';
    const number = `${section}${Math.floor(i / 100) + 1}.${(i % 100) + 1}`;
    const [s0, s1, s2] = [SENTENCES[i % 4]!, SENTENCES[(i + 1) % 4]!, SENTENCES[(i + 2) % 4]!];
    const clause = layout === 'one-line' || i % 2 === 0
      ? `${number} ${s0} ${s1} ${s2} clause ${i} ends here.`
      : `${number} Where ${s0}:\n\n(a) ${s1} limb (a) of clause ${i};\n\n(b) ${s2} limb (b) of clause ${i}; and\n\n(c) the clause ${i} ends here.`;
    words += clause.split(/\s+/).length;
    parts.push({ old: heading + clause, next: heading + clause });
    i++;
  }
  const step = Math.floor(parts.length / 200);
  let edits = 0;
  parts.forEach((p, k) => {
    if (k % step !== 3) return;
    // The first "shall" of the clause's opening text, or of its limb (b) when it has limbs.
    const at = p.old.includes('\n\n(b) ') ? p.old.indexOf('\n\n(b) ') : 0;
    const hit = p.old.indexOf('shall', at);
    if (hit < 0) return;
    p.next = `${p.old.slice(0, hit)}must promptly${p.old.slice(hit + 'shall'.length)}`;
    edits++;
  });
  for (const p of parts) {
    clauses.push(p.old);
    edited.push(p.next);
  }
  return { oldText: `${clauses.join('\n\n')}\n`, newText: `${edited.join('\n\n')}\n`, edits };
}

const rssMiB = () => Math.round(process.memoryUsage().rss / 2 ** 20);

const changedChars = (entries: readonly RedlineEntry[]): number =>
  entries.reduce((n, e) => n + e.segments.filter((s) => s.op !== 'equal').reduce((m, s) => m + s.text.length, 0), 0);

interface Timed<T> {
  readonly ms: number;
  readonly value: T;
  /** Resident set size after the run, MiB (the highest of the timed runs is reported as the peak). */
  readonly rssMiB: number;
}

/** Median of `runs` timed runs after one warm-up run (JIT); RSS is the highest seen after any run. */
function medianRun<T>(f: () => T, runs: number): Timed<T> {
  f();
  const all: Timed<T>[] = [];
  for (let r = 0; r < runs; r++) {
    const t = performance.now();
    const value = f();
    all.push({ ms: performance.now() - t, value, rssMiB: rssMiB() });
  }
  const peak = Math.max(...all.map((x) => x.rssMiB));
  const median = [...all].sort((x, y) => x.ms - y.ms)[Math.floor(runs / 2)]!;
  return { ...median, rssMiB: peak };
}

export async function redlineBench(): Promise<Comparison[]> {
  const { oldText, newText, edits } = generateCode(1_000_000);
  const wordCount = oldText.split(/\s+/).length;
  const startRss = rssMiB();

  // secmod on the raw texts, everything included (the peers get the raw texts too). The machine
  // is shared, so secmod's runs and diff-match-patch's alternate, round by round, and each reports
  // the median of its rounds; secmod runs 3 times a round (it is fast, so more runs steady it).
  const ourWords = () => redlineTexts(oldText, newText, { baseVersion: 'old', newVersion: 'new' });
  const ourChars = () => redlineTexts(oldText, newText, { baseVersion: 'old', newVersion: 'new', granularity: 'character' });
  const dmp = new DiffMatchPatch();
  dmp.Diff_Timeout = 300;
  const dmpDiff = () => dmp.diff_main(oldText, newText);
  const words = alternating(ourWords, 3);
  const chars = alternating(ourChars, 3);
  const dmpRun = alternating(dmpDiff, 1);
  ourWords();
  ourChars();
  dmpDiff();
  for (let r = 0; r < 7; r++) {
    words.round();
    chars.round();
    dmpRun.round();
  }
  const wordChanged = changedChars(words.result().value.entries);
  const charChanged = changedChars(chars.result().value.entries);
  // Import both texts whole, then redline (the path redlineTexts falls back to).
  const importAll = medianRun(() => redline(importCode(oldText, { version: 'old' }), importCode(newText, { version: 'new' })), 3);
  // Stored Code versions are already parsed trees: the redline alone, on imported versions.
  const base = importCode(oldText, { version: 'old' });
  const next = importCode(newText, { version: 'new' });
  const storedOnly = medianRun(() => redline(base, next, { granularity: 'character' }), 7);

  const jsdiff = medianRun(() => diffWords(oldText, newText, { timeout: 300_000 }), 3);
  const jsdiffChanged = (jsdiff.value ?? []).filter((p) => p.added || p.removed).reduce((n, p) => n + p.value.length, 0);
  const dmpResult = dmpRun.result();
  const dmpChanged = dmpResult.value.filter(([op]) => op !== 0).reduce((n, [, text]) => n + text.length, 0);
  return [
    ...report({ wordCount, edits, startRss, words: words.result(), chars: chars.result(), wordChanged, charChanged, importAll, storedOnly, jsdiff, jsdiffChanged, dmpRun: dmpResult, dmpChanged }),
    oneLineLayout(),
  ];
}

/**
 * The same figure on a Code whose every clause is one line with no Section headings (the
 * layout this bench used first): diff-match-patch is far faster there, so it is reported too.
 */
function oneLineLayout(): Comparison {
  const { oldText, newText, edits } = generateCode(1_000_000, 'one-line');
  const ours = alternating(() => redlineTexts(oldText, newText, { baseVersion: 'old', newVersion: 'new', granularity: 'character' }), 3);
  const dmp = new DiffMatchPatch();
  dmp.Diff_Timeout = 300;
  const peer = alternating(() => dmp.diff_main(oldText, newText), 1);
  for (let r = 0; r < 7; r++) {
    ours.round();
    peer.round();
  }
  const jsdiff = medianRun(() => diffWords(oldText, newText, { timeout: 300_000 }), 1);
  const o = ours.result();
  const d = peer.result();
  const dmpChanged = d.value.filter(([op]) => op !== 0).reduce((n, [, text]) => n + text.length, 0);
  const jsdiffChanged = (jsdiff.value ?? []).filter((p) => p.added || p.removed).reduce((n, p) => n + p.value.length, 0);
  const faster = jsdiff.ms <= d.ms ? { label: 'diff.diffWords', ms: jsdiff.ms, changed: jsdiffChanged } : { label: 'diff-match-patch diff_main', ms: d.ms, changed: dmpChanged };
  const ourChanged = changedChars(o.value.entries);
  const ratio = faster.ms / o.ms;
  return {
    name: 'legal-text.redline-one-line-clauses-1m-words-200-edits',
    ratioMeaning: 'as legal-text.redline-1m-words-200-edits, on a Code of one-line clauses without Section headings; higher is better',
    target: '>= 10 with the same or smaller edit output',
    ratio: Number(ratio.toFixed(2)),
    met: ratio >= 10 && ourChanged <= faster.changed,
    subject: { label: `secmod redlineTexts, character level (${edits} edited clauses; ${ourChanged} changed characters)`, medianMs: Number(o.ms.toFixed(2)) },
    peer: { label: `${faster.label} (${faster.changed} changed characters); diffWords ${jsdiff.ms.toFixed(0)} ms (one run) / ${jsdiffChanged} chars, diff-match-patch ${d.ms.toFixed(1)} ms / ${dmpChanged} chars`, medianMs: Number(faster.ms.toFixed(1)) },
    rounds: 7,
  };
}

/** Timed runs collected round by round; the result is the median run and the peak RSS. */
function alternating<T>(f: () => T, perRound: number): { round: () => void; result: () => Timed<T> } {
  const all: Timed<T>[] = [];
  return {
    round: () => {
      for (let r = 0; r < perRound; r++) {
        const t = performance.now();
        const value = f();
        all.push({ ms: performance.now() - t, value, rssMiB: rssMiB() });
      }
    },
    result: () => ({ ...[...all].sort((x, y) => x.ms - y.ms)[Math.floor(all.length / 2)]!, rssMiB: Math.max(...all.map((x) => x.rssMiB)) }),
  };
}

interface Figures {
  readonly wordCount: number;
  readonly edits: number;
  readonly startRss: number;
  readonly words: Timed<Redline>;
  readonly chars: Timed<Redline>;
  readonly wordChanged: number;
  readonly charChanged: number;
  readonly importAll: Timed<Redline>;
  readonly storedOnly: Timed<Redline>;
  readonly jsdiff: Timed<ReturnType<typeof diffWords> | undefined>;
  readonly jsdiffChanged: number;
  readonly dmpRun: Timed<[number, string][]>;
  readonly dmpChanged: number;
}

function report(f: Figures): Comparison[] {
  const { wordCount, edits, startRss, words, chars, wordChanged, charChanged, importAll, storedOnly, jsdiff, jsdiffChanged, dmpRun, dmpChanged } = f;
  const maxRss = Math.round(process.resourceUsage().maxRSS / 1024);
  const peers = `process peak RSS (maxRSS, all contenders) ${maxRss} MiB; diffWords ${jsdiff.ms.toFixed(1)} ms / ${jsdiffChanged} changed chars${jsdiff.value ? '' : ' (timed out)'} / peak RSS ${jsdiff.rssMiB} MiB; diff-match-patch ${dmpRun.ms.toFixed(1)} ms / ${dmpChanged} changed chars / peak RSS ${dmpRun.rssMiB} MiB`;
  const fasterPeer = jsdiff.ms <= dmpRun.ms
    ? { label: 'diff.diffWords', ms: jsdiff.ms, changed: jsdiffChanged }
    : { label: 'diff-match-patch diff_main', ms: dmpRun.ms, changed: dmpChanged };
  // The headline: character-level output against the faster peer. The word-level figure is
  // reported against diffWords (the word-level peer) as well.
  const ratio = fasterPeer.ms / chars.ms;
  const wordRatio = fasterPeer.ms / words.ms;
  const storedRatio = fasterPeer.ms / storedOnly.ms;
  const input = `${wordCount} words, ${edits} edited clauses`;
  return [
    {
      name: 'legal-text.redline-1m-words-200-edits',
      ratioMeaning: 'time of the faster peer on the raw texts / time of secmod redlineTexts on the same raw texts (clause-aligned, character level, everything included); higher is better',
      target: '>= 10 with the same or smaller edit output',
      ratio: Number(ratio.toFixed(2)),
      met: ratio >= 10 && charChanged <= fasterPeer.changed,
      subject: { label: `secmod redlineTexts, character level (${input}; ${charChanged} changed characters; peak RSS ${chars.rssMiB} MiB, ${startRss} MiB before any run)`, medianMs: Number(chars.ms.toFixed(2)) },
      peer: { label: `${fasterPeer.label} (${fasterPeer.changed} changed characters); ${peers}`, medianMs: Number(fasterPeer.ms.toFixed(1)) },
      rounds: 7,
      note: 'one process, after one warm-up run each: 7 alternating rounds of secmod (3 runs a round, median of 21) and diff-match-patch (median of 7); diffWords median of 3 runs afterwards. Peak RSS is the highest process RSS seen after a contender\'s runs (it includes both texts and what earlier contenders left to the GC).',
    },
    {
      name: 'legal-text.redline-words-1m-words-200-edits',
      ratioMeaning: 'time of the faster peer on the raw texts / time of secmod redlineTexts at word level (what the portal shows); higher is better',
      target: '>= 10 with the same or smaller edit output than diffWords (the word-level peer)',
      ratio: Number(wordRatio.toFixed(2)),
      met: wordRatio >= 10 && wordChanged <= jsdiffChanged,
      subject: { label: `secmod redlineTexts, word level (${wordChanged} changed characters; peak RSS ${words.rssMiB} MiB)`, medianMs: Number(words.ms.toFixed(2)) },
      peer: { label: `${fasterPeer.label}; diffWords gives ${jsdiffChanged} changed characters`, medianMs: Number(fasterPeer.ms.toFixed(1)) },
      rounds: 7,
    },
    {
      name: 'legal-text.redline-only-1m-words-200-edits',
      ratioMeaning: 'time of the faster peer on the raw texts / time of secmod redline on already imported Code versions (how stored versions are compared), character level; higher is better',
      target: '>= 10 with the same or smaller edit output',
      ratio: Number(storedRatio.toFixed(2)),
      met: storedRatio >= 10 && changedChars(storedOnly.value.entries) <= fasterPeer.changed,
      subject: { label: `secmod redline of two imported Code versions (${changedChars(storedOnly.value.entries)} changed characters); for reference, importing both texts whole and redlining takes ${importAll.ms.toFixed(1)} ms`, medianMs: Number(storedOnly.ms.toFixed(2)) },
      peer: { label: `${fasterPeer.label} (${fasterPeer.changed} changed characters)`, medianMs: Number(fasterPeer.ms.toFixed(1)) },
      rounds: 7,
    },
  ];
}
