// Supporting documents through the API (issue "Proof suite" item 13):
//   POST /modifications/{ref}/documents              upload: the raw bytes with a
//        `Content-Disposition: attachment; filename="…"` header, or multipart/form-data
//        with one file part (and an optional `description` field)
//   GET  /modifications/{ref}/supporting-documents   what has been attached
//   GET  /documents/{id}                             the bytes, as an attachment
// The declared Content-Type is never trusted: the type is told from the bytes. This plugin's
// routes read every body as bytes (its own content-type parser, encapsulated here), within
// SECMOD_UPLOAD_LIMIT_BYTES; anonymous and unentitled callers are refused before the body
// is read.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { parseReference } from '../../app/modifications/references.ts';
import { maySeeSupportingDocuments } from '../../domain/parties/supporting-document-entitlements.ts';
import { attachmentDisposition } from '../../documents/uploads/file-name.ts';
import { boundaryOf, MultipartError, parseHeaderParameters, parseMultipart } from '../../documents/uploads/multipart.ts';
import { UploadError, type SupportingDocuments } from '../../documents/uploads/supporting-documents.ts';
import { requirePrincipal } from '../plugins/authentication.ts';
import { HttpProblem } from '../problem.ts';
import { artefactActor, refuseIf } from './refuse-if.ts';

/** Room for a multipart envelope and its text fields around the file itself. */
export const MULTIPART_OVERHEAD_BYTES = 64 * 1024;

/** A request body kept as bytes; the bytes are private, so nothing walks them by accident. */
export class RawBody {
  readonly #bytes: Buffer;
  constructor(bytes: Buffer) {
    this.#bytes = bytes;
  }

  get bytes(): Buffer {
    return this.#bytes;
  }
}

export const numberOf = (reference: string): number => {
  const n = parseReference(reference);
  if (n === undefined) throw new HttpProblem(404, `"${reference}" is not a Draft or Modification Proposal reference (like DP014 or MP014).`);
  return n;
};

export const uploadProblem = (error: unknown): unknown => {
  if (error instanceof UploadError) return new HttpProblem(error.status, error.message, { type: error.extra.type, ...(error.extra.clause ? { clause: error.extra.clause } : {}) });
  if (error instanceof MultipartError) return new HttpProblem(error.status, error.message, { type: error.status === 413 ? 'too-large' : 'invalid-input' });
  return error;
};

/** Sends a stored document: its detected type, as an attachment, never sniffed or rendered. */
export function sendSupportingDocument(reply: FastifyReply, doc: { content: Buffer; mediaType: string; fileName: string; sha256: string }) {
  return reply
    .type(doc.mediaType)
    .header('content-disposition', attachmentDisposition(doc.fileName))
    .header('x-content-type-options', 'nosniff')
    .header('content-security-policy', "default-src 'none'; sandbox; frame-ancestors 'none'")
    .header('cache-control', 'private, max-age=86400')
    .header('etag', `"${doc.sha256}"`)
    .header('digest', `sha-256=${Buffer.from(doc.sha256, 'hex').toString('base64')}`)
    .send(doc.content);
}

/** Reads a document for the caller, under the register's access rule (401 when sign-in is needed). */
export async function readableDocument(documents: SupportingDocuments, request: FastifyRequest, documentId: string) {
  const refusal = maySeeSupportingDocuments(request.principal ? artefactActor(request.principal) : undefined);
  if (refusal) {
    requirePrincipal(request);
    refuseIf(refusal);
  }
  const doc = await documents.get(documentId);
  if (!doc) throw new HttpProblem(404, `There is no supporting document ${documentId}.`);
  return doc;
}

const uploadQuery = {
  type: 'object',
  additionalProperties: false,
  properties: { description: { type: 'string', maxLength: 500, description: 'What the document is (raw uploads; multipart sends a `description` field)' } },
} as const;

