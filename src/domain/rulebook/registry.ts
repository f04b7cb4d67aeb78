// Which rulebook version applies. RB-02 (`rulebook.pinningPolicy` = `pin-at-creation`): a
// modification runs under the version in force on the day its Draft Proposal was created,
// so callers ask once, at creation, and record the id on every event (RB-01).
import type { IsoDate } from '../calendar/iso-date.ts';
import { toLondonDate } from '../calendar/zoned-time.ts';
import type { DeepReadonly } from './deep-freeze.ts';
import type { Rulebook } from './rulebook.ts';
import { SEC_5_18_SECMP0049 } from './sec-5-18-secmp0049.ts';
import { SEC_LEGACY_2013 } from './sec-legacy-2013.ts';
import type { RulebookMetadata } from './types.ts';

/** Executable versions, oldest first. */
export const RULEBOOKS: readonly Rulebook[] = Object.freeze([SEC_5_18_SECMP0049]);

/** Every version secmod knows, including the import/display-only legacy one, oldest first. */
export const RULEBOOK_VERSIONS: readonly DeepReadonly<RulebookMetadata>[] = Object.freeze([
  SEC_LEGACY_2013,
  ...RULEBOOKS.map((r) => r.metadata),
]);

const asDate = (on: IsoDate | Date): IsoDate => (on instanceof Date ? toLondonDate(on) : on);

const inForce = (m: DeepReadonly<RulebookMetadata>, date: IsoDate): boolean =>
  m.effectiveFrom <= date && (m.effectiveTo === undefined || date <= m.effectiveTo);

/** The metadata of the version in force on a London calendar date (or at an instant). */
export const versionInForce = (on: IsoDate | Date): DeepReadonly<RulebookMetadata> | undefined => {
  const date = asDate(on);
  return RULEBOOK_VERSIONS.find((m) => inForce(m, date));
};

/**
 * The executable rulebook in force on a date, for pinning a new Draft Proposal.
 * Undefined before 1 November 2018: the legacy version only imports and displays records.
 */
export const rulebookFor = (on: IsoDate | Date): Rulebook | undefined => {
  const date = asDate(on);
  return RULEBOOKS.find((r) => inForce(r.metadata, date));
};

/** The executable rulebook a stream recorded (RB-01); undefined for unknown or legacy ids. */
export const rulebookById = (id: string): Rulebook | undefined => RULEBOOKS.find((r) => r.metadata.id === id);

export const CURRENT_RULEBOOK: Rulebook = SEC_5_18_SECMP0049;
