// Subscriptions ("follow"): a signed-in user follows a proposal, a path, a Party Category's
// proposals or a saved register search, for significant changes only or for everything. The
// outbox policy asks `followersOf` in the append transaction which subscriptions match the
// proposal an event belongs to (after the projections have applied it).
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import type { Db } from '../store/database.ts';
import type { Trx } from '../store/event-store.ts';
import { parseReference } from '../app/modifications/references.ts';
import { PARTY_CATEGORIES, PARTY_CATEGORY_LABELS, type PartyCategory } from '../domain/parties/organisation.ts';
import { STATES } from '../domain/rulebook/states.ts';

export const SUBSCRIPTION_KINDS = ['proposal', 'path', 'party-category', 'search'] as const;
export type SubscriptionKind = (typeof SUBSCRIPTION_KINDS)[number];
export const SUBSCRIPTION_LEVELS = ['significant', 'everything'] as const;
export type SubscriptionLevel = (typeof SUBSCRIPTION_LEVELS)[number];

export interface Subscription {
  readonly id: string;
  readonly kind: SubscriptionKind;
  readonly target: string;
  readonly level: SubscriptionLevel;
  /** "MP014", "Path 3 proposals", … */
  readonly description: string;
  readonly createdAt: string;
}

export class SubscriptionError extends Error {
  constructor(
    readonly status: 404 | 422,
    readonly field: 'kind' | 'target' | 'level',
    message: string,
  ) {
    super(message);
  }
}

const MAX_PER_USER = 100;

/** A register search reduced to the filters the register understands, in a fixed order. */
export function normaliseSearch(raw: string): URLSearchParams | undefined {
  const given = new URLSearchParams(raw.replace(/^.*\?/, ''));
  const out = new URLSearchParams();
  const stage = given.get('stage') ?? '';
  if (stage && (STATES.some((s) => s.id === stage || s.name === stage) || stage === 'draft' || stage === 'proposal')) out.set('stage', stage);
  const path = given.get('path') ?? '';
  if (['1', '2', '3'].includes(path)) out.set('path', path);
  const category = given.get('partyCategory') ?? '';
  if ((PARTY_CATEGORIES as readonly string[]).includes(category)) out.set('partyCategory', category);
  const q = (given.get('q') ?? '').trim().slice(0, 200);
  if (q) out.set('q', q);
  return [...out.keys()].length > 0 ? out : undefined;
}

export function describeSubscription(kind: SubscriptionKind, target: string): string {
  switch (kind) {
    case 'proposal':
      return `proposal number ${target}`;
    case 'path':
      return `Path ${target} proposals`;
    case 'party-category':
      return `proposals raised by ${PARTY_CATEGORY_LABELS[target as PartyCategory] ?? target}s`;
    case 'search': {
      const p = new URLSearchParams(target);
      const parts = [
        p.get('q') ? `matching "${p.get('q')}"` : '',
        p.get('stage') ? `at stage ${p.get('stage')}` : '',
        p.get('path') ? `on Path ${p.get('path')}` : '',
        p.get('partyCategory') ? `raised by ${PARTY_CATEGORY_LABELS[p.get('partyCategory') as PartyCategory] ?? p.get('partyCategory')}s` : '',
      ].filter(Boolean);
      return `the register search for proposals ${parts.join(', ')}`;
    }
  }
}

export class Subscriptions {
  constructor(
    private readonly db: Db,
    private readonly now: () => Date,
  ) {}

  private async describe(kind: SubscriptionKind, target: string): Promise<string> {
    if (kind !== 'proposal') return describeSubscription(kind, target);
    const row = await this.db.selectFrom('modification_register').select(['reference', 'title']).where('number', '=', Number(target)).executeTakeFirst();
    return row ? `${row.reference} "${row.title}"` : describeSubscription(kind, target);
  }

  async list(userId: string): Promise<Subscription[]> {
    const rows = await this.db.selectFrom('subscriptions').selectAll().where('user_id', '=', userId).orderBy('created_at').orderBy('id').execute();
    return Promise.all(rows.map(async (r) => ({ id: r.id, kind: r.kind, target: r.target, level: r.level, description: await this.describe(r.kind, r.target), createdAt: r.created_at.toISOString() })));
  }

  async find(userId: string, id: string): Promise<Subscription | undefined> {
    return (await this.list(userId)).find((s) => s.id === id);
  }

  /** Normalises and checks a target; throws SubscriptionError. */
  async normaliseTarget(kind: string, target: string): Promise<{ kind: SubscriptionKind; target: string }> {
    if (!(SUBSCRIPTION_KINDS as readonly string[]).includes(kind)) throw new SubscriptionError(422, 'kind', 'Choose what to follow: a proposal, a path, a Party Category or a register search.');
    const k = kind as SubscriptionKind;
    const t = target.trim();
    switch (k) {
      case 'proposal': {
        const n = parseReference(t);
        const row = n ? await this.db.selectFrom('modification_register').select('number').where('number', '=', n).executeTakeFirst() : undefined;
        if (!row) throw new SubscriptionError(t === '' ? 422 : 404, 'target', t === '' ? 'Enter the proposal reference, like MP014.' : `There is no Draft or Modification Proposal ${t.slice(0, 20)}.`);
        return { kind: k, target: String(row.number) };
      }
      case 'path':
        if (!['1', '2', '3'].includes(t)) throw new SubscriptionError(422, 'target', 'Choose Path 1, 2 or 3.');
        return { kind: k, target: t };
      case 'party-category':
        if (!(PARTY_CATEGORIES as readonly string[]).includes(t)) throw new SubscriptionError(422, 'target', `Choose a Party Category: ${PARTY_CATEGORIES.join(', ')}.`);
        return { kind: k, target: t };
      case 'search': {
        const search = normaliseSearch(t);
        if (!search) throw new SubscriptionError(422, 'target', 'A saved search needs at least one register filter (stage, path, partyCategory or q), like "path=3&q=meter".');
        return { kind: k, target: search.toString() };
      }
    }
  }

