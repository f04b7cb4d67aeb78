// Change Board seats from the role assignments in force (sec-process.md §10.3, §10.4).
// A Supplier seat is suspended while a Supplier Party of its Voting Group is a Defaulting
// Party (M8.5(c)(i)).
import type { Db } from '../../store/database.ts';
import type { Seat } from '../../domain/voting/types.ts';
import type { SeatCategory } from '../../domain/rulebook/types.ts';
import { londonDate } from '../london-date.ts';

const SUPPLIER_SEATS = new Set(['large-supplier', 'small-supplier']);

export async function changeBoardSeats(db: Db, now: Date): Promise<Seat[]> {
  const today = londonDate(now);
  // One statement: the seats in force, each with whether a Supplier Party of its Voting Group
  // is a Defaulting Party.
  const rows = await db
    .selectFrom('role_assignments')
    .innerJoin('users', 'users.id', 'role_assignments.user_id')
    .leftJoin('organisations', 'organisations.id', 'role_assignments.organisation_id')
    .select(['role_assignments.id', 'role_assignments.user_id', 'role_assignments.seat', 'role_assignments.valid_from', 'role_assignments.valid_to', 'role_assignments.organisation_id', 'organisations.voting_group_id', 'users.disabled'])
    .select((eb) =>
      eb
        .exists(
          eb
            .selectFrom('organisations as supplier')
            .select('supplier.id')
            .where('supplier.defaulting', '=', true)
            .where('supplier.party_category', 'in', ['large-supplier', 'small-supplier'])
            .whereRef('supplier.voting_group_id', '=', 'organisations.voting_group_id'),
        )
        .as('group_defaulting'),
    )
    .where('role_assignments.role', '=', 'change-board-member')
    .where('role_assignments.valid_from', '<=', today)
    .where((eb) => eb.or([eb('role_assignments.valid_to', 'is', null), eb('role_assignments.valid_to', '>=', today)]))
    .orderBy('role_assignments.id')
    .execute();
  return rows
    .filter((r) => !r.disabled && r.seat)
    .map((r) => {
      const category = r.seat as SeatCategory;
      const votingGroupId = r.voting_group_id ?? undefined;
      return {
        seatId: `cb-${category}-${votingGroupId ?? r.organisation_id ?? r.user_id}`,
        body: 'change-board' as const,
        category,
        ...(votingGroupId ? { votingGroupId } : {}),
        memberId: r.user_id,
        voting: category !== 'dcc' && category !== 'chair',
        suspended: SUPPLIER_SEATS.has(category) && votingGroupId !== undefined && r.group_defaulting === true,
        termStart: r.valid_from,
        termEnd: r.valid_to ?? '9999-12-31',
      };
    });
}
