// Governance records kept beside the modification lifecycle (sec-process.md §1.4, §9):
// dispute links (R-C-03), SSC support and attendance (R-G-02), SSC–Alt HAN Forum liaison
// (R-G-03), the Recovery Costs threshold consultation (R-L-08), DCC referrals of Recovery Cost
// payment dates and the Panel's determination (R-L-09), and requests to appoint or remove a
// Change Board Member (R-M-05). Each kind: its payload schemas, who may run each command
// (roles), and the clause relied on. The same schemas validate API requests and build forms.
import { id, intIn, isoDate, list, numberIn, obj, oneOf, str, text, type JsonSchemaObject, type Static } from '../modification/schema-builder.ts';
import { PARTY_CATEGORIES } from '../parties/organisation.ts';
import type { RoleId } from '../parties/roles.ts';
import { REQUESTING_BODIES } from './security-liaison.ts';

const LONG = 20_000;
const proposalRef = text(12, 'A Draft or Modification Proposal, like DP014 or MP014');
const instalment = obj({ dueOn: isoDate(), amountGbp: numberIn(0.01, 1e12, 'Amount in pounds') });

export const GOVERNANCE_SCHEMAS = {
  disputes: {
    create: obj({ title: text(300), summary: str(LONG) }, ['summary']),
    'link-external-dispute': obj({ code: text(60, 'The other Energy Code, like BSC or REC'), reference: text(60, "That code's dispute reference") }),
  },
  'ssc-support-requests': {
    create: obj({
      requestingBody: oneOf(REQUESTING_BODIES, 'smki-pma, tabasc, sub-committee or working-group'),
      bodyRef: text(100, "The Sub-Committee's name, or the Working Group's proposal (like MP014)"),
      kind: oneOf(['support', 'attendance'] as const),
      summary: str(LONG),
    }, ['summary']),
    'record-attendance': obj({ representative: text(200), meetingDate: isoDate() }),
  },
  'alt-han-liaison': {
    create: obj({ summary: text(LONG), proposalRefs: list(proposalRef, 50) }, ['proposalRefs']),
  },
  'recovery-costs-consultations': {
    create: obj({
      consulted: list(oneOf(['parties', 'authority'] as const), 2, 1),
      closedOn: isoDate('The date the consultation closed'),
      documentId: id('The consultation document'),
      summary: str(LONG),
    }, ['documentId', 'summary']),
    'set-threshold': obj({ amountGbp: intIn(1, 1e12, 'The Recovery Costs threshold in whole pounds'), reasons: str(LONG) }, ['reasons']),
  },
  'recovery-cost-referrals': {
    create: obj({ summary: text(LONG), documentId: id() }, ['documentId']),
    'determine-payment-dates': obj({
      schedule: list(obj({ organisationId: text(60), instalments: list(instalment, 60, 1) }), 500, 1),
      reasons: str(LONG),
    }, ['reasons']),
  },
  'change-board-appointment-requests': {
    create: obj({
      action: oneOf(['appoint', 'remove'] as const),
      seatCategory: oneOf(PARTY_CATEGORIES, 'The Party Category whose Change Board Member is to be appointed or removed'),
      memberName: text(200),
    }),
    'record-view': obj({ organisationId: text(60, 'The Party whose view this is (a Party user records its own organisation\'s)'), view: oneOf(['support', 'oppose'] as const) }, ['organisationId']),
  },
} as const satisfies Record<string, Record<string, JsonSchemaObject>>;

export type GovernanceKind = keyof typeof GOVERNANCE_SCHEMAS;
export const GOVERNANCE_KINDS = Object.keys(GOVERNANCE_SCHEMAS) as GovernanceKind[];
export const isGovernanceKind = (v: string): v is GovernanceKind => (GOVERNANCE_KINDS as string[]).includes(v);

export type GovernanceCommandName<K extends GovernanceKind> = Extract<keyof (typeof GOVERNANCE_SCHEMAS)[K], string>;
export type GovernancePayload<K extends GovernanceKind, C extends GovernanceCommandName<K>> = Static<(typeof GOVERNANCE_SCHEMAS)[K][C] & JsonSchemaObject>;

