// A redline as Word tracked changes, without Word: paragraphs of runs that are plain, inserted
// or deleted, and paragraph marks that are themselves inserted or deleted (a deleted line break
// joins two paragraphs when the change is accepted). src/documents renders this to .docx; tests
// parse the .docx back into this model and accept or reject all changes with the functions below.
import type { Redline, RedlineEntry } from './redline.ts';

export type RevisionKind = 'none' | 'insert' | 'delete';

export interface TrackedRun {
  readonly revision: RevisionKind;
  readonly text: string;
}

export interface TrackedParagraph {
  readonly role: 'heading' | 'body';
  readonly runs: readonly TrackedRun[];
  /** The revision of the paragraph mark (the line break that ends the paragraph). */
  readonly mark: RevisionKind;
  /** False for the last paragraph of a text that does not end with a line break. */
  readonly endsLine: boolean;
}

export interface TrackedEntry {
  readonly address: string;
  readonly status: RedlineEntry['status'];
  readonly heading: TrackedParagraph;
  readonly body: readonly TrackedParagraph[];
}

const STATUS_LABEL: Record<RedlineEntry['status'], string> = { inserted: 'inserted', deleted: 'deleted', changed: 'amended' };

/** Split an entry's segments into paragraphs at line breaks, keeping each break's revision. */
export function trackedParagraphs(entry: RedlineEntry): TrackedParagraph[] {
  const out: TrackedParagraph[] = [];
  let runs: TrackedRun[] = [];
  for (const s of entry.segments) {
    const revision: RevisionKind = s.op === 'equal' ? 'none' : s.op;
    const pieces = s.text.split('\n');
    pieces.forEach((piece, i) => {
      if (piece.length > 0) runs.push({ revision, text: piece });
      if (i < pieces.length - 1) {
        out.push({ role: 'body', runs, mark: revision, endsLine: true });
        runs = [];
      }
    });
  }
  if (runs.length > 0) out.push({ role: 'body', runs, mark: 'none', endsLine: false });
  return out;
}

export function trackedChangesModel(r: Redline): TrackedEntry[] {
  return r.entries.map((e) => ({
    address: e.address,
    status: e.status,
    heading: { role: 'heading', runs: [{ revision: 'none', text: `${e.address} (${STATUS_LABEL[e.status]})` }], mark: 'none', endsLine: true },
    body: trackedParagraphs(e),
  }));
}

/** The text after Word's "Accept all changes": inserted text stays, deleted text and breaks go. */
export function acceptAll(paragraphs: readonly TrackedParagraph[]): string {
  return paragraphs.map((p) => p.runs.filter((r) => r.revision !== 'delete').map((r) => r.text).join('')
    + (p.endsLine && p.mark !== 'delete' ? '\n' : '')).join('');
}

/** The text after "Reject all changes": deleted text comes back, inserted text and breaks go. */
export function rejectAll(paragraphs: readonly TrackedParagraph[]): string {
  return paragraphs.map((p) => p.runs.filter((r) => r.revision !== 'insert').map((r) => r.text).join('')
    + (p.endsLine && p.mark !== 'insert' ? '\n' : '')).join('');
}
