// Generated documents as immutable, versioned artefacts (sec-process.md §8: "each version
// records author, role, timestamp and the state in which it was produced"). One transaction
// stores the bytes and appends `DocumentGenerated` (with their SHA-256) to the document's own
// stream, so the event log's hash chain vouches for every byte ever handed out. Rendering (and
// Chromium, for PDF) happens before the transaction, so no lock is held while it runs.
import { createHash } from 'node:crypto';
import JSZip from 'jszip';
import type { Db } from '../store/database.ts';
import { ConcurrencyError, type EventStore, type StoredEvent } from '../store/event-store.ts';
import { loadModification, referenceOf, rulebookOf } from '../app/modifications/command-handler.ts';
import { modificationStream } from '../app/modifications/references.ts';
import type { LegalTexts } from '../app/legal-text/legal-text-service.ts';
import { importCode, redline, type CodeVersion } from '../domain/legal-text/index.ts';
import { overlayExcerpt } from '../domain/legal-text/excerpt-change-set.ts';
import { legalTextDocuments, type ModificationState } from '../domain/modification/state.ts';
import { KIND_TITLES, MEDIA_TYPES, type DocumentFormat, type DocumentKind } from './document-model.ts';
import { buildDocument, DocumentNotAvailableError, type LegalTextAnnex } from './report-content.ts';
import { renderDocx } from './render-docx.ts';
import { renderHtml } from './render-html.ts';
import type { PdfRenderer } from './render-pdf.ts';

export class DocumentError extends Error {
  constructor(
    readonly status: 403 | 404 | 409 | 422 | 503,
    message: string,
  ) {
    super(message);
  }
}

export interface DocumentGenerated {
  readonly documentId: string;
  readonly kind: DocumentKind;
  readonly format: DocumentFormat;
  readonly version: number;
  readonly sha256: string;
  /** Length in bytes. */
  readonly bytes: number;
  readonly mediaType: string;
  readonly fileName: string;
  readonly modificationNumber: number;
  readonly reference: string;
  /** The proposal's stream version and state the document was generated from. */
  readonly sourceStreamVersion: number;
  readonly sourceState: string;
}

export interface DocumentVersionInfo extends DocumentGenerated {
  readonly generatedAt: string;
  readonly generatedBy: string;
  readonly eventPosition: number;
  readonly href: string;
}

export const documentIdFor = (number: number, kind: DocumentKind, format: DocumentFormat): string => `mod-${number}-${kind}-${format}`;
export const documentStream = (documentId: string): string => `document-${documentId}`;
const DOCUMENT_ID = /^mod-\d{1,9}-[a-z-]{1,40}-(docx|pdf)$/;

export const sha256Hex = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

/** Only the legal text's own clauses, against the same clauses of the base version. */
function scopedBase(base: CodeVersion, text: CodeVersion): CodeVersion {
  const sections = new Set(text.sections.map((s) => s.address));
  const clauses = new Set(text.sections.flatMap((s) => s.clauses.map((c) => c.address)));
  return {
    ...base,
    preamble: '',
    epilogue: '',
    sections: base.sections.filter((s) => sections.has(s.address)).map((s) => ({ ...s, clauses: s.clauses.filter((c) => clauses.has(c.address)) })),
  };
}

export interface GenerateRequest {
  readonly number: number;
  readonly kind: DocumentKind;
  readonly format: DocumentFormat;
  readonly actor: { readonly userId: string; readonly roles: readonly string[]; readonly organisationId?: string };
}

export class GeneratedDocuments {
  constructor(
    private readonly db: Db,
    private readonly store: EventStore,
    private readonly legalTexts: LegalTexts,
    private readonly now: () => Date,
    private readonly pdf: PdfRenderer,
    private readonly author = 'SECAS (Code Administrator)',
  ) {}

  private async load(number: number): Promise<{ state: ModificationState; version: number; reference: string }> {
    const { state, version } = await loadModification(this.db, this.store, number);
    if (!state) throw new DocumentError(404, `There is no Draft or Modification Proposal numbered ${number}.`);
    return { state, version, reference: referenceOf(state, number) };
  }