  /** Follows something; following it again changes the level. Throws SubscriptionError. */
  async follow(userId: string, input: { kind: string; target: string; level?: string }): Promise<{ subscription: Subscription; created: boolean }> {
    const level = input.level ?? 'significant';
    if (!(SUBSCRIPTION_LEVELS as readonly string[]).includes(level)) throw new SubscriptionError(422, 'level', 'Choose "significant changes only" or "everything".');
    const { kind, target } = await this.normaliseTarget(input.kind, input.target);
    const count = await this.db.selectFrom('subscriptions').select((eb) => eb.fn.countAll<number>().as('n')).where('user_id', '=', userId).executeTakeFirstOrThrow();
    const existing = await this.db.selectFrom('subscriptions').select('id').where('user_id', '=', userId).where('kind', '=', kind).where('target', '=', target).executeTakeFirst();
    if (!existing && Number(count.n) >= MAX_PER_USER) throw new SubscriptionError(422, 'target', `You can follow at most ${MAX_PER_USER} things; remove one first.`);
    const row = await this.db
      .insertInto('subscriptions')
      .values({ id: randomUUID(), user_id: userId, kind, target, level: level as SubscriptionLevel, created_at: this.now() })
      .onConflict((oc) => oc.constraint('subscriptions_unique').doUpdateSet({ level: level as SubscriptionLevel }))
      .returning(['id', 'kind', 'target', 'level', 'created_at'])
      .executeTakeFirstOrThrow();
    return {
      subscription: { id: row.id, kind: row.kind, target: row.target, level: row.level, description: await this.describe(row.kind, row.target), createdAt: row.created_at.toISOString() },
      created: !existing,
    };
  }

  /** True when the user had that subscription. */
  async remove(userId: string, id: string): Promise<boolean> {
    if (!/^[0-9a-f-]{36}$/.test(id)) return false;
    const r = await this.db.deleteFrom('subscriptions').where('id', '=', id).where('user_id', '=', userId).executeTakeFirst();
    return Number(r.numDeletedRows) > 0;
  }

  /** Is the user following this proposal directly? (the Follow button) */
  async followsProposal(userId: string, number: number): Promise<Subscription | undefined> {
    return (await this.list(userId)).find((s) => s.kind === 'proposal' && s.target === String(number));
  }
}

export interface Follower {
  readonly userId: string;
  readonly subscriptionId: string;
  readonly description: string;
}

/**
 * The followers of proposal `number` at the given levels, one per user (their most specific
 * subscription: a proposal before a search before a path or Party Category). Runs in the append
 * transaction, after the projections, so the register row is the proposal as the event left it.
 */
export async function followersOf(trx: Trx, number: number, levels: readonly SubscriptionLevel[]): Promise<Follower[]> {
  const subs = await trx.selectFrom('subscriptions').selectAll().where('level', 'in', [...levels]).execute();
  if (subs.length === 0) return [];
  const row = await trx
    .selectFrom('modification_register')
    .leftJoin('organisations', 'organisations.id', 'modification_register.proposer_organisation_id')
    .select(['number', 'reference', 'title', 'path', 'organisations.party_category'])
    .where('number', '=', number)
    .executeTakeFirst();
  if (!row) return [];
  const searchMatches = new Map<string, boolean>();
  const matches = async (kind: SubscriptionKind, target: string): Promise<boolean> => {
    switch (kind) {
      case 'proposal':
        return target === String(number);
      case 'path':
        return row.path !== null && String(row.path) === target;
      case 'party-category':
        return row.party_category === target;
      case 'search': {
        let hit = searchMatches.get(target);
        if (hit === undefined) {
          hit = await searchMatchesProposal(trx, target, number);
          searchMatches.set(target, hit);
        }
        return hit;
      }
    }
  };
  const rank: Record<SubscriptionKind, number> = { proposal: 0, search: 1, path: 2, 'party-category': 3 };
  const best = new Map<string, Follower & { rank: number }>();
  for (const s of subs) {
    if (!(await matches(s.kind, s.target))) continue;
    const current = best.get(s.user_id);
    if (current && current.rank <= rank[s.kind]) continue;
    const description = s.kind === 'proposal' ? row.reference : describeSubscription(s.kind, s.target);
    best.set(s.user_id, { userId: s.user_id, subscriptionId: s.id, description, rank: rank[s.kind] });
  }
  return [...best.values()].map(({ rank: _rank, ...f }) => f);
}

/** Whether proposal `number` is among the results of a saved register search (the register's filters). */
async function searchMatchesProposal(trx: Trx, target: string, number: number): Promise<boolean> {
  const f = normaliseSearch(target);
  if (!f) return false;
  let q = trx.selectFrom('modification_register').leftJoin('organisations', 'organisations.id', 'modification_register.proposer_organisation_id').select('number').where('number', '=', number);
  const stage = f.get('stage');
  if (stage) q = q.where((eb) => eb.or([eb('state_id', '=', stage), eb('state_name', '=', stage), eb('phase', '=', stage)]));
  if (f.get('path')) q = q.where('path', '=', Number(f.get('path')));
  const category = f.get('partyCategory');
  if (category) q = q.where('organisations.party_category', '=', category);
  const text = f.get('q');
  if (text) q = q.where(sql<boolean>`search @@ websearch_to_tsquery('english', ${text})`);
  return (await q.executeTakeFirst()) !== undefined;
}
