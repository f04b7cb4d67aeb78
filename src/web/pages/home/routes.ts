import type { FastifyInstance } from 'fastify';
import { ROLE_LABELS } from '../../../domain/parties/roles.ts';
import { renderPage } from '../../render.ts';

export async function homeRoutes(app: FastifyInstance): Promise<void> {
  app.get('/', async (request, reply) =>
    renderPage(request, reply, 'pages/home/home.njk', { pageTitle: request.principal ? 'Your account' : 'Smart Energy Code modifications', roleLabels: ROLE_LABELS }),
  );
}
