// Legal text in the portal, by Code version and change set: an index of the stored SEC versions
// and change sets, and the consolidation of a SEC Release (issue "Legal text engine",
// deliverable 5): the chosen change sets apply in order to a base version; two changes to one
// provision are shown as conflicts and nothing is merged. The preview is a GET form (nothing
// stored); storing the result as a new Code version is the Code Administrator's act (POST with
// CSRF, Post/Redirect/Get; mayStoreCodeVersion, as for `secmod code import`).
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { renderRedlineHtml, type Conflict } from '../../../domain/legal-text/index.ts';
import { mayStoreCodeVersion } from '../../../domain/parties/artefact-entitlements.ts';
import { ChangeSetError, type ConsolidationOutcome } from '../../../app/legal-text/change-set-service.ts';
import { SEC_VERSION } from '../../../app/legal-text/legal-text-service.ts';
import { artefactActor } from '../../api/refuse-if.ts';
import { HttpProblem } from '../../problem.ts';
import { renderPage } from '../../render.ts';
import { setFlash } from '../command-form/flash.ts';

interface ConsolidationForm {
  readonly base: string;
  readonly version: string;
  /** Change set ids in the order they apply. */
  readonly changeSets: readonly string[];
}

const asList = (value: unknown): string[] => (Array.isArray(value) ? value : value === undefined ? [] : [value]).filter((v): v is string => typeof v === 'string' && v !== '');

function formFrom(source: Record<string, unknown>): ConsolidationForm {
  return {
    base: typeof source.base === 'string' ? source.base : '',
    version: typeof source.version === 'string' ? source.version.trim() : '',
    changeSets: [...new Set(asList(source.changeSets))],
  };
}

export async function consolidationPageRoutes(app: FastifyInstance): Promise<void> {
  const { changeSets, legalTexts, database } = app.services;

  const signedIn = (request: FastifyRequest) => {
    if (!request.principal) throw new HttpProblem(401, 'Sign in to see the legal text.');
    return request.principal;
  };

  app.get('/legal-text', async (request, reply) => {
    signedIn(request);
    const versions = await database.db.selectFrom('code_versions').select(['version', 'title', 'clause_count', 'excerpt', 'imported_at']).orderBy('imported_at').execute();
    const sets = await changeSets.list();
    return renderPage(request, reply, 'pages/legal-text/legal-text-index.njk', {
      pageTitle: 'Legal text',
      versions: versions.map((v) => ({ ...v, imported_at: v.imported_at.toISOString().slice(0, 10) })),
      changeSets: sets,
    });
  });

  /** Which fields are wrong, before anything is applied. */
  async function formErrors(form: ConsolidationForm): Promise<Record<string, string>> {
    const errors: Record<string, string> = {};
    const known = await legalTexts.knownVersions();
    if (!known.includes(form.base)) errors.base = 'Select the SEC version the release applies to';
    if (!SEC_VERSION.test(form.version)) errors.version = 'Enter the new SEC version number, like 5.19';
    else if (known.includes(form.version)) errors.version = `SEC version ${form.version} is already stored: enter a new version number`;
    if (form.changeSets.length === 0) errors.changeSets = 'Select at least one change set';
    return errors;
  }

  async function page(request: FastifyRequest, reply: FastifyReply, form: ConsolidationForm, outcome: { result?: ConsolidationOutcome; conflicts?: readonly Conflict[]; errors?: Record<string, string> }, status = 200) {
    const errors = outcome.errors ?? {};
    const sets = await changeSets.list();
    const versions = await legalTexts.knownVersions();
    const errorList = [
      ...Object.entries(errors).map(([field, text]) => ({ text, href: `#${field}` })),
      ...(outcome.conflicts?.length ? [{ text: `${outcome.conflicts.length} conflict(s): nothing was merged. Redraft or leave out a change set, then try again.`, href: '#consolidation-conflicts' }] : []),
    ];
    return renderPage(request, reply.code(status), 'pages/legal-text/consolidation.njk', {
      pageTitle: 'Consolidate a SEC Release',
      form,
      versions,
      // The chosen change sets first, in the order they apply, then the rest.
      changeSets: [...form.changeSets.map((id) => sets.find((s) => s.change_set_id === id)).filter((s) => s !== undefined), ...sets.filter((s) => !form.changeSets.includes(s.change_set_id))],
      result: outcome.result,
      // Escaped by renderRedlineHtml: every text segment goes through escapeHtml.
      redlineHtml: outcome.result ? renderRedlineHtml(outcome.result.redline) : undefined,
      conflicts: outcome.conflicts,
      mayStore: mayStoreCodeVersion(artefactActor(request.principal!)) === undefined,
      fieldErrors: errors,
      errorList,
    });
  }

  /** Applies the release: the outcome, its conflicts, or the field errors to show. */
  async function attempt(form: ConsolidationForm, storeAs?: string): Promise<{ result?: ConsolidationOutcome; conflicts?: readonly Conflict[]; errors?: Record<string, string> }> {
    const errors = await formErrors(form);
    if (Object.keys(errors).length) return { errors };
    try {
      return { result: await changeSets.consolidate(form, storeAs) };
    } catch (error) {
      if (!(error instanceof ChangeSetError)) throw error;
      if (error.conflicts.length > 0) return { conflicts: error.conflicts };
      return { errors: { changeSets: error.message } };
    }
  }

  app.get<{ Querystring: Record<string, unknown> }>('/consolidations', async (request, reply) => {
    signedIn(request);
    const form = formFrom(request.query);
    // The empty form, or a preview of the release the form names.
    if (form.version === '' && form.changeSets.length === 0) return page(request, reply, form, {});
    const outcome = await attempt(form);
    return page(request, reply, form, outcome, outcome.errors || outcome.conflicts ? 422 : 200);
  });

  app.post('/consolidations', async (request, reply) => {
    const principal = signedIn(request);
    const refusal = mayStoreCodeVersion(artefactActor(principal));
    if (refusal) throw new HttpProblem(403, refusal.message, { type: refusal.code });
    const form = formFrom((request.body ?? {}) as Record<string, unknown>);
    const outcome = await attempt(form, principal.userId);
    if (!outcome.result) return page(request, reply, form, outcome, 422);
    setFlash(request, reply, { heading: `SEC ${form.version} stored`, text: `Consolidated from SEC ${form.base} with ${form.changeSets.join(', ')}; ${outcome.result.clauses ?? 0} clauses.` });
    return reply.redirect(`/code-versions/${encodeURIComponent(form.version)}`, 303);
  });
}