  /** The legal text of the solutions with its redline against the base Code version (portal and documents). */
  async annexes(state: ModificationState): Promise<LegalTextAnnex[]> {
    const out: LegalTextAnnex[] = [];
    for (const documentId of legalTextDocuments(state)) {
      const row = await this.legalTexts.latest(documentId);
      if (!row) {
        out.push({ documentId, missing: `Legal text ${documentId} has not been recorded yet.` });
        continue;
      }
      const base = await this.legalTexts.codeVersion(row.baseline);
      const common = { documentId, version: row.version, baseline: row.baseline, text: row.text };
      if (!base) {
        out.push({ ...common, missing: `SEC ${row.baseline} is not stored, so the legal text is shown without tracked changes.` });
        continue;
      }
      try {
        const next = importCode(row.text, { version: `${row.baseline} as amended by ${documentId}`, excerpt: true });
        // The document is usually an excerpt: lay it over the base so that limbs it does not quote
        // read as unchanged (not deleted) and "[Deleted]" reads as a deletion (excerpt-change-set.ts).
        const amended = overlayExcerpt(base, next).code;
        out.push({ ...common, redline: redline(scopedBase(base, next), scopedBase(amended, next)) });
      } catch {
        out.push({ ...common, missing: 'The legal text could not be compared with the Code, so it is shown without tracked changes.' });
      }
    }
    return out;
  }

  private async names(): Promise<{ users: Map<string, string>; organisations: Map<string, string> }> {
    const [users, organisations] = await Promise.all([
      this.db.selectFrom('users').select(['id', 'name']).execute(),
      this.db.selectFrom('organisations').select(['id', 'name']).execute(),
    ]);
    return { users: new Map(users.map((u) => [u.id, u.name])), organisations: new Map(organisations.map((o) => [o.id, o.name])) };
  }

  /** Renders the document from the proposal's record (no storage): for previews and tests. */
  async render(number: number, kind: DocumentKind, format: DocumentFormat | 'html'): Promise<{ bytes: Buffer; state: ModificationState; streamVersion: number; reference: string }> {
    const { state, version, reference } = await this.load(number);
    const now = this.now();
    const names = await this.names();
    let content;
    try {
      content = buildDocument({
        kind, reference, state, rulebook: rulebookOf(state, now), generatedAt: now.toISOString(), author: this.author,
        userName: (id) => names.users.get(id) ?? id,
        organisationName: (id) => names.organisations.get(id) ?? id,
        legalText: kind === 'modification-report' || kind === 'final-modification-report' ? await this.annexes(state) : [],
      });
    } catch (error) {
      if (error instanceof DocumentNotAvailableError) throw new DocumentError(409, error.message);
      throw error;
    }
    const bytes = format === 'docx'
      ? await renderDocx(content)
      : format === 'html'
        ? Buffer.from(renderHtml(content), 'utf8')
        : await this.pdf.render(renderHtml(content)).catch((error: unknown) => {
          throw new DocumentError(503, `The PDF could not be produced (${error instanceof Error ? error.message.split('\n')[0] : 'Chromium failed'}); the .docx is available.`);
        });
    return { bytes, state, streamVersion: version, reference };
  }

  async generate(request: GenerateRequest): Promise<DocumentVersionInfo> {
    const { bytes, state, streamVersion, reference } = await this.render(request.number, request.kind, request.format);
    const documentId = documentIdFor(request.number, request.kind, request.format);
    const streamId = documentStream(documentId);
    const version = (await this.store.streamVersion(streamId)) + 1;
    const fileName = `${reference}-${request.kind}-v${version}.${request.format}`;
    const data: DocumentGenerated = {
      documentId, kind: request.kind, format: request.format, version, sha256: sha256Hex(bytes), bytes: bytes.length,
      mediaType: MEDIA_TYPES[request.format], fileName, modificationNumber: request.number, reference,
      sourceStreamVersion: streamVersion, sourceState: state.state,
    };
    try {
      return await this.db.transaction().execute(async (trx) => {
        const appended = await this.store.appendIn(trx, {
          streamId,
          expectedVersion: version - 1,
          events: [{ type: 'DocumentGenerated', data: { ...data }, metadata: { actor: { userId: request.actor.userId, ...(request.actor.organisationId ? { organisationId: request.actor.organisationId } : {}), roles: [...request.actor.roles] } } }],
        });
        const event = appended.events[0]!;
        await trx.insertInto('generated_documents').values({
          document_id: documentId, version, modification_number: request.number, kind: request.kind, format: request.format,
          media_type: data.mediaType, file_name: fileName, sha256: data.sha256, byte_length: bytes.length, content: bytes,
          event_position: event.position, source_stream_version: streamVersion, source_state: state.state,
          generated_by: request.actor.userId, generated_at: event.recordedAt,
        }).execute();
        return { ...data, generatedAt: event.recordedAt.toISOString(), generatedBy: request.actor.userId, eventPosition: event.position, href: versionHref(documentId, version) };
      });
    } catch (error) {
      if (error instanceof ConcurrencyError) throw new DocumentError(409, `Another version of ${KIND_TITLES[request.kind]} (${request.format}) was generated at the same moment; generate again to get a newer one.`);
      throw error;
    }
  }

