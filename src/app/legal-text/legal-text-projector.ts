// Projects Code versions and legal-text documents from their events.
import type { Projector, StoredEvent, Trx } from '../../store/event-store.ts';
import type { DraftingFinding } from '../../domain/legal-text/index.ts';

export interface CodeVersionImported {
  readonly version: string;
  readonly title: string;
  readonly text: string;
  readonly clauseCount: number;
  readonly excerpt: boolean;
}

export interface LegalTextRecorded {
  readonly documentId: string;
  readonly version: number;
  readonly modificationNumber?: number;
  readonly baseline: string;
  readonly text: string;
  readonly findings: readonly DraftingFinding[];
  readonly errorCount: number;
  readonly recordedBy: string;
}

export const legalTextProjector: Projector = {
  name: 'legal-text',
  tables: ['code_versions', 'legal_text_documents'],
  async apply(trx: Trx, e: StoredEvent) {
    if (e.type === 'CodeVersionImported') {
      const d = e.data as unknown as CodeVersionImported;
      await trx.insertInto('code_versions').values({ version: d.version, title: d.title, text: d.text, clause_count: d.clauseCount, excerpt: d.excerpt === true, imported_at: e.recordedAt }).execute();
    } else if (e.type === 'LegalTextRecorded') {
      const d = e.data as unknown as LegalTextRecorded;
      await trx
        .insertInto('legal_text_documents')
        .values({
          document_id: d.documentId,
          version: d.version,
          modification_number: d.modificationNumber ?? null,
          baseline: d.baseline,
          text: d.text,
          findings: JSON.stringify(d.findings),
          error_count: d.errorCount,
          recorded_at: e.recordedAt,
          recorded_by: d.recordedBy,
        })
        .execute();
    }
  },
};