export async function uploadApiRoutes(app: FastifyInstance): Promise<void> {
  const documents = (): SupportingDocuments => app.services.supportingDocuments;
  const limit = app.services.config.uploadLimitBytes;
  const bodyLimit = limit + MULTIPART_OVERHEAD_BYTES;

  // Only this plugin's routes: every body is read as bytes, whatever its declared type.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit }, (_request, body, done) => done(null, new RawBody(body as Buffer)));

  app.post<{ Params: { reference: string }; Querystring: { description?: string } }>('/modifications/:reference/documents', {
    bodyLimit,
    schema: { querystring: uploadQuery },
    // Refused before a byte of the body is read: anonymous (401), unknown proposal (404), not entitled (403).
    onRequest: async (request) => {
      const p = requirePrincipal(request);
      const refusal = await documents().refusalFor(numberOf(request.params.reference), artefactActor(p)).catch((error: unknown) => { throw uploadProblem(error); });
      refuseIf(refusal);
    },
  }, async (request, reply) => {
    const p = requirePrincipal(request);
    const number = numberOf(request.params.reference);
    const body = request.body instanceof RawBody ? request.body.bytes : Buffer.alloc(0);
    try {
      let bytes: Buffer;
      let fileName: string | undefined;
      let description = request.query.description;
      const boundary = boundaryOf(request.headers['content-type']);
      if (boundary) {
        const form = parseMultipart(body, boundary, { maxFileBytes: limit });
        const file = form.files[0];
        if (!file) throw new HttpProblem(422, 'Select a file: the form carried no file part.', { type: 'invalid-input' });
        ({ bytes, fileName } = file);
        description = form.field('description') ?? description;
      } else {
        if (/^multipart\//i.test(String(request.headers['content-type'] ?? ''))) throw new HttpProblem(400, 'A multipart body needs a valid boundary parameter.');
        const disposition = request.headers['content-disposition'];
        const params = disposition ? parseHeaderParameters(disposition) : new Map<string, string>();
        fileName = params.get('filename*') ?? params.get('filename');
        bytes = body;
      }
      const attached = await documents().attach({ number, bytes, fileName, description, actor: artefactActor(p) });
      return reply.code(201).header('location', attached.href).send(attached);
    } catch (error) {
      throw uploadProblem(error);
    }
  });

  app.get<{ Params: { reference: string } }>('/modifications/:reference/supporting-documents', async (request) => {
    const refusal = maySeeSupportingDocuments(request.principal ? artefactActor(request.principal) : undefined);
    if (refusal) requirePrincipal(request);
    try {
      return { documents: await documents().list(numberOf(request.params.reference)) };
    } catch (error) {
      throw uploadProblem(error);
    }
  });

  app.get<{ Params: { documentId: string } }>('/documents/:documentId', async (request, reply) => {
    const doc = await readableDocument(documents(), request, request.params.documentId);
    return sendSupportingDocument(reply, doc);
  });
}

const problem = { $ref: '#/components/responses/Problem' };
const referenceParam = { name: 'reference', in: 'path', required: true, schema: { type: 'string', pattern: '^(DP|MP)?\\d{1,9}$' } };
const ACCEPTED = 'PDF, DOCX, XLSX, PPTX, PNG, JPEG, CSV or UTF-8 text, told from the bytes (the declared type is ignored)';

export const uploadOpenApiPaths = () => ({
  '/api/v1/modifications/{reference}/documents': {
    post: {
      operationId: 'attach-supporting-document', tags: ['documents'],
      summary: 'Attach a supporting document (the Proposer’s organisation, Code Administrator, Panel, CSC or Change Board, Working Group, DCC, advisory bodies, Authority; any Party while a consultation is open)',
      description: `${ACCEPTED}. Either the raw bytes with \`Content-Disposition: attachment; filename="…"\`, or multipart/form-data with one file part and an optional \`description\`. Appends SupportingDocumentAttached (with the SHA-256) to the proposal's stream.`,
      parameters: [referenceParam, { name: 'description', in: 'query', schema: { type: 'string', maxLength: 500 } }],
      requestBody: { required: true, content: { 'application/octet-stream': { schema: { type: 'string', format: 'binary' } }, 'multipart/form-data': { schema: { type: 'object', properties: { file: { type: 'string', format: 'binary' }, description: { type: 'string' } } } } } },
      responses: { '201': { description: 'Stored: id, sha256, bytes, detected mediaType, sanitised fileName' }, '400': problem, '401': problem, '403': problem, '404': problem, '409': problem, '413': problem, '415': problem, '422': problem },
    },
  },
  '/api/v1/modifications/{reference}/supporting-documents': {
    get: { operationId: 'list-supporting-documents', tags: ['documents'], security: [], parameters: [referenceParam], responses: { '200': { description: 'Every supporting document attached, oldest first' }, '404': problem } },
  },
  '/api/v1/documents/{documentId}': {
    get: {
      operationId: 'download-supporting-document', tags: ['documents'], security: [],
      parameters: [{ name: 'documentId', in: 'path', required: true, schema: { type: 'string', pattern: '^sd-\\d{1,9}-\\d{1,6}$' } }],
      responses: { '200': { description: 'The bytes as uploaded (attachment, nosniff, the detected type; ETag is the SHA-256)' }, '404': problem },
    },
  },
});
