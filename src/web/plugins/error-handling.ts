// One error handler per surface, never leaking internals: problem+json under /api, GOV.UK
// error pages elsewhere. A 5xx is logged with its stack; the response says only what happened.
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { HttpProblem, isProblemStatus, PROBLEM_TITLES, type ProblemDetails, type ProblemStatus } from '../problem.ts';
import { renderPage } from '../render.ts';

const isApi = (request: FastifyRequest): boolean => request.url.startsWith('/api/');

function problemFrom(error: FastifyError | HttpProblem | Error): { problem: ProblemDetails; headers: Record<string, string> } {
  if (error instanceof HttpProblem) return { problem: error.toProblem(), headers: error.extra.headers ?? {} };
  const fe = error as FastifyError;
  const status = fe.statusCode ?? 500;
  if (fe.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || (fe instanceof SyntaxError && status === 400)) {
    return { problem: { type: 'about:blank', title: PROBLEM_TITLES[400], status: 400, detail: 'The request body is not valid JSON.' }, headers: {} };
  }
  if (fe.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
    return { problem: { type: 'about:blank', title: PROBLEM_TITLES[413], status: 413, detail: 'The request body is larger than this service accepts.' }, headers: {} };
  }
  if (fe.code === 'FST_CSRF_INVALID_TOKEN' || fe.code === 'FST_CSRF_MISSING_SECRET') {
    return { problem: { type: 'csrf', title: PROBLEM_TITLES[403], status: 403, detail: 'The form had expired or did not come from this service. Go back, reload the page and try again.' }, headers: {} };
  }
  if (fe.validation) {
    return { problem: { type: 'invalid-input', title: PROBLEM_TITLES[400], status: 400, detail: `The request is not valid: ${fe.message}` }, headers: {} };
  }
  if (status >= 400 && status < 500 && isProblemStatus(status)) {
    return { problem: { type: 'about:blank', title: PROBLEM_TITLES[status], status, detail: fe.message }, headers: {} };
  }
  if (status === 429) {
    return { problem: { type: 'about:blank', title: PROBLEM_TITLES[429], status: 429, detail: 'Too many requests. Wait a few minutes and try again.' }, headers: {} };
  }
  return { problem: { type: 'about:blank', title: PROBLEM_TITLES[500], status: 500, detail: 'Something went wrong on our side. The error has been logged.' }, headers: {} };
}

export async function sendError(request: FastifyRequest, reply: FastifyReply, problem: ProblemDetails, headers: Record<string, string> = {}) {
  reply.headers(headers);
  if (isApi(request)) {
    return reply.code(problem.status).type('application/problem+json; charset=utf-8').send(problem);
  }
  return renderPage(request, reply.code(problem.status), 'pages/errors/error.njk', {
    pageTitle: problem.title,
    status: problem.status,
    problem,
  });
}

export function registerErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler(async (error: FastifyError, request, reply) => {
    const { problem, headers } = problemFrom(error);
    if (problem.status >= 500) request.log.error({ err: error }, 'request failed');
    else request.log.info({ status: problem.status, code: (error as FastifyError).code, detail: problem.detail }, 'request refused');
    return sendError(request, reply, problem, headers);
  });
  app.setNotFoundHandler(async (request, reply) => {
    const status: ProblemStatus = 404;
    return sendError(request, reply, { type: 'about:blank', title: PROBLEM_TITLES[status], status, detail: `There is nothing at ${request.method} ${request.url.split('?')[0]}.` });
  });
}
