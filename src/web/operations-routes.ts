// /health: is the service able to serve (database reachable)? 503 when not.
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';

export async function operationsRoutes(app: FastifyInstance): Promise<void> {
  app.get('/health', async (_request, reply) => {
    try {
      await Promise.race([
        sql`SELECT 1`.execute(app.services.database.db),
        new Promise((_, reject) => setTimeout(() => reject(new Error('database check timed out')), 3000).unref()),
      ]);
      return reply.header('cache-control', 'no-store').send({ status: 'ok', database: 'up' });
    } catch {
      return reply.code(503).header('cache-control', 'no-store').send({ status: 'unavailable', database: 'down' });
    }
  });
}
