// Supporting documents uploaded to a Draft or Modification Proposal (sec-process.md §8). One
// transaction stores the bytes by their SHA-256, appends `SupportingDocumentAttached` (with
// that SHA-256) to the proposal's own stream, and records the upload, so the hash-chained log
// vouches for every byte handed back — the pattern of generated documents (document-service.ts).
// Who may attach is the domain's rule (supporting-document-entitlements.ts); what a file is,
// is told from its bytes (content-type.ts); its name is cleaned metadata (file-name.ts).
import { sql } from 'kysely';
import type { Db } from '../../store/database.ts';
import type { EventStore } from '../../store/event-store.ts';
import { loadModification, referenceOf } from '../../app/modifications/command-handler.ts';
import { modificationStream } from '../../app/modifications/references.ts';
import type { EventDataMap } from '../../domain/modification/events.ts';
import { mayAttachSupportingDocument, type UploadActor } from '../../domain/parties/supporting-document-entitlements.ts';
import { proposalForUpload } from './proposal-for-upload.ts';
import type { Refusal } from '../../domain/shared/decision.ts';
import { sha256Hex } from '../document-service.ts';
import { ACCEPTED_DESCRIPTION, detectContentType, KIND_LABELS } from './content-type.ts';
import { nameFor, sanitiseFileName } from './file-name.ts';
import { formatBytes } from './multipart.ts';

export type UploadStatus = 400 | 403 | 404 | 409 | 413 | 415 | 422;

export class UploadError extends Error {
  constructor(
    readonly status: UploadStatus,
    message: string,
    /** The problem `type` (and `clause` for a rule refusal). */
    readonly extra: { readonly type: string; readonly clause?: string; readonly field?: string } = { type: 'about:blank' },
  ) {
    super(message);
  }

  static from(refusal: Refusal): UploadError {
    return new UploadError((refusal.status ?? 403) as UploadStatus, refusal.message, { type: refusal.code, ...(refusal.clause ? { clause: refusal.clause } : {}) });
  }
}

export interface UploadRequest {
  readonly number: number;
  readonly bytes: Buffer;
  /** As the uploader sent it; cleaned here. */
  readonly fileName: string | undefined;
  readonly description?: string | undefined;
  readonly actor: UploadActor;
}

export interface SupportingDocumentInfo {
  readonly documentId: string;
  readonly reference: string;
  readonly sha256: string;
  readonly bytes: number;
  readonly mediaType: string;
  readonly fileName: string;
  readonly description?: string;
  readonly uploadedBy: string;
  readonly uploadedAt: string;
  readonly state: string;
  readonly eventPosition: number;
  /** Documents uploaded to a proposal are SEC Materials (M5.1, R-M-01). */
  readonly secMaterials: true;
  readonly href: string;
}

export const SUPPORTING_DOCUMENT_ID = /^sd-\d{1,9}-\d{1,6}$/;
export const supportingDocumentHref = (documentId: string): string => `/api/v1/documents/${documentId}`;
const MAX_DESCRIPTION = 500;

type Row = {
  document_id: string; modification_number: number; sha256: string; byte_length: number; media_type: string; file_name: string;
  description: string | null; uploaded_by: string; uploaded_at: Date; state_id: string; event_position: number;
};

const infoOf = (r: Row, reference: string): SupportingDocumentInfo => ({
  documentId: r.document_id, reference, sha256: r.sha256, bytes: r.byte_length, mediaType: r.media_type, fileName: r.file_name,
  ...(r.description ? { description: r.description } : {}), uploadedBy: r.uploaded_by, uploadedAt: r.uploaded_at.toISOString(),
  state: r.state_id, eventPosition: r.event_position, secMaterials: true, href: supportingDocumentHref(r.document_id),
});

export class SupportingDocuments {
  constructor(
    private readonly db: Db,
    private readonly store: EventStore,
    private readonly now: () => Date,
    /** The largest file accepted, in bytes (SECMOD_UPLOAD_LIMIT_BYTES). */
    readonly limitBytes: number,
  ) {}

  private async load(number: number) {
    const { state } = await loadModification(this.db, this.store, number);
    if (!state) throw new UploadError(404, `There is no Draft or Modification Proposal numbered ${number}.`);
    return state;
  }

  /** Whether the actor may attach documents to the proposal now (undefined when they may). */
  async refusalFor(number: number, actor: UploadActor): Promise<Refusal | undefined> {
    const state = await this.load(number);
    return mayAttachSupportingDocument(actor, proposalForUpload(state, referenceOf(state, number)));
  }

