// Registers organisations, users and role assignments through the event store; passwords
// go to the credentials table (never onto the immutable log).
import { randomUUID } from 'node:crypto';
import type { Db } from '../../store/database.ts';
import type { EventStore } from '../../store/event-store.ts';
import { organisationStream, type OrganisationRegistered } from '../../domain/parties/organisation.ts';
import type { RoleAssignment } from '../../domain/parties/roles.ts';
import { userStream } from './user-events.ts';
import { hashPassword, passwordProblem } from './passwords.ts';

export class DirectoryError extends Error {
  constructor(
    message: string,
    readonly field?: string,
  ) {
    super(message);
  }
}

export interface NewUser {
  readonly email: string;
  readonly name: string;
  readonly organisationId?: string;
  readonly password: string;
  readonly roles: readonly Omit<RoleAssignment, 'assignmentId'>[];
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export class Directory {
  constructor(
    private readonly db: Db,
    private readonly store: EventStore,
    private readonly now: () => Date,
  ) {}

  async registerOrganisation(data: OrganisationRegistered['data'], actor = 'system'): Promise<void> {
    await this.store.append({
      streamId: organisationStream(data.organisationId),
      expectedVersion: 0,
      events: [{ type: 'OrganisationRegistered', data: { ...data }, metadata: { actor: { userId: actor } } }],
    });
  }

  async recordPartyDefault(organisationId: string, eventOfDefaultRef: string, actor: string): Promise<void> {
    await this.store.append({
      streamId: organisationStream(organisationId),
      expectedVersion: 'any',
      events: [{ type: 'PartyDefaultRecorded', data: { organisationId, eventOfDefaultRef, from: this.now().toISOString() }, metadata: { actor: { userId: actor }, clause: 'M8.5' } }],
    });
  }

  async liftPartyDefault(organisationId: string, actor: string): Promise<void> {
    await this.store.append({
      streamId: organisationStream(organisationId),
      expectedVersion: 'any',
      events: [{ type: 'PartyDefaultLifted', data: { organisationId, to: this.now().toISOString() }, metadata: { actor: { userId: actor }, clause: 'M8.5' } }],
    });
  }

  async assignRole(userId: string, role: Omit<RoleAssignment, 'assignmentId'>, actor: string): Promise<string> {
    const assignmentId = randomUUID();
    await this.store.append({
      streamId: userStream(userId),
      expectedVersion: 'any',
      events: [{ type: 'RoleAssigned', data: { ...role, assignmentId, userId }, metadata: { actor: { userId: actor } } }],
    });
    return assignmentId;
  }

  /** Ends a role assignment: it is in force up to and including `to` (an ISO date). */
  async endRole(userId: string, assignmentId: string, to: string, actor: string): Promise<void> {
    const row = await this.db.selectFrom('role_assignments').select('id').where('id', '=', assignmentId).where('user_id', '=', userId).executeTakeFirst();
    if (!row) throw new DirectoryError('There is no such role assignment for this user', 'assignmentId');
    await this.store.append({
      streamId: userStream(userId),
      expectedVersion: 'any',
      events: [{ type: 'RoleEnded', data: { userId, assignmentId, to }, metadata: { actor: { userId: actor } } }],
    });
  }

  async registerUser(user: NewUser, actor = 'system'): Promise<string> {
    const email = user.email.trim().toLowerCase();
    if (!EMAIL.test(email)) throw new DirectoryError('Enter an email address in the correct format, like name@example.com', 'email');
    if (user.name.trim() === '') throw new DirectoryError('Enter a name', 'name');
    const problem = passwordProblem(user.password);
    if (problem) throw new DirectoryError(problem, 'password');
    const existing = await this.db.selectFrom('users').select('id').where('email', '=', email).executeTakeFirst();
    if (existing) throw new DirectoryError(`A user with the email ${email} already exists`, 'email');
    const userId = randomUUID();
    const passwordHash = await hashPassword(user.password);
    await this.db.transaction().execute(async (trx) => {
      await this.store.appendIn(trx, {
        streamId: userStream(userId),
        expectedVersion: 0,
        events: [
          { type: 'UserRegistered', data: { userId, email, name: user.name.trim(), ...(user.organisationId ? { organisationId: user.organisationId } : {}) }, metadata: { actor: { userId: actor } } },
          ...user.roles.map((r) => ({ type: 'RoleAssigned', data: { ...r, assignmentId: randomUUID(), userId }, metadata: { actor: { userId: actor } } })),
        ],
      });
      await trx.insertInto('credentials').values({ user_id: userId, password_hash: passwordHash, changed_at: this.now() }).execute();
    });
    return userId;
  }

  async disableUser(userId: string, reason: string, actor: string): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      await this.store.appendIn(trx, {
        streamId: userStream(userId),
        expectedVersion: 'any',
        events: [{ type: 'UserDisabled', data: { userId, reason }, metadata: { actor: { userId: actor } } }],
      });
      // Disablement ends every session and token at once, server-side.
      await trx.deleteFrom('sessions').where('user_id', '=', userId).execute();
      await trx.updateTable('api_tokens').set({ revoked_at: this.now() }).where('user_id', '=', userId).where('revoked_at', 'is', null).execute();
    });
  }

  async findUserByEmail(email: string): Promise<{ id: string; disabled: boolean; passwordHash: string | undefined } | undefined> {
    const row = await this.db
      .selectFrom('users')
      .leftJoin('credentials', 'credentials.user_id', 'users.id')
      .select(['users.id', 'users.disabled', 'credentials.password_hash'])
      .where('users.email', '=', email.trim().toLowerCase())
      .executeTakeFirst();
    return row ? { id: row.id, disabled: row.disabled, passwordHash: row.password_hash ?? undefined } : undefined;
  }

  async isEmpty(): Promise<boolean> {
    const row = await this.db.selectFrom('users').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    return Number(row.n) === 0;
  }
}
