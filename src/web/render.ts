// Renders a GOV.UK page with what every page needs: the CSP nonce for govuk's inline
// script, the CSRF token for forms, and who is signed in.
import type { FastifyReply, FastifyRequest } from 'fastify';

export const SERVICE_NAME = 'secmod';

export async function renderPage(request: FastifyRequest, reply: FastifyReply, template: string, context: Record<string, unknown> = {}) {
  const nonce = (reply as FastifyReply & { cspNonce?: { script: string } }).cspNonce?.script;
  let csrfToken = '';
  try {
    csrfToken = reply.generateCsrf();
  } catch {
    // The CSRF plugin is not reachable for this request (e.g. before plugins loaded).
  }
  if (request.principal) reply.header('cache-control', 'no-store');
  return reply.type('text/html; charset=utf-8').view(template, {
    serviceName: SERVICE_NAME,
    cspNonce: nonce,
    csrfToken,
    principal: request.principal,
    demo: request.server.services.config.demo,
    currentPath: request.url.split('?')[0],
    ...context,
  });
}