  async attach(request: UploadRequest): Promise<SupportingDocumentInfo> {
    // Checked before anything is read or stored, and again under the lock below.
    const refusal = await this.refusalFor(request.number, request.actor);
    if (refusal) throw UploadError.from(refusal);
    if (request.bytes.length > this.limitBytes) throw new UploadError(413, `The file must be smaller than ${formatBytes(this.limitBytes)}.`, { type: 'too-large', field: 'file' });
    const detection = detectContentType(request.bytes);
    if (!detection.ok) throw new UploadError(detection.reason === 'The selected file is empty.' ? 422 : 415, detection.reason, { type: 'unsupported-type', field: 'file' });
    const naming = nameFor(sanitiseFileName(request.fileName), detection.detected.kind);
    if (!naming.ok) {
      throw new UploadError(422, `The file is named .${naming.extension} but its content is ${KIND_LABELS[detection.detected.kind]}. Rename it or upload the right file (${ACCEPTED_DESCRIPTION}).`, { type: 'type-mismatch', field: 'file' });
    }
    // Control characters (NUL above all, which PostgreSQL text cannot hold) are dropped; line breaks and tabs stay.
    const cleaned = request.description?.replace(/\p{Cc}/gu, (c) => (c === '\n' || c === '\t' ? c : '')).trim();
    const description = cleaned ? cleaned : undefined;
    if (description && description.length > MAX_DESCRIPTION) throw new UploadError(422, `The description must be ${MAX_DESCRIPTION} characters or fewer.`, { type: 'invalid-input', field: 'description' });
    const sha256 = sha256Hex(request.bytes);
    const { actor } = request;

    return this.db.transaction().execute(async (trx) => {
      const now = this.now();
      // The bytes first (content-addressed: a second upload of the same file stores nothing new).
      await trx.insertInto('document_contents').values({ sha256, byte_length: request.bytes.length, content: request.bytes, stored_at: now })
        .onConflict((oc) => oc.column('sha256').doNothing()).execute();
      // Then, like every command, under the chain-head lock: decide and append in turn.
      await sql`SELECT 1 FROM event_chain_head WHERE id = 1 FOR UPDATE`.execute(trx);
      const { state, version } = await loadModification(trx, this.store, request.number);
      if (!state) throw new UploadError(404, `There is no Draft or Modification Proposal numbered ${request.number}.`);
      const reference = referenceOf(state, request.number);
      const again = mayAttachSupportingDocument(actor, proposalForUpload(state, reference));
      if (again) throw UploadError.from(again);
      const sequence = state.supportingDocuments.length + 1;
      const documentId = `sd-${request.number}-${sequence}`;
      const data: EventDataMap['SupportingDocumentAttached'] & { at: string; transition: string; to: string } = {
        documentId, sha256, bytes: request.bytes.length, mediaType: naming.mediaType, fileName: naming.fileName,
        ...(description ? { description } : {}),
        uploadedBy: { userId: actor.userId, ...(actor.organisationId ? { organisationId: actor.organisationId } : {}) },
        secMaterials: true, at: now.toISOString(), transition: 'attach-supporting-document', to: state.state,
      };
      const appended = await this.store.appendIn(trx, {
        streamId: modificationStream(request.number),
        expectedVersion: version,
        events: [{
          type: 'SupportingDocumentAttached',
          data: { ...data },
          metadata: {
            actor: { userId: actor.userId, ...(actor.organisationId ? { organisationId: actor.organisationId } : {}), roles: actor.roles.map((r) => r.role) },
            command: 'attach-supporting-document',
            rulebookVersion: state.rulebookVersion,
            // Uploaded documents are SEC Materials (R-M-01).
            clauseRefs: ['M5.1'],
          },
        }],
      });
      const event = appended.events[0]!;
      const row: Row = {
        document_id: documentId, modification_number: request.number, sha256, byte_length: request.bytes.length, media_type: naming.mediaType,
        file_name: naming.fileName, description: description ?? null, uploaded_by: actor.userId, uploaded_at: event.recordedAt,
        state_id: state.state, event_position: event.position,
      };
      await trx.insertInto('supporting_documents').values({ ...row, sequence, uploaded_organisation_id: actor.organisationId ?? null }).execute();
      return infoOf(row, reference);
    });
  }

  /** Every document attached to the proposal, oldest first. */
  async list(number: number): Promise<SupportingDocumentInfo[]> {
    const state = await this.load(number);
    const reference = referenceOf(state, number);
    const rows = await this.db.selectFrom('supporting_documents')
      .select(['document_id', 'modification_number', 'sha256', 'byte_length', 'media_type', 'file_name', 'description', 'uploaded_by', 'uploaded_at', 'state_id', 'event_position'])
      .where('modification_number', '=', number).orderBy('sequence').execute();
    return rows.map((r) => infoOf(r, reference));
  }

  /** One document with its bytes, or undefined. */
  async get(documentId: string): Promise<(SupportingDocumentInfo & { readonly content: Buffer; readonly modificationNumber: number }) | undefined> {
    if (!SUPPORTING_DOCUMENT_ID.test(documentId)) return undefined;
    const row = await this.db.selectFrom('supporting_documents')
      .innerJoin('document_contents', 'document_contents.sha256', 'supporting_documents.sha256')
      .select(['document_id', 'modification_number', 'supporting_documents.sha256', 'supporting_documents.byte_length', 'media_type', 'file_name', 'description', 'uploaded_by', 'uploaded_at', 'state_id', 'event_position', 'content'])
      .where('document_id', '=', documentId).executeTakeFirst();
    if (!row) return undefined;
    const state = await this.load(row.modification_number);
    return { ...infoOf(row, referenceOf(state, row.modification_number)), content: Buffer.from(row.content), modificationNumber: row.modification_number };
  }
}
