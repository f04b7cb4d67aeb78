// What a command is decided in: the time, the rulebook the stream is pinned to, the actor and
// the facts the app looked up (architecture.md "Shape"). The domain reads nothing else.
import type { OrganisationKind, PartyCategory } from '../parties/organisation.ts';
import type { RoleAssignment } from '../parties/roles.ts';
import type { Rulebook } from '../rulebook/rulebook.ts';
import type { Seat } from '../voting/types.ts';

/** The caller. `system: true` is the scheduler (timer expiries, §3.2 `system`). */
export interface Actor {
  readonly userId: string;
  readonly name?: string;
  readonly organisationId?: string;
  readonly organisationKind?: OrganisationKind;
  readonly partyCategory?: PartyCategory;
  readonly votingGroupId?: string;
  readonly roles: readonly RoleAssignment[];
  readonly system?: true;
  /**
   * The body a Secretariat or Code Administrator user is recording a decision for (§3.1
   * `onBehalfOf`, e.g. `change-sub-committee`). Absent: every body the user records for
   * under `actors.bodyDecisionRecorders`. Addition to the brief's contract (needed by R-A-01).
   */
  readonly onBehalfOf?: string;
}

/** Facts the app looks up before deciding (the domain does no I/O). */
export interface DomainFacts {
  /** The actor's organisation is a Defaulting Party with raise-draft-proposals suspended (M8.5(b)). */
  readonly actorOrganisationDefaulting: boolean;
  /** The Proposer's organisation is a Defaulting Party (flag only, `defaulting.existingProposals`). */
  readonly proposerOrganisationDefaulting?: boolean;
  /** The BodyDecision named by the payload's `bodyDecisionId` (guard body-declined-first, G7.20(b), L1.19(b)). */
  readonly bodyDecision?: { readonly id: string; readonly body: 'ssc' | 'smki-pma'; readonly decision: 'not-to-submit' };
  /**
   * The SignificantCodeReview named by the payload (or linked to the stream): guards scr-live,
   * scr-in-scope, scr-ended-or-exempt. `scope` is the SCR's recorded scope; `exempt` says the
   * Authority has exempted this proposal.
   */
  readonly scr?: { readonly id: string; readonly live: boolean; readonly ended: boolean; readonly scope?: readonly string[]; readonly exempt?: boolean };
  /** Current Change Board seats with suspended flags (M8.5(c)(i)); snapshotted by open-ballot, re-read by cast-vote/close-vote. */
  readonly changeBoardSeats?: readonly Seat[];
  /** SEC versions designated after the legal text's baseline (R-LT-01). */
  readonly secVersionsAfterBaseline?: readonly string[];
  /** The §1.5 drafting checks passed or every finding was resolved/accepted (guard legal-text-checked). */
  readonly legalTextChecked?: boolean;
}

export interface CommandContext {
  readonly now: Date;
  readonly rulebook: Rulebook;
  readonly actor: Actor;
  readonly facts: DomainFacts;
  /** The reference number allocated by the app for `create-draft-proposal`. */
  readonly reference?: number;
}
