// GET /api/v1/rulebook: the process parameters in force, each with its default and source,
// so the spec's open questions are visible (sec-process.md §12).
import type { FastifyInstance } from 'fastify';
import { CURRENT_RULEBOOK, listParameters, RULEBOOK_VERSIONS, rulebookById } from '../../domain/rulebook/index.ts';
import { HttpProblem } from '../problem.ts';

export async function rulebookApiRoutes(app: FastifyInstance): Promise<void> {
  app.get<{ Querystring: { version?: string } }>(
    '/rulebook',
    { schema: { querystring: { type: 'object', additionalProperties: false, properties: { version: { type: 'string', maxLength: 60 } } } } },
    async (request) => {
      const rulebook = request.query.version ? rulebookById(request.query.version) : CURRENT_RULEBOOK;
      if (!rulebook) throw new HttpProblem(404, `There is no executable rulebook version "${request.query.version}".`);
      return { metadata: rulebook.metadata, versions: RULEBOOK_VERSIONS, parameters: listParameters(rulebook) };
    },
  );
}
