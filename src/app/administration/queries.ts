// Reads for the administration pages and the API: organisations, users with their roles, the bodies and
// their members (derived from role assignments in force), and releases scheduled in proposals.
import type { Db } from '../../store/database.ts';
import type { ModificationState } from '../../domain/modification/index.ts';
import { ROLE_LABELS, assignmentActiveOn, isRoleId, type RoleId } from '../../domain/parties/roles.ts';
import { PARTY_CATEGORY_LABELS, type PartyCategory } from '../../domain/parties/organisation.ts';
import { changeBoardSeats } from '../modifications/change-board-seats.ts';
import { londonDate } from '../london-date.ts';

export const partyCategoryLabel = (c: string | null): string => (c ? PARTY_CATEGORY_LABELS[c as PartyCategory] ?? c : '—');
export const roleLabel = (r: string): string => (isRoleId(r) ? ROLE_LABELS[r] : r);

export async function organisations(db: Db) {
  const rows = await db.selectFrom('organisations').selectAll().orderBy('name').execute();
  return rows.map((o) => ({
    id: o.id,
    name: o.name,
    kind: o.kind,
    isParty: o.is_party,
    partyCategory: partyCategoryLabel(o.party_category),
    votingGroup: o.voting_group_id ?? '—',
    defaulting: o.defaulting,
    defaultingSince: o.defaulting_since ? londonDate(o.defaulting_since) : undefined,
  }));
}

export interface UserRow {
  readonly id: string;
  readonly name: string;
  readonly email: string;
  readonly organisationId: string | null;
  readonly organisation: string;
  readonly disabled: boolean;
  readonly roles: { id: string; role: string; label: string; seat: string | null; body: string | null; from: string; to: string | null; active: boolean }[];
}

export async function users(db: Db, now: Date, userId?: string): Promise<UserRow[]> {
  const today = londonDate(now);
  const rows = await db
    .selectFrom('users')
    .leftJoin('organisations', 'organisations.id', 'users.organisation_id')
    .select(['users.id', 'users.name', 'users.email', 'users.organisation_id', 'users.disabled', 'organisations.name as org_name'])
    .$if(userId !== undefined, (q) => q.where('users.id', '=', userId!))
    .orderBy('users.name')
    .execute();
  const roles = await db
    .selectFrom('role_assignments')
    .selectAll()
    .$if(userId !== undefined, (q) => q.where('user_id', '=', userId!))
    .orderBy('valid_from')
    .orderBy('id')
    .execute();
  return rows.map((u) => ({
    id: u.id,
    name: u.name,
    email: u.email,
    organisationId: u.organisation_id,
    organisation: u.org_name ?? '—',
    disabled: u.disabled,
    roles: roles.filter((r) => r.user_id === u.id).map((r) => ({
      id: r.id, role: r.role, label: roleLabel(r.role), seat: r.seat, body: r.body, from: r.valid_from, to: r.valid_to,
      active: assignmentActiveOn({ from: r.valid_from, ...(r.valid_to ? { to: r.valid_to } : {}) }, today),
    })),
  }));
}

interface BodyDefinition { readonly name: string; readonly roles: readonly RoleId[] }

const BODIES: readonly BodyDefinition[] = [
  { name: 'SEC Panel', roles: ['panel-chair', 'panel-member'] },
  { name: 'Change Sub-Committee', roles: ['csc-member'] },
  { name: 'Security Sub-Committee', roles: ['ssc-representative', 'ssc-member'] },
  { name: 'SMKI PMA', roles: ['smki-pma-representative', 'smki-pma-member'] },
  { name: 'TABASC', roles: ['tabasc-representative'] },
  { name: 'Alt HAN Forum', roles: ['alt-han-forum-representative'] },
];

export async function bodies(db: Db, now: Date) {
  const all = (await users(db, now)).filter((u) => !u.disabled);
  const members = (roles: readonly RoleId[]) =>
    all.flatMap((u) => u.roles.filter((r) => r.active && (roles as readonly string[]).includes(r.role)).map((r) => ({ name: u.name, organisation: u.organisation, role: r.label, from: r.from, to: r.to ?? '—' })));
  const seats = await changeBoardSeats(db, now);
  const byId = new Map(all.map((u) => [u.id, u]));
  const changeBoard = seats.map((s) => ({
    seat: s.category === 'consumer' || s.category === 'dcc' || s.category === 'chair' ? { consumer: 'Consumer', dcc: 'DCC', chair: 'Chair' }[s.category] : partyCategoryLabel(s.category),
    name: s.memberId ? byId.get(s.memberId)?.name ?? s.memberId : '—',
    organisation: s.memberId ? byId.get(s.memberId)?.organisation ?? '—' : '—',
    votingGroup: s.votingGroupId ?? '—',
    voting: s.voting,
    suspended: s.suspended,
  }));
  return { others: BODIES.map((b) => ({ name: b.name, members: members(b.roles) })), changeBoard };
}

export async function releases(db: Db) {
  const rows = await db.selectFrom('modification_register').select(['reference', 'title', 'state']).orderBy('number').execute();
  const byRelease = new Map<string, { reference: string; title: string; date: string; implemented: boolean; secVersion?: string }[]>();
  for (const row of rows) {
    const impl = (row.state as ModificationState | null)?.implementation;
    if (!impl?.releaseId) continue;
    const list = byRelease.get(impl.releaseId) ?? [];
    list.push({ reference: row.reference, title: row.title, date: impl.implementationDate, implemented: impl.implementedAt !== undefined, ...(impl.secVersion ? { secVersion: impl.secVersion } : {}) });
    byRelease.set(impl.releaseId, list);
  }
  return [...byRelease].map(([releaseId, proposals]) => ({ releaseId, proposals, date: proposals.map((p) => p.date).sort()[0] ?? '' })).sort((a, b) => a.date.localeCompare(b.date) || a.releaseId.localeCompare(b.releaseId));
}
