// The demo cast: a public contract (architecture.md "Demo cast"); README, tests and demos
// rely on these emails and roles. Password for all: DEMO_PASSWORD (demo only).
import type { OrganisationRegistered } from '../domain/parties/organisation.ts';
import type { RoleAssignment } from '../domain/parties/roles.ts';
import type { Directory } from './identity/directory.ts';

export const DEMO_PASSWORD = 'secmod-demo';
const FROM = '2018-11-01';

type Org = OrganisationRegistered['data'];
export const DEMO_ORGANISATIONS: readonly (Org & { inDefault?: string })[] = [
  { organisationId: 'secas', name: 'SECAS', kind: 'code-administrator' },
  { organisationId: 'sec-panel', name: 'SEC Panel', kind: 'panel' },
  { organisationId: 'change-sub-committee', name: 'Change Sub-Committee', kind: 'change-sub-committee' },
  { organisationId: 'northern-lights-energy', name: 'Northern Lights Energy', kind: 'party', partyCategory: 'large-supplier', votingGroupId: 'vg-northern-lights' },
  { organisationId: 'brightside-supply', name: 'Brightside Supply', kind: 'party', partyCategory: 'small-supplier', votingGroupId: 'vg-brightside' },
  { organisationId: 'meridian-power-networks', name: 'Meridian Power Networks', kind: 'party', partyCategory: 'electricity-network', votingGroupId: 'vg-meridian' },
  { organisationId: 'fenland-gas-networks', name: 'Fenland Gas Networks', kind: 'party', partyCategory: 'gas-network', votingGroupId: 'vg-fenland' },
  { organisationId: 'helix-metering-services', name: 'Helix Metering Services', kind: 'party', partyCategory: 'other-sec-party', votingGroupId: 'vg-helix' },
  { organisationId: 'harbour-energy-supply', name: 'Harbour Energy Supply', kind: 'party', partyCategory: 'small-supplier', votingGroupId: 'vg-harbour', inDefault: 'M8.1 demo: Charges unpaid after a J2.1 notice' },
  { organisationId: 'dcc', name: 'DCC', kind: 'dcc' },
  { organisationId: 'citizens-advice', name: 'Citizens Advice', kind: 'citizens-advice' },
  { organisationId: 'ofgem', name: 'The Authority (Ofgem)', kind: 'authority' },
  { organisationId: 'ssc', name: 'Security Sub-Committee', kind: 'ssc' },
  { organisationId: 'smki-pma', name: 'SMKI PMA', kind: 'smki-pma' },
  { organisationId: 'tabasc', name: 'TABASC', kind: 'tabasc' },
  { organisationId: 'alt-han-forum', name: 'Alt HAN Forum', kind: 'alt-han-forum' },
];

type Role = Omit<RoleAssignment, 'assignmentId' | 'from'>;
export interface DemoUser {
  readonly email: string;
  readonly name: string;
  readonly organisationId?: string;
  readonly roles: readonly Role[];
}

const cb = (seat: string, organisationId: string): Role => ({ role: 'change-board-member', body: 'change-board', seat, organisationId });

