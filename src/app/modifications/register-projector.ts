// The Modification Register projection: one row per proposal, refreshed in the append
// transaction by folding the proposal's stream (streams are short: tens of events).
import type { Projector, StoredEvent, Trx } from '../../store/event-store.ts';
import { streamEventsUpTo } from '../../store/event-store.ts';
import { StreamFolds, upsertRows } from '../../store/rebuild-projections.ts';
import { evolve, replay, type ModificationState } from '../../domain/modification/index.ts';
import { currentProblemStatement, nextDeadline } from './register-row.ts';
import { toDomainEvent, referenceOf } from './command-handler.ts';

const PREFIX = 'modification-';

/** The register row of proposal `n`, folded to `state` at `event` from a stream begun at `created`. */
function registerRow(n: number, state: ModificationState, event: StoredEvent, created: Date) {
  const deadline = nextDeadline(state);
  return {
    number: n,
    reference: referenceOf(state, n),
    title: state.title,
    problem_statement: currentProblemStatement(state),
    phase: state.phase,
    state_id: state.state,
    state_name: state.stateName,
    path: state.path ?? null,
    fast_track: state.fastTrack === true,
    proposer_user_id: state.proposer?.userId ?? null,
    proposer_organisation_id: state.proposer?.organisationId ?? null,
    rulebook_version: state.rulebookVersion,
    next_deadline: deadline ? new Date(deadline) : null,
    state: JSON.stringify(state),
    stream_version: event.streamVersion,
    created_at: created,
    updated_at: event.recordedAt,
  };
}

/** Rows a rebuild holds before writing them in one go. */
const FLUSH_ROWS = 2000;

export const registerProjector: Projector = {
  name: 'modification-register',
  tables: ['modification_register'],
  // The row is the proposal's stream folded up to this event, nothing else.
  foldsWholeStream: true,
  async apply(trx: Trx, event: StoredEvent, stream?: readonly StoredEvent[]) {
    if (!event.streamId.startsWith(PREFIX)) return;
    const n = Number(event.streamId.slice(PREFIX.length));
    const events = stream ?? (await streamEventsUpTo(trx, event.streamId, event.streamVersion));
    const state = replay(events.map(toDomainEvent));
    if (!state) return;
    const row = registerRow(n, state, event, events[0] ? events[0].recordedAt : event.recordedAt);
    await trx
      .insertInto('modification_register')
      .values(row)
      .onConflict((oc) => oc.column('number').doUpdateSet({ ...row, created_at: undefined }))
      .execute();
  },
  // A rebuild folds each stream from the pages it reads (no re-read per proposal) and writes
  // the rows of finished streams in multi-row upserts.
  rebuild({ lastVersion }) {
    const folds = new StreamFolds<ModificationState>(lastVersion, (s, e) => evolve(s, toDomainEvent(e)));
    // By number, in the order an event-by-event rebuild writes them; a number written twice
    // (two stream ids naming one number) keeps its first row's created_at, as the upsert does.
    let pending = new Map<number, ReturnType<typeof registerRow>>();
    const flush = async (trx: Trx) => {
      const rows = [...pending.values()];
      pending = new Map();
      await upsertRows(trx, 'modification_register', 'number', rows, ['created_at']);
    };
    return {
      async page(trx, events) {
        for (const event of events) {
          if (!event.streamId.startsWith(PREFIX)) continue;
          const fold = folds.take(event);
          if (fold === undefined) continue;
          if (fold === 'reread') {
            await flush(trx);
            await registerProjector.apply(trx, event);
            continue;
          }
          if (!fold.state) continue;
          const n = Number(event.streamId.slice(PREFIX.length));
          const row = registerRow(n, fold.state, event, fold.first.recordedAt);
          const earlier = pending.get(n);
          pending.delete(n);
          pending.set(n, earlier ? { ...row, created_at: earlier.created_at } : row);
        }
        if (pending.size >= FLUSH_ROWS) await flush(trx);
      },
      finish: flush,
    };
  },
};
