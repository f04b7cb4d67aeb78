// Events of the governance records (stream `governance-<id>`) and the records folded from
// them. A Change Board appointment request shows its tally as M8.5(c)(ii) counts it.
import { tallyAppointmentRequest, type AppointmentTally } from '../parties/change-board-appointment.ts';
import type { PartyCategory } from '../parties/organisation.ts';
import type { ExternalDisputeRef } from './dispute-links.ts';
import type { GovernanceKind } from './record-kinds.ts';
import type { Instalment } from './recovery-costs.ts';
import type { RequestingBody } from './security-liaison.ts';

interface Stamp { readonly at: string; readonly by: string }

export interface GovernanceEventDataMap {
  DisputeRecorded: { disputeId: string; title: string; summary?: string } & Stamp;
  ExternalDisputeLinked: ExternalDisputeRef & { disputeId: string } & Stamp;
  SscSupportRequested: { requestId: string; requestingBody: RequestingBody; bodyRef: string; kind: 'support' | 'attendance'; summary?: string } & Stamp;
  SscAttendanceRecorded: { requestId: string; representative: string; meetingDate: string } & Stamp;
  AltHanSecurityLiaisonLogged: { entryId: string; summary: string; at: string; proposalRefs: readonly string[]; by: string };
  RecoveryCostsConsultationRecorded: { consultationId: string; consulted: readonly ('parties' | 'authority')[]; closedOn: string; documentId?: string; summary?: string } & Stamp;
  RecoveryCostsThresholdSet: { amountGbp: number; consultationId: string; reasons?: string } & Stamp;
  RecoveryCostReferralRecorded: { referralId: string; referredBy: 'dcc'; summary: string; documentId?: string } & Stamp;
  RecoveryCostPaymentDatesDetermined: { referralId: string; schedule: Readonly<Record<string, readonly Instalment[]>>; reasons?: string } & Stamp;
  ChangeBoardAppointmentRequested: { requestId: string; action: 'appoint' | 'remove'; seatCategory: PartyCategory; memberName: string } & Stamp;
  ChangeBoardAppointmentViewRecorded: { requestId: string; organisationId: string; partyCategory: PartyCategory; defaulting: boolean; view: 'support' | 'oppose' } & Stamp;
}

export type GovernanceEventType = keyof GovernanceEventDataMap;
export type GovernanceEvent = { [T in GovernanceEventType]: { readonly type: T; readonly data: Readonly<GovernanceEventDataMap[T]>; readonly clauseRefs: readonly string[] } }[GovernanceEventType];
export const GOVERNANCE_EVENT_TYPES = [
  'DisputeRecorded', 'ExternalDisputeLinked', 'SscSupportRequested', 'SscAttendanceRecorded', 'AltHanSecurityLiaisonLogged',
  'RecoveryCostsConsultationRecorded', 'RecoveryCostsThresholdSet', 'RecoveryCostReferralRecorded', 'RecoveryCostPaymentDatesDetermined',
  'ChangeBoardAppointmentRequested', 'ChangeBoardAppointmentViewRecorded',
] as const satisfies readonly GovernanceEventType[];

interface Common { readonly id: string; readonly createdAt: string; readonly createdBy: string; readonly version: number }

export type GovernanceRecord =
  | Common & { readonly kind: 'disputes'; readonly title: string; readonly summary?: string; readonly externalDisputes: readonly ExternalDisputeRef[] }
  | Common & { readonly kind: 'ssc-support-requests'; readonly requestingBody: RequestingBody; readonly bodyRef: string; readonly requestKind: 'support' | 'attendance'; readonly summary?: string; readonly attendance: readonly { readonly representative: string; readonly meetingDate: string }[] }
  | Common & { readonly kind: 'alt-han-liaison'; readonly summary: string; readonly proposalRefs: readonly string[] }
  | Common & { readonly kind: 'recovery-costs-consultations'; readonly consulted: readonly ('parties' | 'authority')[]; readonly closedOn: string; readonly documentId?: string; readonly summary?: string; readonly threshold?: { readonly amountGbp: number; readonly setAt: string; readonly reasons?: string } }
  | Common & { readonly kind: 'recovery-cost-referrals'; readonly summary: string; readonly documentId?: string; readonly determination?: { readonly schedule: Readonly<Record<string, readonly Instalment[]>>; readonly at: string; readonly reasons?: string } }
  | Common & { readonly kind: 'change-board-appointment-requests'; readonly action: 'appoint' | 'remove'; readonly seatCategory: PartyCategory; readonly memberName: string; readonly views: readonly { readonly organisationId: string; readonly partyCategory: PartyCategory; readonly defaulting: boolean; readonly view: 'support' | 'oppose' }[] };

