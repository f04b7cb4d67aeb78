// A rebuild folds whole streams from the pages it reads (StreamFolds): the fold at a stream's
// last version is the fold of all its events, however the pages cut the log.
import { describe, expect, it } from 'vitest';
import { StreamFolds } from './rebuild-projections.ts';
import type { StoredEvent } from './event-store.ts';

const ev = (position: number, streamId: string, streamVersion: number): StoredEvent => ({
  position, streamId, streamVersion, type: 'T', data: { v: streamVersion }, metadata: {}, recordedAt: new Date(Date.UTC(2026, 0, 1, 0, 0, position)), prevHash: '', hash: '',
});
const trail = (s: string[] | undefined, e: StoredEvent) => [...(s ?? []), `${e.streamId}@${e.streamVersion}`];

describe('StreamFolds', () => {
  it('folds interleaved streams to their last version and answers once per stream, at its last event', () => {
    const folds = new StreamFolds<string[]>(new Map([['a', 3], ['b', 2]]), trail);
    const log = [ev(1, 'a', 1), ev(2, 'b', 1), ev(3, 'a', 2), ev(4, 'b', 2), ev(5, 'a', 3)];
    const answers = log.map((e) => folds.take(e));
    expect(answers.slice(0, 3)).toEqual([undefined, undefined, undefined]);
    expect(answers[3]).toEqual({ state: ['b@1', 'b@2'], first: log[1] });
    expect(answers[4]).toEqual({ state: ['a@1', 'a@2', 'a@3'], first: log[0] });
    expect(folds.held).toBe(0);
  });

  it('holds an unfinished stream across pages until its last version arrives', () => {
    const folds = new StreamFolds<string[]>(new Map([['a', 2]]), trail);
    expect(folds.take(ev(1, 'a', 1))).toBeUndefined();
    expect(folds.held).toBe(1);
    expect(folds.take(ev(9, 'a', 2))).toMatchObject({ state: ['a@1', 'a@2'] });
    expect(folds.held).toBe(0);
  });

  it('skips streams that began after the rebuild did and events past a stream\'s last version', () => {
    const folds = new StreamFolds<string[]>(new Map([['a', 1]]), trail);
    expect(folds.take(ev(1, 'a', 1))).toMatchObject({ state: ['a@1'] });
    expect(folds.take(ev(2, 'a', 2))).toBeUndefined();
    expect(folds.take(ev(3, 'new', 1))).toBeUndefined();
    expect(folds.held).toBe(0);
  });

  it('asks for a re-read when a stream\'s events do not arrive one version after another', () => {
    const folds = new StreamFolds<string[]>(new Map([['a', 3], ['b', 2]]), trail);
    expect(folds.take(ev(1, 'a', 1))).toBeUndefined();
    expect(folds.take(ev(2, 'a', 3))).toBe('reread');
    expect(folds.take(ev(3, 'b', 2))).toBe('reread');
  });
});
