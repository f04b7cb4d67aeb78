// Projects Significant Code Reviews and Authority-Led Variations. The SCR row also follows
// the events that end its phase from outside its own stream: a Draft Proposal with basis
// `scr` naming it (limb (a)) and the D9A.11 decision of a linked ALV (limb (b)), so that
// `phase_end` is always the earliest of limbs (a) to (d) (R-A-08) and rebuilds from the log.
import type { Projector, StoredEvent, Trx } from '../../store/event-store.ts';
import { streamEventsUpTo } from '../../store/event-store.ts';
import { CURRENT_RULEBOOK } from '../../domain/rulebook/index.ts';
import { phaseOf, replayAlv, replayScr, type AlvEvent, type ScrEvent, type ScrLinks, type ScrState } from '../../domain/scr/index.ts';
import { londonDate } from '../london-date.ts';

export const SCR_PREFIX = 'scr-';
export const ALV_PREFIX = 'alv-';
export const scrStream = (id: string): string => `${SCR_PREFIX}${id}`;
export const alvStream = (id: string): string => `${ALV_PREFIX}${id}`;

export const toRecordEvent = <E>(e: Pick<StoredEvent, 'type' | 'data' | 'metadata'>): E =>
  ({ type: e.type, data: e.data, clauseRefs: (e.metadata.clauseRefs as string[] | undefined) ?? [] }) as unknown as E;

export const linksOf = (row: { scr_draft_proposal_ref: string | null; scr_draft_proposal_date: string | null; alv_decision_date: string | null }): ScrLinks => ({
  ...(row.scr_draft_proposal_ref && row.scr_draft_proposal_date ? { scrDraftProposal: { reference: row.scr_draft_proposal_ref, date: row.scr_draft_proposal_date } } : {}),
  ...(row.alv_decision_date ? { alvDecisionDates: [row.alv_decision_date] } : {}),
});

/** Recomputes `phase_end` from the SCR's own record and its links. */
async function refreshPhaseEnd(trx: Trx, id: string, at: Date): Promise<void> {
  const row = await trx.selectFrom('significant_code_reviews').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) return;
  const phase = phaseOf(row.state as ScrState, linksOf(row), '9999-12-31', CURRENT_RULEBOOK);
  await trx.updateTable('significant_code_reviews').set({ phase_end: phase.phaseEnd ?? null, updated_at: at }).where('id', '=', id).execute();
}

export const scrProjector: Projector = {
  name: 'significant-code-reviews',
  tables: ['significant_code_reviews', 'authority_led_variations'],
  async apply(trx: Trx, event: StoredEvent) {
    if (event.streamId.startsWith(SCR_PREFIX)) {
      const rows = await streamEventsUpTo(trx, event.streamId, event.streamVersion);
      const state = replayScr(rows.map((r) => toRecordEvent<ScrEvent>(r)));
      if (!state) return;
      const row = {
        id: state.id, subject: state.subject, notice_date: state.noticeDate, start_basis: state.startBasis,
        conclusion_document_date: state.conclusion?.conclusionDocumentDate ?? null,
        no_modification_conclusion_date: state.noModificationConclusion?.conclusionDate ?? null,
        state: JSON.stringify(state), stream_version: event.streamVersion, created_at: rows[0]?.recordedAt ?? event.recordedAt, updated_at: event.recordedAt,
      };
      await trx.insertInto('significant_code_reviews').values(row).onConflict((oc) => oc.column('id').doUpdateSet({ ...row, created_at: undefined })).execute();
      await refreshPhaseEnd(trx, state.id, event.recordedAt);
      return;
    }
    if (event.streamId.startsWith(ALV_PREFIX)) {
      const rows = await streamEventsUpTo(trx, event.streamId, event.streamVersion);
      const state = replayAlv(rows.map((r) => toRecordEvent<AlvEvent>(r)));
      if (!state) return;
      const row = {
        id: state.id, scr_id: state.scrId, title: state.title, state_name: state.state, decision_date: state.decision?.decisionDate ?? null,
        state: JSON.stringify(state), stream_version: event.streamVersion, created_at: rows[0]?.recordedAt ?? event.recordedAt, updated_at: event.recordedAt,
      };
      await trx.insertInto('authority_led_variations').values(row).onConflict((oc) => oc.column('id').doUpdateSet({ ...row, created_at: undefined })).execute();
      if (event.type === 'AlvDecided') {
        // Limb (b): the earliest ALV decision ends the linked phase.
        const decided = (event.data as { decisionDate: string }).decisionDate;
        const scr = await trx.selectFrom('significant_code_reviews').select('alv_decision_date').where('id', '=', state.scrId).executeTakeFirst();
        if (scr && (!scr.alv_decision_date || decided < scr.alv_decision_date)) {
          await trx.updateTable('significant_code_reviews').set({ alv_decision_date: decided }).where('id', '=', state.scrId).execute();
          await refreshPhaseEnd(trx, state.scrId, event.recordedAt);
        }
      }
      return;
    }
    if (event.type === 'DraftProposalSubmitted') {
      // Limb (a): the first Draft Proposal with basis `scr` linked to the SCR.
      const d = event.data as { submissionBasis?: string; scrId?: string; dpReference?: string; at?: string };
      if (d.submissionBasis !== 'scr' || !d.scrId) return;
      const scr = await trx.selectFrom('significant_code_reviews').select('scr_draft_proposal_date').where('id', '=', d.scrId).executeTakeFirst();
      if (!scr || scr.scr_draft_proposal_date) return;
      const date = londonDate(new Date(d.at ?? event.recordedAt.toISOString()));
      await trx.updateTable('significant_code_reviews').set({ scr_draft_proposal_ref: d.dpReference ?? null, scr_draft_proposal_date: date }).where('id', '=', d.scrId).execute();
      await refreshPhaseEnd(trx, d.scrId, event.recordedAt);
    }
  },
};
