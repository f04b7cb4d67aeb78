import { describe, expect, it } from 'vitest';
import { listParameters } from './list-parameters.ts';
import { SEC_5_18_SECMP0049 } from './sec-5-18-secmp0049.ts';

// Every backticked dotted key in sec-process.md (the [Default] keys and the §7 and §12
// tables), extracted once with
//   grep -oE '`[a-z][A-Za-z0-9]*(\.[a-zA-Z0-9]+)+`' sec-process.md | sort -u
// minus the submission-basis codes (`l8.11`, `l13.55`, `ag3.2.4`, `l10.24c`) and the
// variant id `x2.3d`, which are values rather than parameters. Checked in so that the test
// does not depend on the shared folder.
const SPEC_KEYS = [
  'actors.bodyDecisionRecorders',
  'alv.consultationStep',
  'appeal.decider',
  'appeal.eligibleAppellants',
  'appeal.enabled',
  'appeal.grounds',
  'appeal.outcomes',
  'appeal.windowWd',
  'authority.decisionTargetShare',
  'authority.decisionTargetWeeks',
  'authority.sendBackEnabled',
  'authority.sendBackTarget',
  'calendar.calendarDayPeriods',
  'calendar.countFrom',
  'calendar.deadlineTime',
  'calendar.timezone',
  'calendar.workingDays',
  'changeBoard.alternateMaySitForSuspendedSeat',
  'changeBoard.alternatesAllowed',
  'changeBoard.consumerSeatVotes',
  'changeBoard.decisionRule',
  'changeBoard.meetingCadence',
  'changeBoard.multipleApprovalResolution',
  'changeBoard.preferenceTieBreak',
  'changeBoard.quorum',
  'changeBoard.rationaleRequired',
  'changeBoard.seats',
  'changeBoard.suspendedSeatsCountForQuorum',
  'changeBoard.tieOutcome',
  'clauseMap.unconfirmedClauses',
  'consultation.autoClose',
  'consultation.mrc.defaultWd',
  'consultation.refinement.defaultWd',
  'csc.actingBody',
  'csc.decisionRule',
  'csc.meetingCadence',
  'csc.membership',
  'csc.standUpDate',
  'dcc.assessmentRequesters',
  'dcc.impactAssessmentRequired',
  'dcc.impactAssessmentWd',
  'dcc.preliminaryAssessmentWd',
  'dcc.urgentAssessmentWd',
  'defaulting.existingProposals',
  'defaulting.extendDpBarToVotingGroup',
  'defaulting.mayAdopt',
  'defaulting.mayRespondToConsultations',
  'defaulting.suspensionDecider',
  'dp.criticalFriendReviewEnabled',
  'dp.criticalFriendReviewTargetWd',
  'dp.panelMaySendBack',
  'entitlement.altHanForumMaySubmit',
  'entitlement.citizensAdviceMaySubmit',
  'entitlement.d13List',
  'entitlement.memberDeclineMatching',
  'entitlement.panelMaySubmit',
  'entitlement.scopeMismatchAction',
  'entitlement.scopeSets',
  'eventOfDefault.chargesCureWd',
  'eventOfDefault.creditSupportCureWd',
  'eventOfDefault.otherSumsCureWd',
  'fastTrack.criteria',
  'fastTrack.objectionWindowWd',
  'fastTrack.objectors',
  'fastTrack.onObjection',
  'fastTrack.panelUnanimityRequired',
  'fastTrack.requiresDevelopmentStage',
  'fmr.includesConclusionsReport',
  'fmr.preparedBy',
  'implementation.autoMarkImplemented',
  'implementation.date',
  'legacy.mpSubmissionLeadWd',
  'mr.includeForumRepresentations',
  'mr.requiredSections',
  'mrc.additionalRespondents',
  'mrc.panelMaySkip',
  'obligations.reminderIntervalWd',
  'panel.maySendBackReport',
  'panel.meetingCadence',
  'panel.paperDayOffsetWd',
  'partyCategory.source',
  'path.authorityCriteria',
  'path.authorityMayDetermine',
  'path.deciders',
  'path1.skipDevelopmentStage',
  'proposer.includesSpecialEntitlements',
  'reference.format',
  'refinement.completionDecider',
  'release.calendar',
  'representations.citizensAdviceMay',
  'representations.partiesMay',
  'rulebook.effectiveFrom',
  'rulebook.legacyInFlight',
  'rulebook.pinningPolicy',
  'scope.dccki',
  'scope.smkiSecDocuments',
  'scope.soaa',
  'scr.autoResumeOnPhaseEnd',
  'scr.closeOnSubsumption',
  'scr.exemptionsAllowed',
  'scr.phaseEndAfterConclusionDays',
  'scr.suspendableStates',
  'scr.suspensionDeciders',
  'scr.suspensionEnabled',
  'screening.rescreenOnChange',
  'solution.amendableStates',
  'subCommittee.termMonths',
  'urgency.decider',
  'urgency.requesters',
  'urgency.waivableGuards',
  'variant.x23d.overrides',
  'votingGroup.definition',
  'withdrawal.adoptionEnabled',
  'withdrawal.adoptionWindowWd',
  'withdrawal.allowedStates',
  'withdrawal.draftAdoptionWindowWd',
  'workingGroup.appointingBody',
  'workingGroup.caMayAppoint',
  'workingGroup.membershipConditions',
  'workingGroup.nominators',
  'workingGroup.proposerIsMember',
  'workingGroup.termsOfReferenceRequired',
] as const;

