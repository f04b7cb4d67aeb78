// Demo mode only: the catch-all inbox shows the notices secmod would have emailed. A user sees
// their own; a system administrator sees everyone's.
import type { FastifyInstance } from 'fastify';
import { hasRole } from '../../../app/identity/principal.ts';
import { HttpProblem } from '../../problem.ts';
import { renderPage } from '../../render.ts';

export async function demoInboxRoutes(app: FastifyInstance): Promise<void> {
  app.get('/demo-inbox', async (request, reply) => {
    if (!app.services.config.demo || app.services.config.smtpUrl) throw new HttpProblem(404, 'The demo inbox exists only in demo mode without SMTP.');
    const p = request.principal;
    if (!p) throw new HttpProblem(401, 'Sign in to see the notices sent to you.');
    const all = hasRole(p, 'system-administrator');
    const messages = await app.services.database.db
      .selectFrom('demo_inbox')
      .select(['id', 'recipient', 'subject', 'text_body', 'sent_at'])
      .$if(!all, (q) => q.where('recipient', '=', p.email))
      .orderBy('id', 'desc')
      .limit(200)
      .execute();
    return renderPage(request, reply, 'pages/demo-inbox/demo-inbox.njk', {
      pageTitle: 'Demo inbox',
      all,
      messages: messages.map((m) => ({ ...m, sent: m.sent_at.toISOString().replace('T', ' ').slice(0, 16) })),
    });
  });
}
