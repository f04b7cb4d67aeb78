// The domain's view of who is acting, from the signed-in principal.
import type { Principal } from '../identity/principal.ts';
import type { Actor } from '../../domain/modification/index.ts';

export const actorFrom = (p: Principal): Actor => ({
  userId: p.userId,
  name: p.name,
  ...(p.organisation
    ? {
        organisationId: p.organisation.id,
        organisationKind: p.organisation.kind,
        ...(p.organisation.partyCategory ? { partyCategory: p.organisation.partyCategory } : {}),
        ...(p.organisation.votingGroupId ? { votingGroupId: p.organisation.votingGroupId } : {}),
      }
    : {}),
  roles: p.roles,
});

/** The scheduler: executes timer expiries (sec-process.md §3.1). */
export const SYSTEM_ACTOR: Actor = { userId: 'system', name: 'secmod scheduler', roles: [], system: true };
