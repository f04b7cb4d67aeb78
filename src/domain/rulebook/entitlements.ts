// The entitlement matrix (sec-process.md §4.1 and notes §4.2) as data. Each row is written
// as the spec's table row, one token per column, so that it can be checked against the spec
// by eye: `Y1` = Y with note 1, `Y+D4` = Y+ and a duty with note 4, `-` = no role.
// A cell marked N or `-` is refused with 403 not-entitled; a C cell is decided by the
// parameter named for it.
import type { ActorKind, EntitlementCell, EntitlementMark, EntitlementRow } from './types.ts';

/** The matrix columns in the spec's order. */
export const MATRIX_COLUMNS: readonly ActorKind[] = [
  'party', 'proposer', 'defaulting-party', 'citizens-advice', 'dcc', 'authority', 'panel', 'csc',
  'change-board', 'working-group', 'code-administrator', 'ssc', 'ssc-member', 'smki-pma', 'pma-member',
  'tabasc', 'alt-han-forum',
];

const TOKEN = /^(Y\+|Y|D|C|N|-)(D)?(\d+)?$/;

const parseCell = (token: string): EntitlementCell => {
  const m = TOKEN.exec(token);
  if (!m) throw new Error(`Bad entitlement token: ${token}`);
  return {
    mark: m[1] as EntitlementMark,
    ...(m[2] ? { duty: true } : {}),
    ...(m[3] ? { note: Number(m[3]) } : {}),
  };
};

const row = (
  command: string,
  tokens: string,
  parameters: Partial<Record<ActorKind, string>> = {},
  extra: { variant?: string; system?: EntitlementMark; systemParameter?: string } = {},
): EntitlementRow => {
  const parts = tokens.trim().split(/\s+/);
  if (parts.length !== MATRIX_COLUMNS.length) throw new Error(`Entitlement row ${command} has ${parts.length} cells`);
  const cells: Partial<Record<ActorKind, EntitlementCell>> = {};
  MATRIX_COLUMNS.forEach((actor, i) => {
    const cell = parseCell(parts[i] ?? '-');
    const parameter = parameters[actor];
    cells[actor] = parameter ? { ...cell, parameter } : cell;
  });
  if (extra.system) cells.system = { mark: extra.system, ...(extra.systemParameter ? { parameter: extra.systemParameter } : {}) };
  return { command, ...(extra.variant ? { variant: extra.variant } : {}), cells };
};

const all = (actors: readonly ActorKind[], parameter: string): Partial<Record<ActorKind, string>> =>
  Object.fromEntries(actors.map((a) => [a, parameter]));

const PARTIES_AND_CA: readonly ActorKind[] = ['party', 'proposer', 'defaulting-party', 'citizens-advice', 'dcc'];

