// The roles a user can be assigned (architecture.md "Demo cast"; sec-process.md §3.2).
// Role assignments are dated and may name a body, an organisation and a seat.

export const ROLE_IDS = [
  'system-administrator',
  'code-administrator',
  'secretariat',
  'panel-chair',
  'panel-member',
  'csc-member',
  'party-user',
  'change-board-member',
  'working-group-member',
  'dcc-user',
  'consumer-body-user',
  'authority-decision-maker',
  'ssc-representative',
  'ssc-member',
  'smki-pma-representative',
  'smki-pma-member',
  'tabasc-representative',
  'alt-han-forum-representative',
] as const;
export type RoleId = (typeof ROLE_IDS)[number];

export const ROLE_LABELS: Readonly<Record<RoleId, string>> = {
  'system-administrator': 'System administrator',
  'code-administrator': 'Code Administrator analyst',
  secretariat: 'Secretariat',
  'panel-chair': 'Panel Chair',
  'panel-member': 'Panel member',
  'csc-member': 'Change Sub-Committee member',
  'party-user': 'Party user',
  'change-board-member': 'Change Board member',
  'working-group-member': 'Working Group member',
  'dcc-user': 'DCC user',
  'consumer-body-user': 'Consumer body user',
  'authority-decision-maker': 'Authority decision maker',
  'ssc-representative': 'Acts for the Security Sub-Committee',
  'ssc-member': 'Security Sub-Committee member',
  'smki-pma-representative': 'Acts for the SMKI PMA',
  'smki-pma-member': 'SMKI PMA member',
  'tabasc-representative': 'Acts for TABASC',
  'alt-han-forum-representative': 'Acts for the Alt HAN Forum',
};

export const isRoleId = (value: string): value is RoleId => (ROLE_IDS as readonly string[]).includes(value);

export interface RoleAssignment {
  readonly assignmentId: string;
  readonly role: RoleId;
  readonly body?: string;
  readonly organisationId?: string;
  /** Change Board seat category, e.g. "large-supplier" or "consumer". */
  readonly seat?: string;
  readonly from: string;
  readonly to?: string;
}

/** Whether an assignment is in force on an ISO calendar date. */
export const assignmentActiveOn = (a: Pick<RoleAssignment, 'from' | 'to'>, date: string): boolean =>
  a.from <= date && (a.to === undefined || a.to === null || date <= a.to);
