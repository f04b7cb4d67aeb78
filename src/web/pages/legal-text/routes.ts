// Legal text in the portal (issue: legal text engine, "the same on any change set or Code
// version in the portal"): a proposal's legal-text documents with the drafting checker's
// findings and the redline against their base SEC version, and the checker on any text.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { renderRedlineHtml, type DraftingFinding } from '../../../domain/legal-text/index.ts';
import { loadModification, referenceOf } from '../../../app/modifications/command-handler.ts';
import { parseReference } from '../../../app/modifications/references.ts';
import { HttpProblem } from '../../problem.ts';
import { mayDraftLegalText } from '../../../domain/parties/artefact-entitlements.ts';
import { legalTextDocuments } from '../../../domain/modification/state.ts';
import { ChangeSetError } from '../../../app/legal-text/change-set-service.ts';
import { artefactActor } from '../../api/refuse-if.ts';
import { setFlash } from '../command-form/flash.ts';
import { renderPage } from '../../render.ts';

const TEXT_LIMIT = 2_000_000;

export async function legalTextRoutes(app: FastifyInstance): Promise<void> {
  const { services } = app;

  // The proposal's legal text; `derive` carries a refused attempt to derive a change set (GOV.UK error summary).
  const proposalPage = async (request: FastifyRequest, reply: FastifyReply, referenceText: string, derive?: { documentId: string; error: string }) => {
    const n = parseReference(referenceText);
    const { state } = n ? await loadModification(services.database.db, services.store, n) : { state: undefined };
    if (!n || !state) throw new HttpProblem(404, `There is no Draft or Modification Proposal ${referenceText}.`);
    const annexes = await services.documents.annexes(state);
    const documents = [];
    for (const a of annexes) {
      const row = await services.legalTexts.latest(a.documentId);
      documents.push({
        ...a,
        findings: (row?.findings as DraftingFinding[] | undefined) ?? [],
        errorCount: row?.error_count ?? 0,
        // Escaped by renderRedlineHtml: every text segment goes through escapeHtml.
        redlineHtml: a.redline ? renderRedlineHtml(a.redline) : undefined,
        deriveError: derive?.documentId === a.documentId ? derive.error : undefined,
      });
    }
    const changeSets = (await services.changeSets.forModification(n)).map((r) => ({ id: r.change_set_id, version: r.version, baseVersion: r.base_version, operationCount: r.operation_count }));
    const reference = referenceOf(state, n);
    const mayDraft = request.principal !== undefined && mayDraftLegalText(artefactActor(request.principal)) === undefined;
    const errorList = derive ? [{ text: derive.error, href: `#derive-${derive.documentId}` }] : [];
    return renderPage(request, reply.code(derive ? 422 : 200), 'pages/legal-text/proposal-legal-text.njk', { pageTitle: `Legal text of ${reference}`, reference, title: state.title, documents, changeSets, mayDraft, errorList });
  };

  app.get<{ Params: { reference: string } }>('/proposals/:reference/legal-text', async (request, reply) => proposalPage(request, reply, request.params.reference));

  // Derive a change set from a recorded legal-text document, with excerpt semantics (provisions the
  // document does not quote are unchanged; "[Deleted]" deletes). The change set takes the document's id.
  app.post<{ Params: { reference: string } }>('/proposals/:reference/legal-text/change-sets', async (request, reply) => {
    if (!request.principal) throw new HttpProblem(401, 'Sign in to derive a change set.');
    const refusal = mayDraftLegalText(artefactActor(request.principal));
    if (refusal) throw new HttpProblem(403, refusal.message, { type: refusal.code });
    const n = parseReference(request.params.reference);
    const { state } = n ? await loadModification(services.database.db, services.store, n) : { state: undefined };
    if (!n || !state) throw new HttpProblem(404, `There is no Draft or Modification Proposal ${request.params.reference}.`);
    const body = (request.body ?? {}) as Record<string, unknown>;
    const documentId = typeof body.documentId === 'string' ? body.documentId : '';
    if (!legalTextDocuments(state).includes(documentId)) throw new HttpProblem(422, 'Choose one of the proposal’s legal-text documents.');
    try {
      const view = await services.changeSets.recordFromDocument({ id: documentId, documentId, modificationNumber: n }, request.principal.userId);
      setFlash(request, reply, { heading: `Change set ${view.id} recorded (version ${view.version})`, text: `${view.operations.length} operation(s) on SEC ${view.baseVersion}.` });
      return reply.redirect(`/change-sets/${encodeURIComponent(view.id)}`, 303);
    } catch (error) {
      if (error instanceof ChangeSetError) return proposalPage(request, reply, request.params.reference, { documentId, error: error.message });
      throw error;
    }
  });

  // The drafting checker on a stored Code version (issue: "on any change set or Code version in the portal").
  app.get<{ Params: { version: string } }>('/code-versions/:version', async (request, reply) => {
    const v = await services.legalTexts.codeVersionWithFindings(request.params.version);
    if (!v) throw new HttpProblem(404, `SEC version ${request.params.version} is not stored.`);
    return renderPage(request, reply, 'pages/legal-text/code-version.njk', { pageTitle: `SEC ${v.version}`, codeVersion: { ...v, importedAt: v.importedAt.toISOString() } });
  });

  const checkPage = async (request: Parameters<typeof renderPage>[0], reply: Parameters<typeof renderPage>[1], values: { text: string; baseline: string }, findings: DraftingFinding[] | undefined, errors: Record<string, string>, status = 200) =>
    renderPage(request, reply.code(status), 'pages/legal-text/check.njk', {
      pageTitle: findings ? 'Drafting check results' : 'Check legal text',
      versions: await services.legalTexts.knownVersions(),
      values,
      findings,
      fieldErrors: errors,
      errorList: Object.entries(errors).map(([field, text]) => ({ text, href: `#${field}` })),
    });

  app.get('/legal-text/check', async (request, reply) => {
    if (!request.principal) throw new HttpProblem(401, 'Sign in to check legal text.');
    return checkPage(request, reply, { text: '', baseline: '' }, undefined, {});
  });

  app.post('/legal-text/check', { bodyLimit: TEXT_LIMIT * 2 }, async (request, reply) => {
    if (!request.principal) throw new HttpProblem(401, 'Sign in to check legal text.');
    const body = (request.body ?? {}) as Record<string, unknown>;
    const values = { text: typeof body.text === 'string' ? body.text : '', baseline: typeof body.baseline === 'string' ? body.baseline : '' };
    const errors: Record<string, string> = {};
    if (values.text.trim() === '') errors.text = 'Paste the legal text to check';
    else if (values.text.length > TEXT_LIMIT) errors.text = 'The text must be 2,000,000 characters or fewer';
    const versions = await services.legalTexts.knownVersions();
    if (values.baseline !== '' && !versions.includes(values.baseline)) errors.baseline = 'Select a stored SEC version, or none';
    if (Object.keys(errors).length) return checkPage(request, reply, values, undefined, errors, 422);
    const findings = await services.legalTexts.check(values.text, values.baseline || undefined);
    return checkPage(request, reply, values, findings, {});
  });
}