/** The kind each creating event makes. */
export const KIND_OF_CREATION: Readonly<Partial<Record<GovernanceEventType, GovernanceKind>>> = {
  DisputeRecorded: 'disputes', SscSupportRequested: 'ssc-support-requests', AltHanSecurityLiaisonLogged: 'alt-han-liaison',
  RecoveryCostsConsultationRecorded: 'recovery-costs-consultations', RecoveryCostReferralRecorded: 'recovery-cost-referrals',
  ChangeBoardAppointmentRequested: 'change-board-appointment-requests',
};

export function evolveGovernance(r: GovernanceRecord | undefined, e: GovernanceEvent): GovernanceRecord | undefined {
  const d = e.data as Stamp & Record<string, unknown>;
  const common = (id: string): Common => ({ id, createdAt: d.at, createdBy: d.by, version: 1 });
  switch (e.type) {
    case 'DisputeRecorded':
      return { ...common(e.data.disputeId), kind: 'disputes', title: e.data.title, ...(e.data.summary ? { summary: e.data.summary } : {}), externalDisputes: [] };
    case 'SscSupportRequested':
      return { ...common(e.data.requestId), kind: 'ssc-support-requests', requestingBody: e.data.requestingBody, bodyRef: e.data.bodyRef, requestKind: e.data.kind, ...(e.data.summary ? { summary: e.data.summary } : {}), attendance: [] };
    case 'AltHanSecurityLiaisonLogged':
      return { ...common(e.data.entryId), kind: 'alt-han-liaison', summary: e.data.summary, proposalRefs: e.data.proposalRefs };
    case 'RecoveryCostsConsultationRecorded':
      return { ...common(e.data.consultationId), kind: 'recovery-costs-consultations', consulted: e.data.consulted, closedOn: e.data.closedOn, ...(e.data.documentId ? { documentId: e.data.documentId } : {}), ...(e.data.summary ? { summary: e.data.summary } : {}) };
    case 'RecoveryCostReferralRecorded':
      return { ...common(e.data.referralId), kind: 'recovery-cost-referrals', summary: e.data.summary, ...(e.data.documentId ? { documentId: e.data.documentId } : {}) };
    case 'ChangeBoardAppointmentRequested':
      return { ...common(e.data.requestId), kind: 'change-board-appointment-requests', action: e.data.action, seatCategory: e.data.seatCategory, memberName: e.data.memberName, views: [] };
  }
  if (!r) return r;
  const version = r.version + 1;
  switch (e.type) {
    case 'ExternalDisputeLinked':
      return r.kind === 'disputes' ? { ...r, externalDisputes: [...r.externalDisputes, { code: e.data.code, reference: e.data.reference }], version } : r;
    case 'SscAttendanceRecorded':
      return r.kind === 'ssc-support-requests' ? { ...r, attendance: [...r.attendance, { representative: e.data.representative, meetingDate: e.data.meetingDate }], version } : r;
    case 'RecoveryCostsThresholdSet':
      return r.kind === 'recovery-costs-consultations' ? { ...r, threshold: { amountGbp: e.data.amountGbp, setAt: e.data.at, ...(e.data.reasons ? { reasons: e.data.reasons } : {}) }, version } : r;
    case 'RecoveryCostPaymentDatesDetermined':
      return r.kind === 'recovery-cost-referrals' ? { ...r, determination: { schedule: e.data.schedule, at: e.data.at, ...(e.data.reasons ? { reasons: e.data.reasons } : {}) }, version } : r;
    case 'ChangeBoardAppointmentViewRecorded':
      return r.kind === 'change-board-appointment-requests'
        ? { ...r, views: [...r.views, { organisationId: e.data.organisationId, partyCategory: e.data.partyCategory, defaulting: e.data.defaulting, view: e.data.view }], version }
        : r;
  }
  return r;
}

export const replayGovernance = (events: readonly GovernanceEvent[]): GovernanceRecord | undefined =>
  events.reduce<GovernanceRecord | undefined>(evolveGovernance, undefined);

/** R-M-05: the request's tally, with a defaulting non-Supplier Party's view disregarded. */
export const appointmentTallyOf = (r: Extract<GovernanceRecord, { kind: 'change-board-appointment-requests' }>): AppointmentTally =>
  tallyAppointmentRequest(r.action, r.seatCategory, r.views);
