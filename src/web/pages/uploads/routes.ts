// Supporting documents in the portal: a GOV.UK file-upload form on the proposal
// (multipart/form-data, CSRF token in the form, Post/Redirect/Get), and each document's
// download link. The form's body is read by this plugin's own multipart parser (no dependency
// provides one); the CSRF check runs on the parsed `_csrf` field as for every other form.
//   GET  /proposals/{ref}/documents/new            the form (signed in, entitled)
//   POST /proposals/{ref}/documents                upload → 303 to the proposal page
//   GET  /proposals/{ref}/documents/{id}           the bytes, as an attachment
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Principal } from '../../../app/identity/principal.ts';
import { loadModification, referenceOf } from '../../../app/modifications/command-handler.ts';
import { ACCEPTED_DESCRIPTION } from '../../../documents/uploads/content-type.ts';
import { boundaryOf, formatBytes, MultipartBody, MultipartError, parseMultipart } from '../../../documents/uploads/multipart.ts';
import { UploadError } from '../../../documents/uploads/supporting-documents.ts';
import { MULTIPART_OVERHEAD_BYTES, numberOf, readableDocument, sendSupportingDocument } from '../../api/upload-routes.ts';
import { artefactActor } from '../../api/refuse-if.ts';
import { HttpProblem } from '../../problem.ts';
import { renderPage } from '../../render.ts';
import { setFlash } from '../command-form/flash.ts';

type Params = { reference: string };

interface FormState {
  readonly status: number;
  readonly error?: { readonly field: 'file' | 'description'; readonly text: string };
  readonly description?: string;
}

const signedIn = (request: FastifyRequest): Principal => {
  if (!request.principal) throw new HttpProblem(401, 'Sign in to attach a supporting document.');
  return request.principal;
};

export async function uploadPageRoutes(app: FastifyInstance): Promise<void> {
  const { services } = app;
  const limit = services.config.uploadLimitBytes;
  const bodyLimit = limit + MULTIPART_OVERHEAD_BYTES;

  // This plugin's forms post multipart/form-data. The file is checked against the limit in the
  // route, after the CSRF check, so that the person sees the form again with the reason.
  app.addContentTypeParser('multipart/form-data', { parseAs: 'buffer', bodyLimit }, (request, body, done) => {
    const boundary = boundaryOf(request.headers['content-type']);
    if (!boundary) return done(Object.assign(new Error('The form data has no valid boundary.'), { statusCode: 400 }));
    try {
      done(null, parseMultipart(body as Buffer, boundary, { maxFileBytes: bodyLimit }));
    } catch (error) {
      done(Object.assign(new Error(error instanceof MultipartError ? error.message : 'The form data could not be read.'), { statusCode: 400 }));
    }
  });

  /** The proposal, and the refusal if the principal may not attach to it. */
  async function proposal(reference: string, principal: Principal) {
    const number = numberOf(reference);
    const { state } = await loadModification(services.database.db, services.store, number);
    if (!state) throw new HttpProblem(404, `There is no Draft or Modification Proposal ${reference}.`);
    const refusal = await services.supportingDocuments.refusalFor(number, artefactActor(principal));
    if (refusal) throw new HttpProblem(refusal.status ?? 403, refusal.message, { type: refusal.code, ...(refusal.clause ? { clause: refusal.clause } : {}) });
    return { number, state, reference: referenceOf(state, number) };
  }

  async function formPage(request: FastifyRequest, reply: FastifyReply, reference: string, title: string, form: FormState) {
    const errorList = form.error ? [{ text: form.error.text, href: form.error.field === 'file' ? '#supportingDocument' : '#description' }] : [];
    return renderPage(request, reply.code(form.status), 'pages/uploads/upload.njk', {
      pageTitle: `Attach a supporting document – ${reference}`,
      reference,
      title,
      accepted: ACCEPTED_DESCRIPTION,
      limit: formatBytes(limit),
      errorList,
      fileError: form.error?.field === 'file' ? form.error.text : undefined,
      descriptionError: form.error?.field === 'description' ? form.error.text : undefined,
      description: form.description ?? '',
    });
  }

  app.get<{ Params: Params }>('/proposals/:reference/documents/new', async (request, reply) => {
    const { state, reference } = await proposal(request.params.reference, signedIn(request));
    return formPage(request, reply, reference, state.title, { status: 200 });
  });

  app.post<{ Params: Params }>('/proposals/:reference/documents', {
    bodyLimit,
    // Signed out: refused before the body is read.
    onRequest: async (request) => {
      signedIn(request);
    },
    // A body over the limit never reaches the handler: show the form again with the reason.
    errorHandler: async (error: FastifyError, request, reply) => {
      if (error.code !== 'FST_ERR_CTP_BODY_TOO_LARGE' || !request.principal) throw error;
      const { state, reference } = await proposal(request.params.reference, request.principal);
      return formPage(request, reply, reference, state.title, { status: 413, error: { field: 'file', text: `The selected file must be smaller than ${formatBytes(limit)}` } });
    },
  }, async (request, reply) => {
    const principal = signedIn(request);
    const { number, state, reference } = await proposal(request.params.reference, principal);
    const form = request.body instanceof MultipartBody ? request.body : undefined;
    const description = form?.field('description') ?? '';
    const file = form?.files[0];
    if (!file) return formPage(request, reply, reference, state.title, { status: 422, description, error: { field: 'file', text: 'Select a file' } });
    if (file.size > limit) return formPage(request, reply, reference, state.title, { status: 413, description, error: { field: 'file', text: `The selected file must be smaller than ${formatBytes(limit)}` } });
    try {
      const attached = await services.supportingDocuments.attach({ number, bytes: file.bytes, fileName: file.fileName, description, actor: artefactActor(principal) });
      setFlash(request, reply, { heading: `Document attached: ${attached.fileName}`, text: `It is ${attached.documentId} on ${attached.reference}’s record (SHA-256 ${attached.sha256.slice(0, 12)}…).` });
      return reply.redirect(`/proposals/${attached.reference}#supporting-documents`, 303);
    } catch (error) {
      if (error instanceof UploadError && error.extra.field) {
        return formPage(request, reply, reference, state.title, { status: error.status, description, error: { field: error.extra.field === 'description' ? 'description' : 'file', text: error.message } });
      }
      if (error instanceof UploadError) throw new HttpProblem(error.status, error.message, { type: error.extra.type, ...(error.extra.clause ? { clause: error.extra.clause } : {}) });
      throw error;
    }
  });

  app.get<{ Params: Params & { documentId: string } }>('/proposals/:reference/documents/:documentId', async (request, reply) => {
    const doc = await readableDocument(services.supportingDocuments, request, request.params.documentId);
    if (doc.modificationNumber !== numberOf(request.params.reference)) throw new HttpProblem(404, `${request.params.reference} has no supporting document ${request.params.documentId}.`);
    return sendSupportingDocument(reply, doc);
  });
}
