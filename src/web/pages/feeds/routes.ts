// Public Atom feeds of the Modification Register and of each proposal (readable without
// signing in, like the register itself):
//   GET /feeds/register.atom
//   GET /feeds/proposals/{ref}.atom
import type { FastifyInstance, FastifyReply } from 'fastify';
import { parseReference } from '../../../app/modifications/references.ts';
import { Feeds } from '../../../notify/feeds/register-feeds.ts';
import { HttpProblem } from '../../problem.ts';

const ATOM = 'application/atom+xml; charset=utf-8';

const send = (reply: FastifyReply, xml: string, updated: Date) =>
  reply.type(ATOM).header('last-modified', updated.toUTCString()).header('cache-control', 'public, max-age=60').header('x-content-type-options', 'nosniff').send(xml);

export async function feedRoutes(app: FastifyInstance): Promise<void> {
  const feeds = new Feeds(app.services.database.db, app.services.store, app.services.config.publicUrl);

  app.get('/feeds/register.atom', async (_request, reply) => {
    const { xml, updated } = await feeds.register();
    return send(reply, xml, updated);
  });

  app.get<{ Params: { file: string } }>('/feeds/proposals/:file', async (request, reply) => {
    const m = /^(.+)\.atom$/.exec(request.params.file);
    const number = m ? parseReference(m[1]!) : undefined;
    const feed = number !== undefined ? await feeds.proposal(number) : undefined;
    if (!feed) throw new HttpProblem(404, `There is no feed at ${request.url.split('?')[0]}: feeds are named like /feeds/proposals/MP014.atom.`);
    return send(reply, feed.xml, feed.updated);
  });
}
