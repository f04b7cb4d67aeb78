// Benchmark harness: each figure is a ratio against a peer measured in the same run, in
// alternating rounds, reported as the median (the brief: "Speed is measured, not asserted").
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

export interface Comparison {
  readonly name: string;
  /** What the ratio means, e.g. "secmod throughput / peer throughput". */
  readonly ratioMeaning: string;
  readonly target: string;
  readonly ratio: number;
  readonly met: boolean;
  readonly subject: { readonly label: string; readonly medianMs: number };
  readonly peer: { readonly label: string; readonly medianMs: number };
  readonly rounds: number;
  readonly note?: string;
}

export const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};

/** Times `subject` and `peer` in alternating rounds; returns median milliseconds of each. */
export async function alternate(rounds: number, subject: () => Promise<void>, peer: () => Promise<void>): Promise<{ subjectMs: number; peerMs: number }> {
  const a: number[] = [];
  const b: number[] = [];
  for (let i = 0; i < rounds; i++) {
    const first = i % 2 === 0;
    for (const which of first ? ['s', 'p'] : ['p', 's']) {
      const t0 = performance.now();
      await (which === 's' ? subject() : peer());
      (which === 's' ? a : b).push(performance.now() - t0);
    }
  }
  return { subjectMs: median(a), peerMs: median(b) };
}

export async function writeResults(comparisons: readonly Comparison[], file = path.join(path.dirname(new URL(import.meta.url).pathname), 'results.json')): Promise<void> {
  let previous: { comparisons?: Comparison[] } = {};
  try {
    previous = JSON.parse(await fs.readFile(file, 'utf8')) as { comparisons?: Comparison[] };
  } catch {
    // first run
  }
  // Keep figures of suites not run this time; replace those that were.
  const names = new Set(comparisons.map((c) => c.name));
  const merged = [...(previous.comparisons ?? []).filter((c) => !names.has(c.name)), ...comparisons];
  const result = {
    generatedAt: new Date().toISOString(),
    command: 'npm run bench',
    machine: { cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model, memoryGiB: Math.round(os.totalmem() / 2 ** 30), node: process.version },
    comparisons: merged,
  };
  await fs.writeFile(file, `${JSON.stringify(result, null, 2)}\n`);
}
