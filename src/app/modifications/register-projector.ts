// The Modification Register projection: one row per proposal, refreshed in the append
// transaction by folding the proposal's stream (streams are short: tens of events).
import type { Projector, StoredEvent, Trx } from '../../store/event-store.ts';
import { toStoredEvent } from '../../store/event-store.ts';
import { replay } from '../../domain/modification/index.ts';
import { currentProblemStatement, nextDeadline } from './register-row.ts';
import { toDomainEvent, referenceOf } from './command-handler.ts';

const PREFIX = 'modification-';

export const registerProjector: Projector = {
  name: 'modification-register',
  tables: ['modification_register'],
  // The row is the proposal's stream folded up to this event, nothing else.
  foldsWholeStream: true,
  async apply(trx: Trx, event: StoredEvent) {
    if (!event.streamId.startsWith(PREFIX)) return;
    const n = Number(event.streamId.slice(PREFIX.length));
    const rows = await trx.selectFrom('events').selectAll().where('stream_id', '=', event.streamId).where('stream_version', '<=', event.streamVersion).orderBy('stream_version').execute();
    const state = replay(rows.map((r) => toDomainEvent(toStoredEvent(r))));
    if (!state) return;
    const created = rows[0] ? rows[0].recorded_at : event.recordedAt;
    const deadline = nextDeadline(state);
    const row = {
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
    await trx
      .insertInto('modification_register')
      .values(row)
      .onConflict((oc) => oc.column('number').doUpdateSet({ ...row, created_at: undefined }))
      .execute();
  },
};
