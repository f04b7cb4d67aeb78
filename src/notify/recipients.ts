// Resolves a notice rule's recipients to active users with an email address.
import type { Trx } from '../store/event-store.ts';
import type { RecipientSpec } from './notice-rules.ts';
import { followersOf, type SubscriptionLevel } from './subscriptions.ts';

export interface Recipient {
  readonly userId: string;
  readonly email: string;
  readonly name: string;
  /** Set for a follower: the subscription that reached them. */
  readonly subscription?: { readonly id: string; readonly description: string };
}

export async function resolveRecipients(trx: Trx, specs: readonly RecipientSpec[], context: { proposerOrganisationId?: string | null; proposerUserId?: string | null; seatMemberIds?: readonly string[]; today: string; proposalNumber?: number; followerLevels?: readonly SubscriptionLevel[] }): Promise<Recipient[]> {
  const found = new Map<string, Recipient>();
  const add = (rows: { id: string; email: string; name: string }[]) => rows.forEach((r) => found.set(r.id, { userId: r.id, email: r.email, name: r.name }));
  const activeRoles = (roles: readonly string[]) =>
    trx
      .selectFrom('users')
      .innerJoin('role_assignments as r', 'r.user_id', 'users.id')
      .select(['users.id', 'users.email', 'users.name'])
      .where('users.disabled', '=', false)
      .where('r.role', 'in', [...roles])
      .where('r.valid_from', '<=', context.today)
      .where((eb) => eb.or([eb('r.valid_to', 'is', null), eb('r.valid_to', '>=', context.today)]))
      .distinct();
  for (const spec of specs) {
    switch (spec.kind) {
      case 'role':
        add(await activeRoles(spec.roles).execute());
        break;
      case 'proposer':
        if (context.proposerOrganisationId) {
          add(await activeRoles(['party-user', 'dcc-user', 'consumer-body-user']).where('users.organisation_id', '=', context.proposerOrganisationId).execute());
        } else if (context.proposerUserId) {
          add(await trx.selectFrom('users').select(['id', 'email', 'name']).where('id', '=', context.proposerUserId).where('disabled', '=', false).execute());
        }
        break;
      case 'parties': {
        const roles = spec.exceptDcc ? ['party-user'] : ['party-user', 'dcc-user'];
        add(
          await activeRoles(roles)
            .innerJoin('organisations as o', 'o.id', 'users.organisation_id')
            .where('o.is_party', '=', true)
            .$if(spec.exceptDcc, (q) => q.where('o.kind', '<>', 'dcc'))
            .execute(),
        );
        break;
      }
      case 'followers': {
        if (context.proposalNumber === undefined) break;
        const followers = await followersOf(trx, context.proposalNumber, context.followerLevels ?? ['significant', 'everything']);
        if (followers.length === 0) break;
        const users = await trx.selectFrom('users').select(['id', 'email', 'name']).where('id', 'in', followers.map((f) => f.userId)).where('disabled', '=', false).execute();
        const byId = new Map(followers.map((f) => [f.userId, f]));
        // A role recipient found by an earlier spec stays a role recipient.
        for (const u of users) if (!found.has(u.id)) found.set(u.id, { userId: u.id, email: u.email, name: u.name, subscription: { id: byId.get(u.id)!.subscriptionId, description: byId.get(u.id)!.description } });
        break;
      }
      case 'ballot-seats':
        if (context.seatMemberIds && context.seatMemberIds.length > 0) {
          add(await trx.selectFrom('users').select(['id', 'email', 'name']).where('id', 'in', [...context.seatMemberIds]).where('disabled', '=', false).execute());
        }
        break;
    }
  }
  return [...found.values()].sort((a, b) => a.email.localeCompare(b.email));
}