//                                        Party Prop DefP CitA DCC  Auth Panel CSC CB   WG   CA   SSC  SSC-M PMA PMA-M TAB  AltHAN
export const ENTITLEMENTS: readonly EntitlementRow[] = [
  row('create-draft-proposal',           'Y1   -    N2   C3   Y+D4 Y+5  Y+6   -   -    -    -    Y+7  Y+8   Y+9 Y+10  -    C11', {
    party: 'entitlement.d13List', 'defaulting-party': 'defaulting.extendDpBarToVotingGroup', 'citizens-advice': 'entitlement.citizensAdviceMaySubmit',
    panel: 'entitlement.panelMaySubmit', ssc: 'entitlement.scopeSets', 'ssc-member': 'entitlement.memberDeclineMatching',
    'smki-pma': 'entitlement.scopeSets', 'pma-member': 'entitlement.memberDeclineMatching', 'alt-han-forum': 'entitlement.altHanForumMaySubmit',
  }),
  row('record-critical-friend-review',   '-    -    -    -    -    -    -     -   -    -    D12  -    -     -   -     -    -', { 'code-administrator': 'dp.criticalFriendReviewEnabled' }),
  row('record-screening',                '-    -    -    -    -    -    -     -   -    -    D12  -    -     -   -     -    -'),
  row('agree-problem-statement',         '-    -    -    -    -    -    Y+13  Y   -    -    -    -    -     -   -     -    -', { panel: 'csc.actingBody', csc: 'csc.actingBody' }),
  row('request-conversion',              '-    Y14  -    -    -    -    -     -   -    -    -    -    -     -   -     -    -'),
  row('convert',                         '-    -    -    -    -    -    Y     -   -    -    -    -    -     -   -     -    -'),
  row('send-back',                       '-    -    -    -    -    -    Y     -   -    -    -    -    -     -   -     -    -', { panel: 'dp.panelMaySendBack' }, { variant: 'draft' }),
  row('raise-fast-track',                '-    -    -    -    -    -    Y+15  -   -    -    -    -    -     -   -     -    -', { panel: 'fastTrack.panelUnanimityRequired' }),
  row('object-to-fast-track',            'C16  C    C    C    C    -    -     -   -    -    -    -    -     -   -     -    -', all(PARTIES_AND_CA, 'fastTrack.objectors')),
  row('request-urgency',                 '-    Y17  -    -    -    -    C17   -   -    -    -    -    -     -   -     -    -', { proposer: 'urgency.requesters', panel: 'urgency.requesters' }),
  row('decide-urgency',                  '-    -    -    -    -    Y18  -     -   -    -    -    -    -     -   -     -    -', { authority: 'urgency.decider' }),
  row('determine-path',                  '-    -    -    -    -    C19  -     -   -    -    -    -    -     -   -     -    -', { authority: 'path.authorityMayDetermine' }),
  row('establish-working-group',         '-    -    -    -    -    -    Y+20  -   -    -    C20  -    -     -   -     -    -', { panel: 'workingGroup.appointingBody', 'code-administrator': 'workingGroup.caMayAppoint' }),
  row('appoint-working-group-member',    '-    -    -    -    -    -    Y+20  -   -    -    C20  -    -     -   -     -    -', { panel: 'workingGroup.appointingBody', 'code-administrator': 'workingGroup.caMayAppoint' }),
  row('nominate-working-group-member',   'C21  C21  C    C    C    -    -     -   -    -    -    Y+22 -     -   -     -    -', {
    ...all(PARTIES_AND_CA, 'workingGroup.nominators'), ssc: 'workingGroup.membershipConditions',
  }),
  row('amend-proposed-solution',         'N    Y23  Y+23 N    N    N    N     N   N    N    N    N    N     N   N     N    N', { 'defaulting-party': 'defaulting.existingProposals' }),
  row('raise-alternative-solution',      '-    -    -    -    -    -    -     -   -    Y+24 -    -    -     -   -     -    -'),
  row('request-dcc-assessment',          '-    -    -    -    -    -    C25   -   -    C25  -    -    -     -   -     -    -', { panel: 'dcc.assessmentRequesters', 'working-group': 'dcc.assessmentRequesters' }),
  row('record-dcc-assessment',           '-    -    -    -    D    -    -     -   -    -    -    -    -     -   -     -    -'),
  row('open-consultation',               '-    -    -    -    -    -    -     -   -    -    D    -    -     -   -     -    -'),
  row('close-consultation',              '-    -    -    -    -    -    -     -   -    -    D    -    -     -   -     -    -', { 'code-administrator': 'consultation.autoClose' }, { system: 'Y' }),
  row('respond-to-consultation',         'Y    Y    C26  C26  Y    -    -     -   -    -    -    Y+27 -     -   -     -    -', {
    'defaulting-party': 'defaulting.mayRespondToConsultations', 'citizens-advice': 'mrc.additionalRespondents', ssc: 'mrc.additionalRespondents',
  }, { variant: 'refinement' }),
  row('respond-to-consultation',         'Y28  Y    C26  C26  N28  -    -     -   -    -    -    Y+27 -     -   -     -    -', {
    'defaulting-party': 'defaulting.mayRespondToConsultations', 'citizens-advice': 'mrc.additionalRespondents', ssc: 'mrc.additionalRespondents',
  }, { variant: 'mrc' }),
  row('make-representation',             'C29  C29  C29  C29  C29  -    -     -   -    -    -    Y30  Y30   -   -     -    Y+31', {
    party: 'representations.partiesMay', proposer: 'representations.partiesMay', 'defaulting-party': 'defaulting.mayRespondToConsultations',
    'citizens-advice': 'representations.citizensAdviceMay', dcc: 'representations.partiesMay',
  }),
  row('record-advice',                   '-    -    -    -    -    -    -     -   -    -    -    D32  -     D32 -     D32  -'),
  row('complete-refinement',             '-    -    -    -    -    -    C33   -   -    -    -    -    -     -   -     -    -', { panel: 'refinement.completionDecider' }),
  row('issue-modification-report',       '-    -    -    -    -    -    -     -   -    -    D34  -    -     -   -     -    -'),
  row('approve-report-consultation',     '-    -    -    -    -    -    Y35   -   -    -    -    -    -     -   -     -    -'),
  row('send-back',                       '-    -    -    -    -    C36  C36   -   -    -    -    -    -     -   -     -    -', {
    authority: 'authority.sendBackEnabled', panel: 'panel.maySendBackReport',
  }, { variant: 'report' }),
  row('cast-vote',                       '-    -    -    -    -    -    -     -   Y+37 -    -    -    -     -   -     -    -', { 'change-board': 'changeBoard.alternateMaySitForSuspendedSeat' }),
  row('close-vote',                      '-    -    -    -    -    -    -     -   Y37  -    -    -    -     -   -     -    -'),
  row('lodge-appeal',                    'C38  C38  C38  C38  C38  -    -     -   -    -    -    -    -     -   -     -    -', all(PARTIES_AND_CA, 'appeal.eligibleAppellants')),
  row('decide-appeal',                   '-    -    -    -    -    C38  -     -   -    -    -    -    -     -   -     -    -', { authority: 'appeal.decider' }),
  row('decide',                          '-    -    -    -    -    Y39  -     -   -    -    -    -    -     -   -     -    -'),
  row('withdraw',                        '-    Y40  Y+40 -    -    -    -     -   -    -    -    -    -     -   -     -    -'),
  row('adopt',                           'C41  -    N41  C41  C41  -    -     -   -    -    -    C41  C41   C41 C41   -    -', {
    ...all(['party', 'citizens-advice', 'dcc', 'ssc', 'ssc-member', 'smki-pma', 'pma-member'], 'withdrawal.adoptionEnabled'),
    'defaulting-party': 'defaulting.mayAdopt',
  }),
  row('suspend-for-scr',                 '-    -    -    -    -    C42  C42   -   -    -    -    -    -     -   -     -    -', all(['authority', 'panel'], 'scr.suspensionDeciders')),
  // The System resumes (T47 only) when a rulebook sets scr.autoResumeOnPhaseEnd (default false: tasks instead).
  row('resume-after-scr',                '-    -    -    -    -    C42  C42   -   -    -    -    -    -     -   -     -    -', all(['authority', 'panel'], 'scr.suspensionDeciders'), { system: 'C', systemParameter: 'scr.autoResumeOnPhaseEnd' }),
  row('schedule-implementation',         '-    -    -    -    -    -    Y43   -   -    -    -    -    -     -   -     -    -'),
  row('mark-implemented',                '-    -    -    -    -    -    -     -   -    -    D43  -    -     -   -     -    -', { 'code-administrator': 'implementation.autoMarkImplemented' }),
  // Internal command (§5.5): only the `system` actor executes timer expiries.
  row('expire-timer',                    '-    -    -    -    -    -    -     -   -    -    -    -    -     -   -     -    -', {}, { system: 'D' }),
];

/** The matrix row(s) for a command; `variant` picks between the MRC and Refinement rows, etc. */
export const entitlementRowsFor = (rows: readonly EntitlementRow[], command: string, variant?: string): EntitlementRow[] =>
  rows.filter((r) => r.command === command && (variant === undefined || r.variant === undefined || r.variant === variant));

/** The cell for an actor; a missing cell is `-` (no role). */
export const entitlementCell = (row: EntitlementRow, actor: ActorKind): EntitlementCell => row.cells[actor] ?? { mark: '-' };
