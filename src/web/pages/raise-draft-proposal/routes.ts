// Raise a Draft Proposal: the question page, a check-answers page with the SEC Materials
// notice (M5.1), and the submission (T01). Refusals by the rules are shown with their clause
// (e.g. a Defaulting Party cannot raise a Draft Proposal, M8.5(b)).
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { SUBMISSION_BASES } from '../../../domain/modification/payload-schemas.ts';
import { actorFrom } from '../../../app/modifications/actor.ts';
import { CommandRefusedError } from '../../../app/modifications/command-handler.ts';
import { HttpProblem } from '../../problem.ts';
import { renderPage } from '../../render.ts';
import { answersFrom, BASIS_LABELS, provisionsOf, validate, type DraftProposalAnswers } from './answers.ts';

const signedIn = (request: FastifyRequest) => {
  if (!request.principal) throw new HttpProblem(401, 'Sign in to raise a Draft Proposal.');
  return request.principal;
};

const errorList = (errors: Record<string, string>) => Object.entries(errors).map(([field, message]) => ({ text: message, href: `#${field}` }));

function questionPage(request: FastifyRequest, reply: FastifyReply, values: DraftProposalAnswers | undefined, errors: Record<string, string>) {
  return renderPage(request, reply.code(Object.keys(errors).length ? 422 : 200), 'pages/raise-draft-proposal/question.njk', {
    pageTitle: 'Raise a Draft Proposal',
    values: values ?? {},
    fieldErrors: errors,
    errorList: errorList(errors),
    bases: SUBMISSION_BASES.map((b) => ({ value: b, text: BASIS_LABELS[b], checked: values?.submissionBasis === b })),
  });
}

function checkPage(request: FastifyRequest, reply: FastifyReply, values: DraftProposalAnswers, errors: Record<string, string>, status = 200) {
  return renderPage(request, reply.code(status), 'pages/raise-draft-proposal/check.njk', {
    pageTitle: 'Check your answers before raising the Draft Proposal',
    values,
    provisions: provisionsOf(values),
    basisLabel: BASIS_LABELS[values.submissionBasis as keyof typeof BASIS_LABELS] ?? values.submissionBasis,
    fieldErrors: errors,
    errorList: errorList(errors),
  });
}

export async function raiseDraftProposalRoutes(app: FastifyInstance): Promise<void> {
  app.get('/proposals/new', async (request, reply) => {
    signedIn(request);
    return questionPage(request, reply, undefined, {});
  });

  app.post('/proposals/new', async (request, reply) => {
    signedIn(request);
    const values = answersFrom(request.body);
    if ((request.body as Record<string, unknown> | undefined)?.edit === 'yes') return questionPage(request, reply, values, {});
    const errors = validate(values);
    if (Object.keys(errors).length) return questionPage(request, reply, values, errors);
    return checkPage(request, reply, values, {});
  });

  app.post('/proposals/new/submit', async (request, reply) => {
    const principal = signedIn(request);
    const values = answersFrom(request.body);
    const errors = validate(values);
    if (Object.keys(errors).length) return questionPage(request, reply, values, errors);
    const accepted = (request.body as Record<string, unknown> | undefined)?.iprAccepted === 'yes';
    if (!accepted) return checkPage(request, reply, values, { iprAccepted: 'Confirm that you accept the SEC Materials notice (SEC M5.1)' }, 422);
    try {
      const outcome = await app.services.modifications.execute({
        command: {
          type: 'create-draft-proposal',
          payload: {
            title: values.title,
            problemStatement: values.problemStatement,
            affectedProvisions: provisionsOf(values),
            submissionBasis: values.submissionBasis as (typeof SUBMISSION_BASES)[number],
            iprAccepted: true,
            ...(values.recommendedPath ? { recommendedPath: Number(values.recommendedPath) as 1 | 2 | 3 } : {}),
          },
        },
        actor: actorFrom(principal),
      });
      return reply.redirect(`/proposals/${outcome.reference}`, 303);
    } catch (error) {
      if (!(error instanceof CommandRefusedError)) throw error;
      const r = error.refusal;
      request.log.info({ clause: r.clause, code: r.code }, 'draft proposal refused');
      const message = `${r.message}${r.clause ? ` (SEC ${r.clause})` : ''}`;
      return checkPage(request, reply, values, { refusal: message }, r.status ?? (r.code === 'not-entitled' ? 403 : 422));
    }
  });
}
