// Projects governance records (`governance-<id>` streams) into `governance_records`, with the
// proposals a record links (Alt HAN liaison, R-G-03) so a proposal's page can list them.
import type { Projector, StoredEvent, Trx } from '../../store/event-store.ts';
import { streamEventsUpTo } from '../../store/event-store.ts';
import { replayGovernance, type GovernanceEvent } from '../../domain/governance/record-state.ts';
import { toRecordEvent } from '../scr/scr-projector.ts';

export const GOVERNANCE_PREFIX = 'governance-';
export const governanceStream = (id: string): string => `${GOVERNANCE_PREFIX}${id}`;


export const governanceProjector: Projector = {
  name: 'governance-records',
  tables: ['governance_records'],
  async apply(trx: Trx, event: StoredEvent) {
    if (!event.streamId.startsWith(GOVERNANCE_PREFIX)) return;
    const rows = await streamEventsUpTo(trx, event.streamId, event.streamVersion);
    const record = replayGovernance(rows.map((r) => toRecordEvent<GovernanceEvent>(r)));
    if (!record) return;
    const row = {
      id: record.id, kind: record.kind, proposal_refs: record.kind === 'alt-han-liaison' ? [...record.proposalRefs] : [],
      state: JSON.stringify(record), stream_version: event.streamVersion, created_at: rows[0]?.recordedAt ?? event.recordedAt, updated_at: event.recordedAt,
    };
    await trx.insertInto('governance_records').values(row).onConflict((oc) => oc.column('id').doUpdateSet({ ...row, created_at: undefined })).execute();
  },
};
