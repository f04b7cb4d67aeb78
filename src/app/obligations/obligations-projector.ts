// Projects obligation items (`obligation-<id>` streams) and closes them automatically: a
// Draft Proposal submitted with the right basis closes the matching open items in the same
// transaction (sec-process.md §6.9 "Closes when"). The closing is part of the read model,
// derived from the DraftProposalSubmitted event, so a rebuild reaches the same rows.
import type { Projector, StoredEvent, Trx } from '../../store/event-store.ts';
import { streamEventsUpTo } from '../../store/event-store.ts';
import { upsertRows } from '../../store/rebuild-projections.ts';
import { itemsClosedBy, replayObligation, type ClosedBy, type ObligationEvent, type ObligationKind, type ObligationState } from '../../domain/obligations/index.ts';
import { toRecordEvent } from '../scr/scr-projector.ts';

export const OBLIGATION_PREFIX = 'obligation-';
export const obligationStream = (id: string): string => `${OBLIGATION_PREFIX}${id}`;

type ObligationRow = ReturnType<typeof obligationRow>;

/** The row of an obligation folded to `folded` at `event`, given its stream's events up to it and the state its row had. */
function obligationRow(folded: ObligationState, stream: readonly StoredEvent[], event: StoredEvent, existingState: ObligationState | undefined) {
  let state = folded;
  // A closing by a Draft Proposal lives only in the read model: keep it.
  const before = existingState;
  if (before?.closedBy?.kind === 'draft-proposal' && state.status === 'open') state = { ...state, status: 'closed', closedBy: before.closedBy, ...(before.closedAt ? { closedAt: before.closedAt } : {}) };
  return {
    id: state.id, kind: state.kind, owner: state.owner, status: state.status, problem_ref: state.problemRef ?? null, recommendation_ref: state.recommendationRef ?? null,
    closed_by: state.closedBy ? JSON.stringify(state.closedBy) : null, state: JSON.stringify(state), stream_version: event.streamVersion,
    opened_at: stream[0]?.recordedAt ?? event.recordedAt, updated_at: event.recordedAt,
  };
}

interface OpenObligation { id: string; kind: string; problem_ref: string | null; recommendation_ref: string | null; opened_at: Date; state: unknown }

/** The ids of the open items a Draft Proposal closes, and the closing, or undefined when it closes none by its kind. */
function closingBy(event: StoredEvent, openOfKind: (kind: string) => readonly OpenObligation[]): { ids: string[]; closedBy: ClosedBy } | undefined {
  const d = event.data as { submissionBasis?: string; problemRef?: string; dpReference?: string };
  if (!d.submissionBasis || !d.dpReference) return undefined;
  const open = openOfKind(d.submissionBasis);
  const ids = itemsClosedBy({ submissionBasis: d.submissionBasis, ...(d.problemRef ? { problemRef: d.problemRef } : {}) }, open.map((o) => ({
    id: o.id, kind: o.kind as ObligationKind, openedAt: o.opened_at.toISOString(),
    ...(o.problem_ref ? { problemRef: o.problem_ref } : {}), ...(o.recommendation_ref ? { recommendationRef: o.recommendation_ref } : {}),
  })));
  return { ids, closedBy: { kind: 'draft-proposal', reference: d.dpReference } };
}

const closedState = (o: OpenObligation, closedBy: ClosedBy, event: StoredEvent): ObligationState => ({ ...(o.state as ObligationState), status: 'closed', closedBy, closedAt: event.recordedAt.toISOString() });

export const obligationProjector: Projector = {
  name: 'obligations',
  tables: ['obligations'],
  async apply(trx: Trx, event: StoredEvent) {
    if (event.streamId.startsWith(OBLIGATION_PREFIX)) {
      const rows = await streamEventsUpTo(trx, event.streamId, event.streamVersion);
      const state = replayObligation(rows.map((r) => toRecordEvent<ObligationEvent>(r)));
      if (!state) return;
      const existing = await trx.selectFrom('obligations').select(['state']).where('id', '=', state.id).executeTakeFirst();
      const row = obligationRow(state, rows, event, existing?.state as ObligationState | undefined);
      await trx.insertInto('obligations').values(row).onConflict((oc) => oc.column('id').doUpdateSet({ ...row, opened_at: undefined })).execute();
      return;
    }
    if (event.type !== 'DraftProposalSubmitted') return;
    const d = event.data as { submissionBasis?: string; dpReference?: string };
    if (!d.submissionBasis || !d.dpReference) return;
    const open = await trx.selectFrom('obligations').select(['id', 'kind', 'problem_ref', 'recommendation_ref', 'opened_at', 'state']).where('status', '=', 'open').where('kind', '=', d.submissionBasis).execute();
    const closing = closingBy(event, () => open)!;
    for (const o of open.filter((x) => closing.ids.includes(x.id))) {
      const state = closedState(o, closing.closedBy, event);
      await trx.updateTable('obligations').set({ status: 'closed', closed_by: JSON.stringify(closing.closedBy), state: JSON.stringify(state), updated_at: event.recordedAt }).where('id', '=', o.id).execute();
    }
  },
  // A rebuild keeps the table in memory (obligation items are few) and writes it once at the
  // end; each row's `state` is held as the JSON an append would read back from the table.
  rebuild() {
    const rows = new Map<string, ObligationRow>();
    const streams = new Map<string, StoredEvent[]>();
    return {
      async page(trx, events) {
        for (const event of events) {
          if (event.streamId.startsWith(OBLIGATION_PREFIX)) {
            let stream = streams.get(event.streamId) ?? [];
            if (stream.length + 1 !== event.streamVersion) {
              // Not one version after another: read the stream as `apply` does.
              stream = await streamEventsUpTo(trx, event.streamId, event.streamVersion - 1);
            }
            stream = [...stream, event];
            streams.set(event.streamId, stream);
            const state = replayObligation(stream.map((r) => toRecordEvent<ObligationEvent>(r)));
            if (!state) continue;
            const existing = rows.get(state.id);
            const row = obligationRow(state, stream, event, existing ? (JSON.parse(existing.state) as ObligationState) : undefined);
            rows.set(state.id, existing ? { ...row, opened_at: existing.opened_at } : row);
            continue;
          }
          if (event.type !== 'DraftProposalSubmitted') continue;
          const closing = closingBy(event, (kind) => [...rows.values()].filter((r) => r.status === 'open' && r.kind === kind).map((r) => ({ ...r, state: JSON.parse(r.state) as unknown })));
          if (!closing) continue;
          for (const id of closing.ids) {
            const o = rows.get(id)!;
            const state = closedState({ ...o, state: JSON.parse(o.state) as unknown }, closing.closedBy, event);
            rows.set(id, { ...o, status: 'closed', closed_by: JSON.stringify(closing.closedBy), state: JSON.stringify(state), updated_at: event.recordedAt });
          }
        }
      },
      async finish(trx) {
        await upsertRows(trx, 'obligations', 'id', [...rows.values()], ['opened_at']);
      },
    };
  },
};
