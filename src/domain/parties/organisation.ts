// Organisations of the SEC: Parties by Party Category (sec-process.md §2 "Party Categories"),
// and the bodies and administrators that act in the process.

export const PARTY_CATEGORIES = ['large-supplier', 'small-supplier', 'electricity-network', 'gas-network', 'other-sec-party'] as const;
export type PartyCategory = (typeof PARTY_CATEGORIES)[number];

export const PARTY_CATEGORY_LABELS: Readonly<Record<PartyCategory, string>> = {
  'large-supplier': 'Large Supplier Party',
  'small-supplier': 'Small Supplier Party',
  'electricity-network': 'Electricity Network Party',
  'gas-network': 'Gas Network Party',
  'other-sec-party': 'Other SEC Party',
};

/** What an organisation is in the process; only `party` and `dcc` are SEC Parties. */
export const ORGANISATION_KINDS = [
  'party', 'dcc', 'code-administrator', 'panel', 'change-sub-committee', 'citizens-advice', 'authority',
  'ssc', 'smki-pma', 'tabasc', 'alt-han-forum', 'operator',
] as const;
export type OrganisationKind = (typeof ORGANISATION_KINDS)[number];

export interface OrganisationRegistered {
  readonly type: 'OrganisationRegistered';
  readonly data: {
    readonly organisationId: string;
    readonly name: string;
    readonly kind: OrganisationKind;
    readonly partyCategory?: PartyCategory;
    /** A Party together with its Affiliates (M8.5(a), (c)(i)). */
    readonly votingGroupId?: string;
  };
}

/** A DefaultingStatus decision received from the body that suspends rights (M8.4(e), M8.5). */
export interface PartyDefaultRecorded {
  readonly type: 'PartyDefaultRecorded';
  readonly data: { readonly organisationId: string; readonly eventOfDefaultRef: string; readonly from: string };
}

export interface PartyDefaultLifted {
  readonly type: 'PartyDefaultLifted';
  readonly data: { readonly organisationId: string; readonly to: string };
}

export type OrganisationEvent = OrganisationRegistered | PartyDefaultRecorded | PartyDefaultLifted;

export const organisationStream = (organisationId: string): string => `organisation-${organisationId}`;

export const isSecParty = (kind: OrganisationKind): boolean => kind === 'party' || kind === 'dcc';