export const DEMO_USERS: readonly DemoUser[] = [
  { email: 'admin@secmod.example', name: 'Sam Admin', roles: [{ role: 'system-administrator' }] },
  { email: 'analyst@secas.example', name: 'Alex Analyst', organisationId: 'secas', roles: [{ role: 'code-administrator', body: 'code-administrator' }] },
  { email: 'secretariat@secas.example', name: 'Sasha Secretariat', organisationId: 'secas', roles: [{ role: 'secretariat', body: 'secretariat' }] },
  { email: 'panel.chair@panel.example', name: 'Pat Chair', organisationId: 'sec-panel', roles: [{ role: 'panel-chair', body: 'panel' }] },
  { email: 'panel.member@panel.example', name: 'Priya Panel', organisationId: 'sec-panel', roles: [{ role: 'panel-member', body: 'panel' }] },
  { email: 'csc.member@csc.example', name: 'Chris Subcommittee', organisationId: 'change-sub-committee', roles: [{ role: 'csc-member', body: 'change-sub-committee' }] },
  { email: 'proposer@large-supplier.example', name: 'Lara Large', organisationId: 'northern-lights-energy', roles: [{ role: 'party-user' }] },
  { email: 'cb@large-supplier.example', name: 'Leo Board', organisationId: 'northern-lights-energy', roles: [cb('large-supplier', 'northern-lights-energy')] },
  { email: 'proposer@small-supplier.example', name: 'Sophie Small', organisationId: 'brightside-supply', roles: [{ role: 'party-user' }] },
  { email: 'cb@small-supplier.example', name: 'Sid Board', organisationId: 'brightside-supply', roles: [cb('small-supplier', 'brightside-supply')] },
  { email: 'proposer@elec-network.example', name: 'Ellis Network', organisationId: 'meridian-power-networks', roles: [{ role: 'party-user' }] },
  { email: 'cb@elec-network.example', name: 'Erin Board', organisationId: 'meridian-power-networks', roles: [cb('electricity-network', 'meridian-power-networks')] },
  { email: 'proposer@gas-network.example', name: 'Gina Gas', organisationId: 'fenland-gas-networks', roles: [{ role: 'party-user' }] },
  { email: 'cb@gas-network.example', name: 'Gus Board', organisationId: 'fenland-gas-networks', roles: [cb('gas-network', 'fenland-gas-networks')] },
  { email: 'proposer@other-party.example', name: 'Oli Other', organisationId: 'helix-metering-services', roles: [{ role: 'party-user' }] },
  { email: 'cb@other-party.example', name: 'Olga Board', organisationId: 'helix-metering-services', roles: [cb('other-sec-party', 'helix-metering-services')] },
  { email: 'wg.member@other-party.example', name: 'Wyn Working', organisationId: 'helix-metering-services', roles: [{ role: 'working-group-member', body: 'working-group' }] },
  { email: 'proposer@defaulting-supplier.example', name: 'Dana Default', organisationId: 'harbour-energy-supply', roles: [{ role: 'party-user' }] },
  { email: 'dcc@dcc.example', name: 'Dev DCC', organisationId: 'dcc', roles: [{ role: 'dcc-user' }] },
  { email: 'consumer@citizens-advice.example', name: 'Cara Consumer', organisationId: 'citizens-advice', roles: [{ role: 'consumer-body-user' }, cb('consumer', 'citizens-advice')] },
  { email: 'authority@ofgem.example', name: 'Ola Authority', organisationId: 'ofgem', roles: [{ role: 'authority-decision-maker', body: 'authority' }] },
  { email: 'ssc@ssc.example', name: 'Sol Security', organisationId: 'ssc', roles: [{ role: 'ssc-representative', body: 'ssc' }] },
  { email: 'ssc.member@ssc.example', name: 'Sami Security', organisationId: 'ssc', roles: [{ role: 'ssc-member', body: 'ssc' }] },
  { email: 'pma@smki-pma.example', name: 'Pim PMA', organisationId: 'smki-pma', roles: [{ role: 'smki-pma-representative', body: 'smki-pma' }] },
  { email: 'pma.member@smki-pma.example', name: 'Poppy PMA', organisationId: 'smki-pma', roles: [{ role: 'smki-pma-member', body: 'smki-pma' }] },
  { email: 'tabasc@tabasc.example', name: 'Toni TABASC', organisationId: 'tabasc', roles: [{ role: 'tabasc-representative', body: 'tabasc' }] },
  { email: 'forum@alt-han.example', name: 'Fern Forum', organisationId: 'alt-han-forum', roles: [{ role: 'alt-han-forum-representative', body: 'alt-han-forum' }] },
];

/** Creates the demo cast; idempotent (existing organisations and users are left alone). */
export async function seedDemoCast(directory: Directory, existing: { organisations: Set<string>; emails: Set<string> }): Promise<{ organisations: number; users: number }> {
  let organisations = 0;
  let users = 0;
  for (const { inDefault, ...org } of DEMO_ORGANISATIONS) {
    if (existing.organisations.has(org.organisationId)) continue;
    await directory.registerOrganisation(org);
    if (inDefault) await directory.recordPartyDefault(org.organisationId, inDefault, 'system');
    organisations++;
  }
  for (const user of DEMO_USERS) {
    if (existing.emails.has(user.email)) continue;
    await directory.registerUser({ ...user, password: DEMO_PASSWORD, roles: user.roles.map((r) => ({ ...r, from: FROM })) });
    users++;
  }
  return { organisations, users };
}
