// Bodies with their members and Change Board seats, and SEC Releases with their proposals
// (issue: the process, "JSON API … bodies and their members, releases").
import type { FastifyInstance } from 'fastify';
import { bodies, releases } from '../../app/administration/queries.ts';
import { requirePrincipal } from '../plugins/authentication.ts';

export async function registryApiRoutes(app: FastifyInstance): Promise<void> {
  app.get('/bodies', async (request) => {
    requirePrincipal(request);
    const { others, changeBoard } = await bodies(app.services.database.db, app.services.clock.now());
    return { bodies: others, changeBoard: { seats: changeBoard } };
  });

  app.get('/releases', async (request) => {
    requirePrincipal(request);
    return { releases: await releases(app.services.database.db) };
  });
}
