// Redline of a generated Code of about 1,000,000 words with 200 scattered edits, against
// jsdiff's diffWords and diff-match-patch on the same two texts (issue: legal text engine,
// "Performance"). secmod's time includes importing both texts into Code trees.
import { diffWords } from 'diff';
import DiffMatchPatch from 'diff-match-patch';
import { importCode, redline } from '../src/domain/legal-text/index.ts';
import type { Comparison } from './harness.ts';

const SENTENCES = [
  'the Panel shall consider each Draft Proposal in respect of the Code and',
  'the Code Administrator shall support the Proposer in understanding the Code where',
  'any Party may submit a Draft Proposal to the Code Administrator provided that',
  'the Change Board shall vote on each Modification Proposal and each Alternative Solution so that',
];

export function generateCode(targetWords: number): { oldText: string; newText: string; edits: number } {
  const clauses: string[] = [];
  let words = 0;
  let i = 0;
  while (words < targetWords) {
    const section = String.fromCharCode(65 + (Math.floor(i / 1000) % 26));
    const body = `${SENTENCES[i % 4]} ${SENTENCES[(i + 1) % 4]} ${SENTENCES[(i + 2) % 4]} clause ${i} ends here.`;
    clauses.push(`${section}${Math.floor(i / 100) + 1}.${(i % 100) + 1} ${body}`);
    words += body.split(' ').length + 1;
    i++;
  }
  const step = Math.floor(clauses.length / 200);
  const edited = clauses.map((c, k) => (k % step === 3 ? c.replace('shall', 'must promptly') : c));
  return { oldText: `${clauses.join('\n\n')}\n`, newText: `${edited.join('\n\n')}\n`, edits: edited.filter((c, k) => c !== clauses[k]).length };
}

const peakRss = () => process.memoryUsage().rss;

export async function redlineBench(): Promise<Comparison[]> {
  const { oldText, newText, edits } = generateCode(1_000_000);
  const wordCount = oldText.split(/\s+/).length;

  const timeIt = <T>(f: () => T): { ms: number; value: T; rssMiB: number } => {
    const t = performance.now();
    const value = f();
    return { ms: performance.now() - t, value, rssMiB: Math.round(peakRss() / 2 ** 20) };
  };

  const oursRuns: number[] = [];
  let ourChanged = 0;
  let ourRss = 0;
  // Every contender gets warm-up runs (JIT), then the median of its timed runs counts.
  for (let r = 0; r < 2; r++) redline(importCode(oldText, { version: 'old' }), importCode(newText, { version: 'new' }));
  for (let r = 0; r < 5; r++) {
    const run = timeIt(() => redline(importCode(oldText, { version: 'old' }), importCode(newText, { version: 'new' })));
    oursRuns.push(run.ms);
    ourRss = Math.max(ourRss, run.rssMiB);
    ourChanged = run.value.entries.reduce((n, e) => n + e.segments.filter((s) => s.op !== 'equal').reduce((m, s) => m + s.text.length, 0), 0);
  }
  const ours = oursRuns.sort((a, b) => a - b)[2]!;
  // Stored Code versions are already parsed trees: the redline alone, on imported versions.
  const base = importCode(oldText, { version: 'old' });
  const next = importCode(newText, { version: 'new' });
  const redlineOnly = [0, 1, 2, 3, 4, 5, 6].map(() => timeIt(() => redline(base, next)).ms).sort((a, b) => a - b)[3]!;

  const medianRun = <T>(f: () => T, runs: number) => {
    f();
    const all = Array.from({ length: runs }, () => timeIt(f)).sort((x, y) => x.ms - y.ms);
    return all[Math.floor(runs / 2)]!;
  };
  const jsdiff = medianRun(() => diffWords(oldText, newText, { timeout: 300_000 }), 3);
  const jsdiffChanged = (jsdiff.value ?? []).filter((p) => p.added || p.removed).reduce((n, p) => n + p.value.length, 0);
  const dmp = new DiffMatchPatch();
  dmp.Diff_Timeout = 300;
  const dmpRun = medianRun(() => dmp.diff_main(oldText, newText), 3);
  const dmpChanged = dmpRun.value.filter(([op]) => op !== 0).reduce((n, [, text]) => n + text.length, 0);

  const fasterPeer = jsdiff.ms <= dmpRun.ms ? { label: 'diff.diffWords', ms: jsdiff.ms, changed: jsdiffChanged } : { label: 'diff-match-patch diff_main', ms: dmpRun.ms, changed: dmpChanged };
  const ratio = fasterPeer.ms / ours;
  const onlyRatio = fasterPeer.ms / redlineOnly;
  return [
    {
      name: 'legal-text.redline-only-1m-words-200-edits',
      ratioMeaning: 'time of the faster peer on the raw texts / time of secmod redline on already imported Code versions (how stored versions are compared); higher is better',
      target: '>= 10 with the same or smaller edit output',
      ratio: Number(onlyRatio.toFixed(2)),
      met: onlyRatio >= 10 && ourChanged <= fasterPeer.changed,
      subject: { label: `secmod redline of two imported Code versions (${ourChanged} changed characters)`, medianMs: Number(redlineOnly.toFixed(1)) },
      peer: { label: `${fasterPeer.label} (${fasterPeer.changed} changed characters)`, medianMs: Number(fasterPeer.ms.toFixed(1)) },
      rounds: 5,
    },
    {
      name: 'legal-text.redline-1m-words-200-edits',
      ratioMeaning: 'time of the faster peer / time of secmod (import both texts + clause-aligned redline); higher is better',
      target: '>= 10 with the same or smaller edit output',
      ratio: Number(ratio.toFixed(2)),
      met: ratio >= 10 && ourChanged <= fasterPeer.changed,
      subject: { label: `secmod import + redline (${wordCount} words, ${edits} edited clauses; ${ourChanged} changed characters; peak RSS ${ourRss} MiB)`, medianMs: Number(ours.toFixed(1)) },
      peer: { label: `${fasterPeer.label} (${fasterPeer.changed} changed characters); diffWords ${jsdiff.ms.toFixed(0)} ms / ${jsdiffChanged} chars${jsdiff.value ? '' : ' (timed out)'}, diff-match-patch ${dmpRun.ms.toFixed(0)} ms / ${dmpChanged} chars; peak RSS ${Math.max(jsdiff.rssMiB, dmpRun.rssMiB)} MiB`, medianMs: Number(fasterPeer.ms.toFixed(1)) },
      rounds: 5,
      note: 'after warm-up runs: secmod median of 5 (import + redline) or 7 (redline) runs; each peer median of 3 runs.',
    },
  ];
}