  async list(number: number): Promise<DocumentVersionInfo[]> {
    const rows = await this.db
      .selectFrom('generated_documents')
      .select(['document_id', 'version', 'kind', 'format', 'media_type', 'file_name', 'sha256', 'byte_length', 'modification_number', 'source_stream_version', 'source_state', 'generated_by', 'generated_at', 'event_position'])
      .where('modification_number', '=', number)
      .orderBy('document_id')
      .orderBy('version')
      .execute();
    return rows.map((r) => ({
      documentId: r.document_id, kind: r.kind as DocumentKind, format: r.format as DocumentFormat, version: r.version, sha256: r.sha256,
      bytes: r.byte_length, mediaType: r.media_type, fileName: r.file_name, modificationNumber: r.modification_number,
      reference: r.file_name.split('-')[0]!, sourceStreamVersion: r.source_stream_version, sourceState: r.source_state,
      generatedAt: r.generated_at.toISOString(), generatedBy: r.generated_by, eventPosition: r.event_position, href: versionHref(r.document_id, r.version),
    }));
  }

  async version(documentId: string, version: number) {
    if (!DOCUMENT_ID.test(documentId)) return undefined;
    return this.db.selectFrom('generated_documents').selectAll().where('document_id', '=', documentId).where('version', '=', version).executeTakeFirst();
  }

  /**
   * Everything about one proposal in a single archive, for the Authority or an appeal: the
   * full event stream with its hashes, the folded state, every generated document version and
   * the events that recorded them, and a manifest with the SHA-256 of each file.
   */
  async exportArchive(number: number): Promise<{ reference: string; state: ModificationState; zip: Buffer }> {
    const { state, version, reference } = await this.load(number);
    const events = await this.store.readStream(modificationStream(number));
    const documents = await this.db.selectFrom('generated_documents').selectAll().where('modification_number', '=', number).orderBy('document_id').orderBy('version').execute();
    const supporting = await this.db.selectFrom('supporting_documents')
      .innerJoin('document_contents', 'document_contents.sha256', 'supporting_documents.sha256')
      .select(['document_id', 'file_name', 'content']).where('modification_number', '=', number).orderBy('sequence').execute();
    const documentEvents: StoredEvent[] = [];
    for (const id of [...new Set(documents.map((d) => d.document_id))]) documentEvents.push(...(await this.store.readStream(documentStream(id))));
    const exportedAt = this.now();
    const eventJson = (e: StoredEvent) => ({
      position: e.position, streamId: e.streamId, streamVersion: e.streamVersion, type: e.type, recordedAt: e.recordedAt.toISOString(),
      data: e.data, metadata: e.metadata, prevHash: e.prevHash, hash: e.hash,
    });
    const files: { path: string; content: Buffer }[] = [
      { path: 'events.json', content: Buffer.from(JSON.stringify({ streamId: modificationStream(number), events: events.map(eventJson) }, null, 2)) },
      { path: 'proposal.json', content: Buffer.from(JSON.stringify({ reference, number, streamVersion: version, state }, null, 2)) },
      { path: 'document-events.json', content: Buffer.from(JSON.stringify({ events: documentEvents.map(eventJson) }, null, 2)) },
      ...documents.map((d) => ({ path: `documents/${d.document_id}/v${d.version}/${d.file_name}`, content: Buffer.from(d.content) })),
      // Supporting documents the Parties attached (SupportingDocumentAttached on the stream), by
      // their server-made id; the stored file name is already sanitised.
      ...supporting.map((d) => ({ path: `supporting-documents/${d.document_id}/${d.file_name}`, content: Buffer.from(d.content) })),
    ];
    const zip = new JSZip();
    const date = exportedAt;
    for (const f of files) zip.file(f.path, f.content, { date });
    zip.file('manifest.json', JSON.stringify({
      reference, number, exportedAt: exportedAt.toISOString(), streamVersion: version,
      note: 'Each event carries the hash that chains it to the one before (secmod verify); each document version\'s sha256 is recorded in its DocumentGenerated event, and each supporting document\'s in its SupportingDocumentAttached event.',
      files: files.map((f) => ({ path: f.path, bytes: f.content.length, sha256: sha256Hex(f.content) })),
    }, null, 2), { date });
    return { reference, state, zip: await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE', compressionOptions: { level: 6 } }) };
  }
}

export const versionHref = (documentId: string, version: number): string => `/api/v1/documents/${documentId}/versions/${version}`;
