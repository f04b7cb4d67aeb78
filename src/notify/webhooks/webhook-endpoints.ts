// Per-organisation webhook endpoints: registered by a user of the organisation (or a system
// administrator), each with its own signing secret. The registration and its withdrawal are
// events (stream `webhook-endpoint-<id>`, without the secret) so the record shows who pointed
// secmod's notices where; the sealed secret lives only in `webhook_endpoints`.
import { randomUUID } from 'node:crypto';
import type { Db } from '../../store/database.ts';
import type { EventStore } from '../../store/event-store.ts';
import { newWebhookSecret, type SecretBox } from './secret-box.ts';
import type { WebhookAddressGuard } from './address-guard.ts';

export class WebhookError extends Error {
  constructor(
    readonly status: 403 | 404 | 409 | 422,
    message: string,
  ) {
    super(message);
  }
}

export interface WebhookEndpoint {
  readonly id: string;
  readonly organisationId: string;
  readonly url: string;
  readonly description: string | null;
  readonly createdBy: string;
  readonly createdAt: string;
  readonly active: boolean;
}

const MAX_PER_ORGANISATION = 10;

/** The reason a URL cannot be a webhook endpoint, or undefined when it can. */
export function webhookUrlProblem(raw: string): string | undefined {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return `"${raw.slice(0, 100)}" is not an absolute URL like https://example.org/secmod-hook.`;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return `A webhook URL must use https (or http), not "${url.protocol.replace(/:$/, '')}".`;
  if (url.username || url.password) return 'A webhook URL must not contain a user name or password: secmod signs every delivery instead.';
  if (url.hash) return 'A webhook URL must not contain a fragment (#…).';
  if (!url.hostname) return 'A webhook URL needs a host name.';
  return undefined;
}

export class WebhookEndpoints {
  constructor(
    private readonly db: Db,
    private readonly store: EventStore,
    private readonly box: SecretBox,
    private readonly now: () => Date,
    /** The SSRF rules (https, public addresses); without it only the URL's form is checked. */
    private readonly guard?: WebhookAddressGuard,
  ) {}

  /** Registers an endpoint; the secret is returned here and never again. */
  async register(input: { organisationId: string; url: string; description?: string; actorUserId: string }): Promise<{ endpoint: WebhookEndpoint; secret: string }> {
    const problem = webhookUrlProblem(input.url) ?? (this.guard ? await this.guard.urlProblem(input.url) : undefined);
    if (problem) throw new WebhookError(422, problem);
    const organisation = await this.db.selectFrom('organisations').select(['id']).where('id', '=', input.organisationId).executeTakeFirst();
    if (!organisation) throw new WebhookError(404, `There is no organisation ${input.organisationId}.`);
    const url = new URL(input.url).toString();
    const id = randomUUID();
    const secret = newWebhookSecret();
    const createdAt = this.now();
    return this.db.transaction().execute(async (trx) => {
      const count = await trx.selectFrom('webhook_endpoints').select((eb) => eb.fn.countAll<number>().as('n')).where('organisation_id', '=', input.organisationId).where('disabled_at', 'is', null).executeTakeFirstOrThrow();
      if (Number(count.n) >= MAX_PER_ORGANISATION) throw new WebhookError(409, `An organisation may have at most ${MAX_PER_ORGANISATION} active webhook endpoints; remove one first.`);
      await this.store.appendIn(trx, {
        streamId: `webhook-endpoint-${id}`,
        expectedVersion: 0,
        events: [{ type: 'WebhookEndpointRegistered', data: { endpointId: id, organisationId: input.organisationId, url, ...(input.description ? { description: input.description } : {}) }, metadata: { actor: { userId: input.actorUserId } } }],
      });
      await trx.insertInto('webhook_endpoints').values({
        id, organisation_id: input.organisationId, url, description: input.description ?? null, secret_encrypted: this.box.seal(secret, id),
        created_by: input.actorUserId, created_at: createdAt, disabled_at: null,
      }).execute();
      return { endpoint: { id, organisationId: input.organisationId, url, description: input.description ?? null, createdBy: input.actorUserId, createdAt: createdAt.toISOString(), active: true }, secret };
    });
  }

  async list(organisationId?: string): Promise<WebhookEndpoint[]> {
    const rows = await this.db.selectFrom('webhook_endpoints').selectAll().$if(organisationId !== undefined, (q) => q.where('organisation_id', '=', organisationId!)).orderBy('created_at').execute();
    return rows.map((r) => ({ id: r.id, organisationId: r.organisation_id, url: r.url, description: r.description, createdBy: r.created_by, createdAt: r.created_at.toISOString(), active: r.disabled_at === null }));
  }

  async find(id: string): Promise<WebhookEndpoint | undefined> {
    if (!/^[0-9a-f-]{36}$/.test(id)) return undefined;
    return (await this.list()).find((e) => e.id === id);
  }

  async disable(id: string, actorUserId: string): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      const updated = await trx.updateTable('webhook_endpoints').set({ disabled_at: this.now() }).where('id', '=', id).where('disabled_at', 'is', null).returning('id').executeTakeFirst();
      if (!updated) throw new WebhookError(404, `There is no active webhook endpoint ${id}.`);
      await this.store.appendIn(trx, { streamId: `webhook-endpoint-${id}`, expectedVersion: 'any', events: [{ type: 'WebhookEndpointDisabled', data: { endpointId: id }, metadata: { actor: { userId: actorUserId } } }] });
    });
  }
}
