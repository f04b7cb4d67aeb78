// Users and their dated role assignments, as events on `user-<id>` streams.
import type { RoleAssignment } from '../../domain/parties/roles.ts';

export interface UserRegistered {
  readonly type: 'UserRegistered';
  readonly data: { readonly userId: string; readonly email: string; readonly name: string; readonly organisationId?: string };
}
export interface RoleAssigned {
  readonly type: 'RoleAssigned';
  readonly data: RoleAssignment & { readonly userId: string };
}
export interface UserDisabled {
  readonly type: 'UserDisabled';
  readonly data: { readonly userId: string; readonly reason: string };
}

export interface RoleEnded {
  readonly type: 'RoleEnded';
  /** The assignment is in force up to and including `to`. */
  readonly data: { readonly userId: string; readonly assignmentId: string; readonly to: string };
}

export type UserEvent = UserRegistered | RoleAssigned | RoleEnded | UserDisabled;

export const userStream = (userId: string): string => `user-${userId}`;
