// The guard catalogue (sec-process.md §5.3). A guard's kind sets the HTTP status of its
// refusal: 403 for the caller's rights, 409 for the proposal's state or timing, 422 for the
// content of the request; where several kinds fail, the first in that order wins.
import type { GuardDefinition, GuardKind } from './types.ts';

const STATUS: Readonly<Record<GuardKind, 403 | 409 | 422>> = { rights: 403, state: 409, content: 422 };

const guard = (
  id: string, kind: GuardKind, passesWhen: string, clauses: readonly string[], source: string,
  parameters?: readonly string[],
): GuardDefinition => ({ id, kind, status: STATUS[kind], passesWhen, clauses, source, ...(parameters ? { parameters } : {}) });

export const GUARDS: readonly GuardDefinition[] = [
  guard('entitled-submitter', 'rights', "The caller's role and basis are permitted by §4 for creating a DP.", ['D1.3', 'C7.2(f)'], '§4 notes 1 to 11', ['entitlement.d13List']),
  guard('not-defaulting', 'rights', 'The submitting or adopting Party has no current DefaultingStatus with the right raise-draft-proposals suspended.', ['M8.5(b)'], '[Seed M8.5(b)]', ['defaulting.extendDpBarToVotingGroup']),
  guard('scope-within-entitlement', 'rights', 'For SSC, SSC-M, SMKI PMA and PMA-M submissions: every affected provision is inside the configured scope set.', ['G7.20', 'L1.19'], '[Seed G7.20, L1.19]; [Default] entitlement.scopeSets', ['entitlement.scopeSets', 'scope.soaa', 'scope.smkiSecDocuments', 'scope.dccki']),
  guard('body-declined-first', 'rights', 'For SSC-M and PMA-M submissions: a linked BodyDecision records that the body voted not to submit.', ['G7.20(b)', 'L1.19(b)'], '[Seed G7.20(b), L1.19(b)]', ['entitlement.memberDeclineMatching']),
  guard('ipr-accepted', 'content', 'The submitter accepted the SEC Materials notice at submission.', ['M5.1'], '[Seed M5.1]'),
  guard('problem-statement-only', 'content', 'The DP contains a problem statement and no solution or legal text.', ['D:development-stage'], '[Public: C1]'),
  guard('screening-complete', 'content', 'Outcomes are recorded for all four screens: TABASC (F1.6), SSC (G7.19(a) and (b)), SMKI PMA (L1.18), cross-code (C2.3(l)(i)); every flagged body has been notified.', ['F1.6', 'G7.19', 'L1.18', 'C2.3(l)'], '[Seed F1.6, G7.19, L1.18, C2.3(l)]'),
  guard('problem-statement-final', 'content', 'A final problem statement version is referenced by the decision.', ['D2A.1'], '[Public: C1, C2]'),
  guard('path-and-timetable-set', 'content', 'convert payload has path, route and a timetable.', ['D3.11'], '[Public: C1]'),
  guard('not-fast-track', 'state', 'fastTrack is false (Fast-Track has no Refinement Process and no MR).', ['D:fast-track'], '[Public: C6, C7]'),
  guard('panel-unanimous', 'content', 'The Panel decision record shows unanimity under the configured Panel decision rule.', ['D:fast-track'], '[Default] fastTrack.panelUnanimityRequired [Analogy]', ['fastTrack.panelUnanimityRequired']),
  guard('fast-track-criteria', 'content', 'The change is one of the configured housekeeping kinds.', ['D:fast-track'], '[Default] fastTrack.criteria [Analogy]', ['fastTrack.criteria']),
  guard('within-window', 'state', 'The named timer is running and has not expired.', [], '§7.2'),
  guard('wg-active', 'state', 'The MP has an established Working Group.', ['D6.3', 'G7.21'], '[Seed G7.21]'),
  guard('wg-membership-conditions', 'content', 'The D6.5 and D6.6 conditions configured in the rulebook are met.', ['D6.5', 'D6.6', 'G7.21'], '[Seed G7.21]; [Default] workingGroup.membershipConditions', ['workingGroup.membershipConditions']),
  guard('proposer-only', 'rights', 'The caller is the current Proposer.', ['A1.1', 'D6.15'], '[Seed A1.1 "Proposed Solution"]'),
  guard('solution-amendable-state', 'state', 'The current state is in the configured list.', ['D6.15'], '[Default] solution.amendableStates', ['solution.amendableStates']),
  guard('wg-majority', 'content', 'A WG vote record shows a majority for raising the alternative, with rationale against the SEC Objectives.', ['D6.16'], '[Public: C9]'),
  guard('no-open-consultation', 'state', 'No consultation of the relevant kind is open.', [], '—'),
  guard('no-open-dcc-request', 'state', 'No DCC assessment request is outstanding.', ['D:dcc-assessments'], '[Public: C20]'),
  guard('dcc-ia-done-or-waived', 'content', 'An Impact Assessment is recorded, or the Panel has recorded a waiver, where the solution affects DCC systems.', ['D:dcc-assessments'], '[Public: C20]; [Default] dcc.impactAssessmentRequired', ['dcc.impactAssessmentRequired']),
  guard('legal-text-per-solution', 'content', 'Every solution has legal text against the current SEC baseline.', [], '[Seed front matter]'),
  guard('legal-text-checked', 'content', 'The legal-text checks of §1.5 have passed, or every finding has been resolved or accepted by the CA.', [], '§1.5'),
  guard('mr-ssc-representations', 'content', 'The MR contains every SSC and SSC-Member representation made on the DP or the MP, each with a summary of its supporting evidence.', ['G7.22(b)'], '[Seed G7.22(b)]'),
  guard('mr-content-complete', 'content', 'All sections configured as D7.3 content are present.', ['D7.3'], '[Default] mr.requiredSections (CFG-58) [Analogy]', ['mr.requiredSections']),
  guard('consultation-open', 'state', 'The consultation is open.', [], '—'),
  guard('mrc-respondent-eligible', 'rights', 'The respondent is a Party other than the DCC, or a configured additional respondent.', ['D7.8', 'G7.18(f)'], '[Public: C8]; [Seed G7.18(f)]', ['mrc.additionalRespondents']),
  guard('forum-criteria', 'content', 'The Alt HAN Forum representation states which Z1.6(a) limb applies.', ['Z1.6(a)'], '[Seed Z1.6(a)]'),
  guard('seat-active', 'rights', 'The voter holds (or is the acting alternate for) a Change Board seat that is not suspended.', ['M8.5(c)(i)'], '[Seed M8.5(c)(i)]', ['changeBoard.alternateMaySitForSuspendedSeat']),
  guard('ballot-open', 'state', 'The Change Board meeting for the item has started.', ['D8'], '[Public: C8]'),
  guard('quorum', 'content', 'The configured quorum rule is met (§10.5).', ['D8'], '[Default] changeBoard.quorum', ['changeBoard.quorum', 'changeBoard.suspendedSeatsCountForQuorum']),
  guard('appeal-grounds', 'content', 'The appeal states at least one configured ground.', ['D:self-governance-appeals'], '[Default] appeal.grounds [Analogy]', ['appeal.grounds']),
  guard('fmr-attached', 'content', 'A Final Modification Report is attached.', [], '[Seed front matter, footnote 1]'),
  guard('withdrawable-state', 'state', 'The current state is in withdrawal.allowedStates.', ['D:withdrawal'], '[Default] withdrawal.allowedStates', ['withdrawal.allowedStates']),
  guard('adopter-entitled', 'rights', 'The adopter could itself submit a DP on the subject and is not a Defaulting Party.', ['D:adoption', 'M8.5(b)'], '[Default] withdrawal.adoptionEnabled, defaulting.mayAdopt', ['withdrawal.adoptionEnabled', 'defaulting.mayAdopt']),
  guard('scr-live', 'state', 'A linked SignificantCodeReview is in its phase (started and not ended).', ['A1.1'], '[Seed A1.1 "Significant Code Review Phase"]'),
  guard('scr-in-scope', 'content', "The proposal's subject falls within the SCR's recorded scope (the items named are entries of that scope), it is not exempted, and a Panel suspension cites the Authority's scope view.", ['A1.1'], '[Seed A1.1 "Significant Code Review Phase"]; [Analogy]; [Default] scr.exemptionsAllowed', ['scr.exemptionsAllowed']),
  guard('scr-ended-or-exempt', 'state', 'The linked SCR Phase has ended, or the Authority has exempted the proposal.', ['A1.1'], '[Seed A1.1]; [Default] scr.exemptionsAllowed', ['scr.exemptionsAllowed']),
  guard('urgency-requested', 'state', 'urgency = requested.', ['D:urgent-modifications'], '[Public: C25]'),
];

/** Orders failed guards' statuses: a rights failure beats a state failure beats a content failure. */
export const refusalStatusFor = (kinds: readonly GuardKind[]): 403 | 409 | 422 | undefined =>
  kinds.includes('rights') ? 403 : kinds.includes('state') ? 409 : kinds.includes('content') ? 422 : undefined;
