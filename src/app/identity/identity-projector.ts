// Projects organisation and user events into the identity tables.
import type { Projector, StoredEvent, Trx } from '../../store/event-store.ts';
import type { OrganisationEvent } from '../../domain/parties/organisation.ts';
import { isSecParty } from '../../domain/parties/organisation.ts';
import type { UserEvent } from './user-events.ts';

type IdentityEvent = OrganisationEvent | UserEvent;
const HANDLED = new Set(['OrganisationRegistered', 'PartyDefaultRecorded', 'PartyDefaultLifted', 'UserRegistered', 'RoleAssigned', 'RoleEnded', 'UserDisabled']);

export const identityProjector: Projector = {
  name: 'identity',
  tables: ['organisations', 'users', 'role_assignments'],
  async apply(trx: Trx, stored: StoredEvent) {
    if (!HANDLED.has(stored.type)) return;
    const event = { type: stored.type, data: stored.data } as IdentityEvent;
    switch (event.type) {
      case 'OrganisationRegistered':
        await trx
          .insertInto('organisations')
          .values({
            id: event.data.organisationId,
            name: event.data.name,
            kind: event.data.kind,
            party_category: event.data.partyCategory ?? null,
            voting_group_id: event.data.votingGroupId ?? null,
            is_party: isSecParty(event.data.kind),
            defaulting_since: null,
            stream_version: stored.streamVersion,
          })
          .execute();
        return;
      case 'PartyDefaultRecorded':
        await trx
          .updateTable('organisations')
          .set({ defaulting: true, defaulting_since: stored.recordedAt, stream_version: stored.streamVersion })
          .where('id', '=', event.data.organisationId)
          .execute();
        return;
      case 'PartyDefaultLifted':
        await trx
          .updateTable('organisations')
          .set({ defaulting: false, defaulting_since: null, stream_version: stored.streamVersion })
          .where('id', '=', event.data.organisationId)
          .execute();
        return;
      case 'UserRegistered':
        await trx
          .insertInto('users')
          .values({
            id: event.data.userId,
            email: event.data.email,
            name: event.data.name,
            organisation_id: event.data.organisationId ?? null,
            stream_version: stored.streamVersion,
          })
          .execute();
        return;
      case 'RoleAssigned':
        await trx
          .insertInto('role_assignments')
          .values({
            id: event.data.assignmentId,
            user_id: event.data.userId,
            role: event.data.role,
            body: event.data.body ?? null,
            organisation_id: event.data.organisationId ?? null,
            seat: event.data.seat ?? null,
            valid_from: event.data.from,
            valid_to: event.data.to ?? null,
          })
          .execute();
        await trx.updateTable('users').set({ stream_version: stored.streamVersion }).where('id', '=', event.data.userId).execute();
        return;
      case 'RoleEnded':
        await trx.updateTable('role_assignments').set({ valid_to: event.data.to }).where('id', '=', event.data.assignmentId).execute();
        await trx.updateTable('users').set({ stream_version: stored.streamVersion }).where('id', '=', event.data.userId).execute();
        return;
      case 'UserDisabled':
        await trx.updateTable('users').set({ disabled: true, stream_version: stored.streamVersion }).where('id', '=', event.data.userId).execute();
        return;
    }
  },
};
