// Commands of the Significant Code Review record and of the Authority-Led Variation record
// (sec-process.md §6.7, §5.5): payload schemas written once, validating API requests and
// typing what the deciders receive (the same builder as the modification aggregate).
import { id, isoDate, list, obj, oneOf, str, text, type JsonSchemaObject, type Static } from '../modification/schema-builder.ts';

const SHORT = 300;
const LONG = 20_000;

/** How the phase started (A1.1 "Significant Code Review Phase"): a notice, a D5.7 backstop direction or a D9A.2 direction. */
export const SCR_START_BASES = ['notice', 'backstop-direction', 'alv-direction'] as const;
export type ScrStartBasis = (typeof SCR_START_BASES)[number];

export const SCR_PAYLOAD_SCHEMAS = {
  start: obj({
    subject: text(SHORT, 'The matter the Authority has given notice is a Significant Code Review'),
    noticeDate: isoDate('Date of the notice (or of the D5.7 / D9A.2 direction) that starts the phase'),
    startBasis: oneOf(SCR_START_BASES, 'notice; backstop-direction (D5.7); alv-direction (D9A.2)'),
    noticeDocumentId: id(),
    scope: list(text(100), 200),
  }, ['noticeDocumentId', 'scope']),
  'record-backstop-direction': obj({ directionDate: isoDate(), documentId: id(), summary: str(LONG) }, ['summary']),
  'record-alv-direction': obj({ title: text(SHORT), directionDate: isoDate(), documentId: id() }),
  'record-conclusion': obj({ conclusionDocumentDate: isoDate('Date of the conclusion document: limb (d) ends the phase 28 calendar days later'), documentId: id(), summary: str(LONG) }, ['summary']),
  'record-no-modification-conclusion': obj({ conclusionDate: isoDate('Limb (c): the phase ends on this date'), documentId: id(), reasons: text(LONG) }),
  'exempt-proposal': obj({
    reference: text(12, 'The Draft or Modification Proposal the Authority exempts from the SCR, like DP014 or MP014'),
    reasons: text(LONG),
    documentId: id('The Authority\'s letter or direction granting the exemption'),
  }, ['documentId']),
};

export type ScrCommandName = keyof typeof SCR_PAYLOAD_SCHEMAS;
export type ScrPayloadOf<C extends ScrCommandName> = Static<(typeof SCR_PAYLOAD_SCHEMAS)[C]>;
export type ScrCommand = { [C in ScrCommandName]: { readonly type: C; readonly payload: ScrPayloadOf<C> } }[ScrCommandName];
/** Commands on an existing SCR (`start` creates one). */
export const SCR_ACTION_NAMES: readonly Exclude<ScrCommandName, 'start'>[] = ['record-backstop-direction', 'record-alv-direction', 'record-conclusion', 'record-no-modification-conclusion', 'exempt-proposal'];

export const ALV_PAYLOAD_SCHEMAS = {
  'submit-for-decision': obj({
    consultationDocumentId: id('The consultation run by the Code Administrator on the Authority\'s timetable (alv.consultationStep)'),
    summary: str(LONG),
  }, ['consultationDocumentId', 'summary']),
  decide: obj({ outcome: oneOf(['approve', 'reject'] as const), reasons: text(LONG), decisionLetterDocumentId: id() }),
  'schedule-implementation': obj({ implementationDate: isoDate(), releaseId: id() }, ['releaseId']),
  'mark-implemented': obj({ secVersion: text(20) }),
};

export type AlvCommandName = keyof typeof ALV_PAYLOAD_SCHEMAS;
export type AlvPayloadOf<C extends AlvCommandName> = Static<(typeof ALV_PAYLOAD_SCHEMAS)[C]>;
export type AlvCommand = { [C in AlvCommandName]: { readonly type: C; readonly payload: AlvPayloadOf<C> } }[AlvCommandName];
export const ALV_COMMAND_NAMES = Object.keys(ALV_PAYLOAD_SCHEMAS) as AlvCommandName[];

export const isScrAction = (v: string): v is Exclude<ScrCommandName, 'start'> => (SCR_ACTION_NAMES as readonly string[]).includes(v);
export const isAlvCommand = (v: string): v is AlvCommandName => (ALV_COMMAND_NAMES as readonly string[]).includes(v);

export const SCR_SCHEMAS: Readonly<Record<ScrCommandName, JsonSchemaObject>> = SCR_PAYLOAD_SCHEMAS;
export const ALV_SCHEMAS: Readonly<Record<AlvCommandName, JsonSchemaObject>> = ALV_PAYLOAD_SCHEMAS;
