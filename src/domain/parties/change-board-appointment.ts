// Requests to appoint or remove a Change Board Member (M8.5(c)(ii), sec-process.md §10.4):
// the Secretariat collects the views of the Parties of the seat's Party Category; the view of
// a defaulting non-Supplier Party is recorded as disregarded and not counted.
import type { PartyCategory } from './organisation.ts';

export interface AppointmentView {
  readonly organisationId: string;
  readonly partyCategory: PartyCategory;
  readonly defaulting: boolean;
  readonly view: 'support' | 'oppose';
}

export interface RecordedView extends AppointmentView {
  readonly counted: boolean;
  readonly note?: string;
}

export interface AppointmentTally {
  readonly action: 'appoint' | 'remove';
  readonly seatCategory: PartyCategory;
  readonly views: readonly RecordedView[];
  readonly support: number;
  readonly oppose: number;
}

const SUPPLIERS: ReadonlySet<PartyCategory> = new Set(['large-supplier', 'small-supplier']);

export function tallyAppointmentRequest(action: 'appoint' | 'remove', seatCategory: PartyCategory, views: readonly AppointmentView[]): AppointmentTally {
  const recorded = views
    .filter((v) => v.partyCategory === seatCategory)
    .map((v): RecordedView => (v.defaulting && !SUPPLIERS.has(v.partyCategory) ? { ...v, counted: false, note: 'disregarded under M8.5(c)(ii)' } : { ...v, counted: true }));
  const counted = recorded.filter((v) => v.counted);
  return {
    action,
    seatCategory,
    views: recorded,
    support: counted.filter((v) => v.view === 'support').length,
    oppose: counted.filter((v) => v.view === 'oppose').length,
  };
}
