// Which events reach which organisations' webhooks: every significant event of the proposals
// an organisation raised (as Proposer), and every consultation opened on any proposal (the
// Modification Report Consultation to Parties other than the DCC, D7.8).

/** Significant events of a proposal (the state changes a Proposer's systems care about). */
export const WEBHOOK_PROPOSER_EVENTS: ReadonlySet<string> = new Set([
  'DraftProposalSubmitted', 'ScreeningRecorded', 'ProblemStatementAgreed', 'DraftProposalConverted', 'PathDetermined', 'SentBack',
  'FastTrackRaised', 'FastTrackObjected', 'FastTrackApproved', 'ProposedSolutionAmended', 'AlternativeSolutionRaised', 'DccAssessmentRecorded',
  'ConsultationOpened', 'ConsultationClosed', 'RepresentationMade', 'RefinementCompleted', 'ModificationReportIssued', 'ReportConsultationApproved',
  'BallotOpened', 'VoteClosed', 'AppealLodged', 'AppealDecided', 'SelfGovernanceDecisionFinalised', 'FinalModificationReportAttached',
  'AuthorityDecided', 'ImplementationScheduled', 'ModificationImplemented', 'ProposalWithdrawn', 'ProposalAdopted', 'AdoptionWindowExpired',
  'ProposalSuspendedForScr', 'ProposalResumedAfterScr', 'ProposalClosedForScr', 'UrgencyDecided',
]);

/** Events every organisation's endpoints receive, whoever raised the proposal. */
export const WEBHOOK_BROADCAST_EVENTS: ReadonlySet<string> = new Set(['ConsultationOpened']);

/** The event fields a webhook carries: identifiers and outcomes, no free text. */
export const WEBHOOK_DATA_KEYS: readonly string[] = [
  'to', 'kind', 'consultationId', 'closesAt', 'purpose', 'outcome', 'result', 'perSolution', 'selectedSolutionId', 'path', 'route',
  'mpReference', 'dpReference', 'version', 'solutionId', 'implementationDate', 'releaseId', 'secVersion', 'reportDocumentId',
];
