// Projects change sets (one stream per change set, `change-set-<id>`; each ChangeSetRecorded is
// a new version) into `change_sets`.
import type { Projector, StoredEvent, Trx } from '../../store/event-store.ts';
import type { ChangeOperation } from '../../domain/legal-text/index.ts';

export const changeSetStream = (id: string): string => `change-set-${id}`;

export interface ChangeSetRecorded {
  readonly changeSetId: string;
  readonly version: number;
  readonly modificationNumber?: number;
  readonly baseVersion: string;
  readonly operations: readonly ChangeOperation[];
  /** Where the operations came from: written as JSON, derived from a legal-text document, or rebased. */
  readonly source: 'operations' | 'document' | 'rebase';
  readonly documentId?: string;
  readonly documentVersion?: number;
  /** For a rebase: the base version the operations were moved from. */
  readonly rebasedFrom?: string;
  readonly recordedBy: string;
}

export const changeSetProjector: Projector = {
  name: 'change-sets',
  tables: ['change_sets'],
  async apply(trx: Trx, e: StoredEvent) {
    if (e.type !== 'ChangeSetRecorded') return;
    const d = e.data as unknown as ChangeSetRecorded;
    await trx
      .insertInto('change_sets')
      .values({
        change_set_id: d.changeSetId,
        version: d.version,
        modification_number: d.modificationNumber ?? null,
        base_version: d.baseVersion,
        operations: JSON.stringify(d.operations),
        operation_count: d.operations.length,
        source: d.source,
        document_id: d.documentId ?? null,
        document_version: d.documentVersion ?? null,
        rebased_from: d.rebasedFrom ?? null,
        recorded_at: e.recordedAt,
        recorded_by: d.recordedBy,
      })
      .execute();
  },
};
