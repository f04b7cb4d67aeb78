// Panel elections (M8.5(a)): while a Party is a Defaulting Party, neither it nor any other
// member of its Voting Group may vote in Panel elections.
import type { PartyCategory } from './organisation.ts';

export interface ElectoralParty {
  readonly organisationId: string;
  readonly partyCategory?: PartyCategory;
  readonly votingGroupId?: string;
  readonly defaulting: boolean;
}

export interface Electorate {
  readonly voters: readonly string[];
  /** organisationId → why it is excluded. */
  readonly excluded: Readonly<Record<string, string>>;
}

export function panelElectorate(parties: readonly ElectoralParty[]): Electorate {
  const defaultingGroups = new Set(parties.filter((p) => p.defaulting).map((p) => p.votingGroupId ?? `party:${p.organisationId}`));
  const voters: string[] = [];
  const excluded: Record<string, string> = {};
  for (const p of parties) {
    const group = p.votingGroupId ?? `party:${p.organisationId}`;
    if (p.defaulting) excluded[p.organisationId] = 'a Defaulting Party (M8.5(a))';
    else if (defaultingGroups.has(group)) excluded[p.organisationId] = 'in the Voting Group of a Defaulting Party (M8.5(a))';
    else voters.push(p.organisationId);
  }
  return { voters, excluded };
}
