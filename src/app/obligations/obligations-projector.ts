// Projects obligation items (`obligation-<id>` streams) and closes them automatically: a
// Draft Proposal submitted with the right basis closes the matching open items in the same
// transaction (sec-process.md §6.9 "Closes when"). The closing is part of the read model,
// derived from the DraftProposalSubmitted event, so a rebuild reaches the same rows.
import type { Projector, StoredEvent, Trx } from '../../store/event-store.ts';
import { toStoredEvent } from '../../store/event-store.ts';
import { itemsClosedBy, replayObligation, type ClosedBy, type ObligationEvent, type ObligationKind, type ObligationState } from '../../domain/obligations/index.ts';
import { toRecordEvent } from '../scr/scr-projector.ts';

export const OBLIGATION_PREFIX = 'obligation-';
export const obligationStream = (id: string): string => `${OBLIGATION_PREFIX}${id}`;

export const obligationProjector: Projector = {
  name: 'obligations',
  tables: ['obligations'],
  async apply(trx: Trx, event: StoredEvent) {
    if (event.streamId.startsWith(OBLIGATION_PREFIX)) {
      const rows = (await trx.selectFrom('events').selectAll().where('stream_id', '=', event.streamId).where('stream_version', '<=', event.streamVersion).orderBy('stream_version').execute()).map(toStoredEvent);
      let state = replayObligation(rows.map((r) => toRecordEvent<ObligationEvent>(r)));
      if (!state) return;
      // A closing by a Draft Proposal lives only in the read model: keep it.
      const existing = await trx.selectFrom('obligations').select(['state']).where('id', '=', state.id).executeTakeFirst();
      const before = existing?.state as ObligationState | undefined;
      if (before?.closedBy?.kind === 'draft-proposal' && state.status === 'open') state = { ...state, status: 'closed', closedBy: before.closedBy, ...(before.closedAt ? { closedAt: before.closedAt } : {}) };
      const row = {
        id: state.id, kind: state.kind, owner: state.owner, status: state.status, problem_ref: state.problemRef ?? null, recommendation_ref: state.recommendationRef ?? null,
        closed_by: state.closedBy ? JSON.stringify(state.closedBy) : null, state: JSON.stringify(state), stream_version: event.streamVersion,
        opened_at: rows[0]?.recordedAt ?? event.recordedAt, updated_at: event.recordedAt,
      };
      await trx.insertInto('obligations').values(row).onConflict((oc) => oc.column('id').doUpdateSet({ ...row, opened_at: undefined })).execute();
      return;
    }
    if (event.type !== 'DraftProposalSubmitted') return;
    const d = event.data as { submissionBasis?: string; problemRef?: string; dpReference?: string };
    if (!d.submissionBasis || !d.dpReference) return;
    const open = await trx.selectFrom('obligations').select(['id', 'kind', 'problem_ref', 'recommendation_ref', 'opened_at', 'state']).where('status', '=', 'open').where('kind', '=', d.submissionBasis).execute();
    const ids = itemsClosedBy({ submissionBasis: d.submissionBasis, ...(d.problemRef ? { problemRef: d.problemRef } : {}) }, open.map((o) => ({
      id: o.id, kind: o.kind as ObligationKind, openedAt: o.opened_at.toISOString(),
      ...(o.problem_ref ? { problemRef: o.problem_ref } : {}), ...(o.recommendation_ref ? { recommendationRef: o.recommendation_ref } : {}),
    })));
    const closedBy: ClosedBy = { kind: 'draft-proposal', reference: d.dpReference };
    for (const o of open.filter((x) => ids.includes(x.id))) {
      const state: ObligationState = { ...(o.state as ObligationState), status: 'closed', closedBy, closedAt: event.recordedAt.toISOString() };
      await trx.updateTable('obligations').set({ status: 'closed', closed_by: JSON.stringify(closedBy), state: JSON.stringify(state), updated_at: event.recordedAt }).where('id', '=', o.id).execute();
    }
  },
};
