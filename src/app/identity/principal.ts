// Who is acting: a signed-in user with their organisation and the roles in force today.
import type { Db } from '../../store/database.ts';
import { assignmentActiveOn, isRoleId, type RoleAssignment } from '../../domain/parties/roles.ts';
import type { OrganisationKind, PartyCategory } from '../../domain/parties/organisation.ts';
import { londonDate } from '../london-date.ts';

export interface Principal {
  readonly userId: string;
  readonly email: string;
  readonly name: string;
  readonly organisation?: {
    readonly id: string;
    readonly name: string;
    readonly kind: OrganisationKind;
    readonly partyCategory?: PartyCategory;
    readonly votingGroupId?: string;
    readonly defaulting: boolean;
  };
  /** Role assignments in force on the day of the request. */
  readonly roles: readonly RoleAssignment[];
}

export const hasRole = (p: Principal, role: RoleAssignment['role']): boolean => p.roles.some((r) => r.role === role);

export async function loadPrincipal(db: Db, userId: string, now: Date): Promise<Principal | undefined> {
  const user = await db
    .selectFrom('users')
    .leftJoin('organisations', 'organisations.id', 'users.organisation_id')
    .select([
      'users.id', 'users.email', 'users.name', 'users.disabled', 'users.organisation_id',
      'organisations.name as org_name', 'organisations.kind as org_kind', 'organisations.party_category',
      'organisations.voting_group_id', 'organisations.defaulting',
    ])
    .where('users.id', '=', userId)
    .executeTakeFirst();
  if (!user || user.disabled) return undefined;
  const today = londonDate(now);
  const roles = (await db.selectFrom('role_assignments').selectAll().where('user_id', '=', userId).orderBy('id').execute())
    .map((r): RoleAssignment | undefined =>
      isRoleId(r.role)
        ? {
            assignmentId: r.id,
            role: r.role,
            ...(r.body ? { body: r.body } : {}),
            ...(r.organisation_id ? { organisationId: r.organisation_id } : {}),
            ...(r.seat ? { seat: r.seat } : {}),
            from: r.valid_from,
            ...(r.valid_to ? { to: r.valid_to } : {}),
          }
        : undefined,
    )
    .filter((r): r is RoleAssignment => r !== undefined && assignmentActiveOn(r, today));
  return {
    userId: user.id,
    email: user.email,
    name: user.name,
    ...(user.organisation_id && user.org_name && user.org_kind
      ? {
          organisation: {
            id: user.organisation_id,
            name: user.org_name,
            kind: user.org_kind as OrganisationKind,
            ...(user.party_category ? { partyCategory: user.party_category as PartyCategory } : {}),
            ...(user.voting_group_id ? { votingGroupId: user.voting_group_id } : {}),
            defaulting: user.defaulting === true,
          },
        }
      : {}),
    roles,
  };
}
