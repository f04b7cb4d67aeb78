// One error handler per surface, never leaking internals: problem+json under /api, GOV.UK
// error pages elsewhere. A 5xx is logged with its stack; the response says only what happened.
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { HttpProblem, isProblemStatus, PROBLEM_TITLES, type ProblemDetails, type ProblemStatus } from '../problem.ts';
import { renderPage } from '../render.ts';

const isApi = (request: FastifyRequest): boolean => request.url.startsWith('/api/');

// PostgreSQL unreachable or shutting down: connection refused/reset, the pool's timeout, a
// terminated connection, or SQLSTATE class 57 (operator intervention: admin/crash shutdown,
// cannot connect now) and 08 (connection exception).
const DATABASE_DOWN_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', '57P01', '57P02', '57P03', '08000', '08003', '08006', '08001', '08004']);
const DATABASE_DOWN_MESSAGES = /Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error|the database system is (shutting down|starting up|in recovery mode)/i;

/** Whether an error says the database is unavailable (not that the request was wrong). */
export const databaseUnavailable = (error: unknown): boolean => {
  const e = error as { code?: unknown; message?: unknown } | undefined;
  return (typeof e?.code === 'string' && DATABASE_DOWN_CODES.has(e.code)) || (typeof e?.message === 'string' && DATABASE_DOWN_MESSAGES.test(e.message));
};

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
  if (databaseUnavailable(error)) {
    return { problem: { type: 'database-unavailable', title: PROBLEM_TITLES[503], status: 503, detail: 'The database is unavailable for a moment, so this request may not have been recorded. Send it again shortly with the same Idempotency-Key, or check before you repeat it.' }, headers: { 'retry-after': '5' } };
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