// The §12 open-question ids the rulebook must cover.
const CFG_IDS = [
  'CFG-01', 'CFG-02', 'CFG-03', 'CFG-04', 'CFG-05', 'CFG-06', 'CFG-07',
  'CFG-10', 'CFG-11', 'CFG-12', 'CFG-13', 'CFG-14', 'CFG-15', 'CFG-16', 'CFG-17', 'CFG-18', 'CFG-19', 'CFG-20',
  'CFG-30', 'CFG-31', 'CFG-32', 'CFG-33', 'CFG-34', 'CFG-35',
  'CFG-40', 'CFG-41', 'CFG-42', 'CFG-43', 'CFG-44', 'CFG-45', 'CFG-46', 'CFG-47',
  'CFG-50', 'CFG-51', 'CFG-52', 'CFG-53', 'CFG-54', 'CFG-55', 'CFG-56', 'CFG-57', 'CFG-58', 'CFG-59', 'CFG-60', 'CFG-61',
  'CFG-70', 'CFG-71', 'CFG-72', 'CFG-73', 'CFG-74', 'CFG-75', 'CFG-76', 'CFG-77', 'CFG-78', 'CFG-79', 'CFG-80',
  'CFG-81', 'CFG-82', 'CFG-83', 'CFG-84', 'CFG-85',
];

const rows = listParameters(SEC_5_18_SECMP0049);
const keys = new Set(rows.map((r) => r.key));

describe('parameters of sec-5.18+secmp0049 (sec-process.md §7 and §12)', () => {
  it.each(SPEC_KEYS)('the rulebook exposes %s', (key) => {
    expect(keys.has(key)).toBe(true);
  });

  it('covers every §12 open question (CFG-01 … CFG-85)', () => {
    const covered = new Set(rows.map((r) => r.cfg).filter(Boolean));
    expect(CFG_IDS.filter((id) => !covered.has(id))).toEqual([]);
  });

  it('every parameter row has a source', () => {
    expect(rows.filter((r) => r.source.trim() === '').map((r) => r.key)).toEqual([]);
  });

  it('every duration parameter (key ending Wd, Days, Weeks, Months) declares its unit (§7.1)', () => {
    const durations = rows.filter((r) => /(Wd|Days|Weeks|Months)$/.test(r.key) && r.key !== 'calendar.workingDays');
    expect(durations.length).toBeGreaterThan(10);
    for (const r of durations) expect(r.unit, r.key).toMatch(/^(WD|CD|weeks|months)$/);
  });

  it('the SCR Phase limb (d) period is 28 calendar days, never Working Days', () => {
    const p = SEC_5_18_SECMP0049.parameters.scr.phaseEndAfterConclusionDays;
    expect([p.value, p.unit]).toEqual([28, 'CD']);
  });

  it('reads as typed values in code', () => {
    const p = SEC_5_18_SECMP0049.parameters;
    expect(p.appeal.windowWd.value).toBe(15);
    expect(p.appeal.windowWd.unit).toBe('WD');
    expect(p.changeBoard.tieOutcome.value).toBe('reject');
    expect(p.changeBoard.decisionRule.value).toBe('category-majority');
    expect(p.consultation.mrc.defaultWd.timer).toBe('TM03');
    expect(p.withdrawal.draftAdoptionWindowWd.value).toBe(0);
    expect(p.csc.standUpDate.value).toBe('2019-04-08');
  });

  it('lists rows sorted by key, with value and default', () => {
    const appeal = rows.find((r) => r.key === 'appeal.windowWd');
    expect(appeal).toMatchObject({ value: 15, default: 15, unit: 'WD', timer: 'TM04' });
    expect([...keys]).toEqual([...keys].sort((a, b) => a.localeCompare(b)));
  });
});
