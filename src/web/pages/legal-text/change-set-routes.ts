// A change set in the portal (issue "Legal text engine", deliverables 3, 6 and 7): its
// operations, the conflicts applying it to its base, the drafting checker's findings, the
// redline, and a rebase onto another stored Code version — previewed first (a GET form, nothing
// stored), then recorded as an explicit act (POST with CSRF, Post/Redirect/Get). Deriving a
// change set from a proposal's legal-text document starts on the proposal's legal-text page.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { renderRedlineHtml } from '../../../domain/legal-text/index.ts';
import { mayDraftLegalText } from '../../../domain/parties/artefact-entitlements.ts';
import { ChangeSetError, type RebaseOutcome } from '../../../app/legal-text/change-set-service.ts';
import { formatReference } from '../../../app/modifications/references.ts';
import { artefactActor } from '../../api/refuse-if.ts';
import { HttpProblem } from '../../problem.ts';
import { renderPage } from '../../render.ts';
import { setFlash } from '../command-form/flash.ts';

interface PageErrors { readonly onto?: string; readonly conflicts?: RebaseOutcome['conflicts'] }

export async function changeSetPageRoutes(app: FastifyInstance): Promise<void> {
  const { changeSets, legalTexts } = app.services;

  const mayDraft = (request: FastifyRequest): boolean => request.principal !== undefined && mayDraftLegalText(artefactActor(request.principal)) === undefined;

  async function page(request: FastifyRequest, reply: FastifyReply, id: string, onto: string | undefined, errors: PageErrors = {}, status = 200) {
    let view;
    try {
      view = await changeSets.view(id);
    } catch (error) {
      if (error instanceof ChangeSetError && error.status === 404) throw new HttpProblem(404, error.message);
      throw error;
    }
    let redlineHtml: string | undefined;
    if (view.conflicts.length === 0) {
      // Escaped by renderRedlineHtml: every text segment goes through escapeHtml.
      redlineHtml = renderRedlineHtml(await changeSets.redline(id));
    }
    const versions = (await legalTexts.knownVersions()).filter((v) => v !== view.baseVersion);
    let rebase: RebaseOutcome | undefined;
    let ontoError = errors.onto;
    if (onto !== undefined && onto !== '' && ontoError === undefined) {
      if (versions.includes(onto)) rebase = await changeSets.rebase(id, onto);
      else ontoError = 'Select a stored SEC version other than the change set’s base';
    }
    const errorList = [
      ...(ontoError ? [{ text: ontoError, href: '#onto' }] : []),
      ...(errors.conflicts?.length ? [{ text: `${errors.conflicts.length} operation(s) conflict with SEC ${onto}: redraft them before recording the rebase`, href: '#rebase-conflicts' }] : []),
    ];
    const modification = view.modificationNumber === null
      ? undefined
      : ((await app.services.database.db.selectFrom('modification_register').select('reference').where('number', '=', view.modificationNumber).executeTakeFirst())?.reference ?? formatReference('DP', view.modificationNumber));
    return renderPage(request, reply.code(status), 'pages/legal-text/change-set.njk', {
      pageTitle: `Change set ${view.id}`,
      changeSet: view,
      modification,
      redlineHtml,
      versions,
      onto: onto ?? '',
      rebase,
      mayDraft: mayDraft(request),
      ontoError,
      errorList,
    });
  }

  app.get<{ Params: { id: string }; Querystring: { onto?: string } }>('/change-sets/:id', async (request, reply) => {
    const onto = typeof request.query.onto === 'string' ? request.query.onto : undefined;
    return page(request, reply, request.params.id, onto);
  });

  app.post<{ Params: { id: string } }>('/change-sets/:id/rebase', async (request, reply) => {
    if (!request.principal) throw new HttpProblem(401, 'Sign in to rebase a change set.');
    const refusal = mayDraftLegalText(artefactActor(request.principal));
    if (refusal) throw new HttpProblem(403, refusal.message, { type: refusal.code });
    const body = (request.body ?? {}) as Record<string, unknown>;
    const onto = typeof body.onto === 'string' ? body.onto : '';
    const id = request.params.id;
    if (onto === '') return page(request, reply, id, undefined, { onto: 'Select the SEC version to rebase onto' }, 422);
    try {
      const outcome = await changeSets.rebase(id, onto, request.principal.userId);
      setFlash(request, reply, { heading: `Change set ${id} rebased onto SEC ${onto}`, text: `Recorded as version ${outcome.recordedVersion}. ${outcome.toCheck.length} provision(s) to check.` });
      return reply.redirect(`/change-sets/${encodeURIComponent(id)}`, 303);
    } catch (error) {
      if (!(error instanceof ChangeSetError)) throw error;
      if (error.status === 404) throw new HttpProblem(404, error.message);
      if (error.conflicts.length > 0) return page(request, reply, id, onto, { conflicts: error.conflicts }, 422);
      return page(request, reply, id, undefined, { onto: error.message }, 422);
    }
  });
}
