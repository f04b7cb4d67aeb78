// Change Board ballots and decision rules (sec-process.md §10.2). The same types serve the
// Change Board, the Change Sub-Committee and the Panel (e.g. Panel unanimity on a Fast-Track).
import type { DecisionRuleId, PartyCategory, SeatCategory, SecObjective } from '../rulebook/types.ts';

export type { DecisionRuleId, PartyCategory, SeatCategory, SecObjective };

export interface Seat {
  readonly seatId: string;
  readonly body: 'change-board' | 'change-sub-committee' | 'panel';
  readonly category: SeatCategory;
  /** Large Supplier seats: one per Voting Group (M8.5(c)(i)). */
  readonly votingGroupId?: string;
  readonly memberId?: string;
  /** May vote when the member is absent (`changeBoard.alternatesAllowed`). */
  readonly alternateId?: string;
  /** False for observers (the DCC and the Chair by default, §10.3). */
  readonly voting: boolean;
  /** Derived from §11: the Voting Group's Supplier Party is a Defaulting Party (M8.5(c)(i)). */
  readonly suspended: boolean;
  readonly termStart: string;
  readonly termEnd: string;
}

export type VoteChoice = 'approve' | 'reject' | 'abstain';

export interface Vote {
  readonly seatId: string;
  /** Member or acting alternate. */
  readonly castBy: string;
  readonly asAlternate: boolean;
  /** One vote per seat per solution. */
  readonly solutionId: string;
  readonly choice: VoteChoice;
  readonly rationale: string;
  readonly objectives: Readonly<Partial<Record<SecObjective, 'better' | 'neutral' | 'worse'>>>;
}

export interface Ballot {
  /** MP reference. */
  readonly reference: string;
  /** Path 3 decides; Paths 1 and 2 recommend to the Authority. */
  readonly purpose: 'decision' | 'recommendation';
  readonly solutionIds: readonly string[];
  /** The Proposed Solution; defaults to the first of `solutionIds` (§10.7 tie-break). */
  readonly proposedSolutionId?: string;
  readonly seats: readonly Seat[];
  readonly votes: readonly Vote[];
  /** seatId → ranked approved solutions (§10.7). */
  readonly preferences?: Readonly<Record<string, readonly string[]>>;
  readonly rulebookVersion: string;
}

export interface QuorumResult {
  readonly met: boolean;
  readonly explanation: string;
}

export type GroupView = 'approve' | 'reject' | 'neutral';

export interface GroupTally {
  readonly group: string;
  readonly approve: number;
  readonly reject: number;
  readonly abstain: number;
  readonly view: GroupView;
}

export interface SolutionResult {
  readonly result: 'approved' | 'rejected';
  readonly tallies: readonly GroupTally[];
  /** Why, in words derived from the rule. */
  readonly reason: string;
  /** In favour minus against, in the rule's own units (categories, votes, weight). */
  readonly margin: number;
}

export interface DecisionOutcome {
  readonly perSolution: Readonly<Record<string, SolutionResult>>;
  /** Set when at least one solution is approved (§10.7). */
  readonly selectedSolutionId?: string;
  /** Approved solutions that were not selected ("approved but not selected", §10.7). */
  readonly approvedNotSelected: readonly string[];
  /** Human-readable, kept in the ballot record. */
  readonly explanation: string;
}

export interface DecisionRule {
  readonly id: DecisionRuleId;
  /** What approval needs, in words (used in explanations). */
  readonly requirement: string;
  quorum(ballot: Ballot): QuorumResult;
  decide(ballot: Ballot): DecisionOutcome;
  /** Per-solution "where the count stands" lines for `explainProgress`. */
  progress(ballot: Ballot, solutionId: string): string;
}
