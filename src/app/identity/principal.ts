// Who is acting: a signed-in user with their organisation and the roles in force today.
// One round trip per request: the credential (API token or session), the user, the
// organisation and the role assignments come back in a single query.
import { sql } from 'kysely';
import { prepared, type Db } from '../../store/database.ts';
import type { RoleAssignmentsTable } from '../../store/schema.ts';
import { assignmentActiveOn, isRoleId, type RoleAssignment } from '../../domain/parties/roles.ts';
import type { OrganisationKind, PartyCategory } from '../../domain/parties/organisation.ts';
import { londonDate } from '../london-date.ts';
import { secretHash } from './secret-token.ts';

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

/** A role assignment row as json_build_object gives it (dates as YYYY-MM-DD text). */
type RoleRow = Omit<RoleAssignmentsTable, 'user_id'>;

/** The user with their organisation and every role assignment (as JSON), in one statement. */
const principalQuery = (db: Db) =>
  db
    .selectFrom('users')
    .leftJoin('organisations', 'organisations.id', 'users.organisation_id')
    .select([
      'users.id', 'users.email', 'users.name', 'users.disabled', 'users.organisation_id',
      'organisations.name as org_name', 'organisations.kind as org_kind', 'organisations.party_category',
      'organisations.voting_group_id', 'organisations.defaulting',
      sql<RoleRow[]>`coalesce((SELECT json_agg(json_build_object('id', r.id, 'role', r.role, 'body', r.body, 'organisation_id', r.organisation_id,
        'seat', r.seat, 'valid_from', r.valid_from, 'valid_to', r.valid_to) ORDER BY r.id) FROM role_assignments r WHERE r.user_id = users.id), '[]'::json)`.as('roles'),
    ]);

type PrincipalRow = Awaited<ReturnType<ReturnType<typeof principalQuery>['executeTakeFirst']>>;

function toPrincipal(user: NonNullable<PrincipalRow>, now: Date): Principal | undefined {
  if (user.disabled) return undefined;
  const today = londonDate(now);
  const roles = user.roles
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

export async function loadPrincipal(db: Db, userId: string, now: Date): Promise<Principal | undefined> {
  const user = await principalQuery(db).where('users.id', '=', userId).executeTakeFirst();
  return user ? toPrincipal(user, now) : undefined;
}

/**
 * The holder of an API bearer token, unless the token is unknown, revoked or expired. Roles are
 * those in force on the process day `now`; credentials expire by the wall clock `wallNow`
 * (the two differ under the manual process clock).
 */
export async function principalForApiToken(db: Db, token: string, now: Date, wallNow: Date = new Date()): Promise<Principal | undefined> {
  if (token.length > 200) return undefined;
  const row = await principalQuery(db)
    .innerJoin('api_tokens', 'api_tokens.user_id', 'users.id')
    .select(['api_tokens.expires_at as credential_expires_at', 'api_tokens.revoked_at'])
    .where('api_tokens.token_hash', '=', secretHash(token))
    .modifyEnd(prepared)
    .executeTakeFirst();
  if (!row || row.revoked_at) return undefined;
  if (row.credential_expires_at && row.credential_expires_at.getTime() <= wallNow.getTime()) return undefined;
  return toPrincipal(row, now);
}

/**
 * The signed-in user of a session cookie (expiry by the wall clock, roles on the process day, as
 * for API tokens). An expired session comes back as `expired`, so the caller can delete it.
 */
export async function principalForSession(db: Db, sessionId: string, now: Date, wallNow: Date = new Date()): Promise<Principal | 'expired' | undefined> {
  if (sessionId.length > 200) return undefined;
  const row = await principalQuery(db)
    .innerJoin('sessions', 'sessions.user_id', 'users.id')
    .select(['sessions.expires_at as credential_expires_at'])
    .where('sessions.id_hash', '=', secretHash(sessionId))
    .modifyEnd(prepared)
    .executeTakeFirst();
  if (!row) return undefined;
  if (row.credential_expires_at.getTime() <= wallNow.getTime()) return 'expired';
  return toPrincipal(row, now);
}