/** Who may run each command, the clause relied on, and how the kind is named to people. */
export interface KindRules {
  readonly label: string;
  readonly idPrefix: string;
  readonly requirement: string;
  readonly clause: string;
  readonly commands: Readonly<Record<string, { readonly label: string; readonly roles: readonly RoleId[]; readonly clause: string }>>;
}

const SECRETARIAT: readonly RoleId[] = ['secretariat', 'code-administrator'];

export const GOVERNANCE_RULES: Readonly<Record<GovernanceKind, KindRules>> = {
  disputes: {
    label: 'Disputes linked to other Energy Codes', idPrefix: 'DSP', requirement: 'R-C-03', clause: 'C2.3(l)(ii)',
    commands: {
      create: { label: 'Record a dispute', roles: [...SECRETARIAT, 'panel-chair'], clause: 'C2.3(l)(ii)' },
      'link-external-dispute': { label: 'Link a dispute under another Energy Code', roles: [...SECRETARIAT, 'panel-chair'], clause: 'C2.3(l)(ii)' },
    },
  },
  'ssc-support-requests': {
    label: 'Requests for Security Sub-Committee support or attendance', idPrefix: 'SSR', requirement: 'R-G-02', clause: 'G7.18(g)',
    commands: {
      create: { label: 'Ask the Security Sub-Committee for support or attendance', roles: ['smki-pma-representative', 'tabasc-representative', 'working-group-member', ...SECRETARIAT], clause: 'G7.18(g)' },
      'record-attendance': { label: 'Record SSC attendance', roles: ['ssc-representative', ...SECRETARIAT], clause: 'G7.18(g)' },
    },
  },
  'alt-han-liaison': {
    label: 'SSC liaison with the Alt HAN Forum', idPrefix: 'AHL', requirement: 'R-G-03', clause: 'G7.18(h)',
    commands: { create: { label: 'Log liaison on Alt HAN security matters', roles: ['ssc-representative', 'alt-han-forum-representative', ...SECRETARIAT], clause: 'G7.18(h)' } },
  },
  'recovery-costs-consultations': {
    label: 'Recovery Costs threshold', idPrefix: 'RCT', requirement: 'R-L-08', clause: 'L10.24',
    commands: {
      create: { label: 'Record the consultation on the Recovery Costs threshold', roles: SECRETARIAT, clause: 'L10.24' },
      'set-threshold': { label: 'Set the Recovery Costs threshold', roles: ['panel-chair'], clause: 'L10.24' },
    },
  },
  'recovery-cost-referrals': {
    label: 'Recovery Cost payment date referrals', idPrefix: 'RCR', requirement: 'R-L-09', clause: 'L10.24(a)',
    commands: {
      create: { label: 'Refer Recovery Cost payment dates to the Panel', roles: ['dcc-user'], clause: 'L10.24(a)' },
      'determine-payment-dates': { label: 'Determine payment dates', roles: ['panel-chair'], clause: 'L10.24(b)' },
    },
  },
  'change-board-appointment-requests': {
    label: 'Requests to appoint or remove a Change Board Member', idPrefix: 'CBA', requirement: 'R-M-05', clause: 'M8.5(c)(ii)',
    commands: {
      create: { label: 'Open a request to appoint or remove a Change Board Member', roles: SECRETARIAT, clause: 'M8.5(c)(ii)' },
      'record-view': { label: "Record a Party's view", roles: ['party-user', ...SECRETARIAT], clause: 'M8.5(c)(ii)' },
    },
  },
};

/** The commands on an existing record of a kind (`create` makes one). */
export const actionsOf = (kind: GovernanceKind): string[] => Object.keys(GOVERNANCE_SCHEMAS[kind]).filter((c) => c !== 'create');

export const schemaOf = (kind: GovernanceKind, command: string): JsonSchemaObject | undefined =>
  (GOVERNANCE_SCHEMAS[kind] as Readonly<Record<string, JsonSchemaObject>>)[command];
