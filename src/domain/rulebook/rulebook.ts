// A rulebook version: everything §1.3 "What a rulebook version contains" lists.
import type { DeepReadonly } from './deep-freeze.ts';
import type { RulebookParameters } from './parameters.ts';
import type { ScopeSet } from './reference-data.ts';
import type {
  ArtefactRequirement, ClauseEntry, Criterion, EntitlementRow, GuardDefinition, PartyCategory, PathDefinition, ProcessVariant,
  RulebookMetadata, SecObjective, StateDefinition, TimerDefinition, TransitionDefinition,
} from './types.ts';

export interface RulebookContent {
  readonly metadata: RulebookMetadata;
  readonly clauseMap: Readonly<Record<string, ClauseEntry>>;
  readonly states: readonly StateDefinition[];
  readonly guards: readonly GuardDefinition[];
  readonly transitions: readonly TransitionDefinition[];
  readonly timers: readonly TimerDefinition[];
  readonly entitlements: readonly EntitlementRow[];
  readonly parameters: RulebookParameters;
  readonly reference: {
    readonly secObjectives: Readonly<Record<SecObjective, string>>;
    readonly partyCategories: Readonly<Record<PartyCategory, string>>;
    readonly paths: readonly PathDefinition[];
    readonly path2Criteria: readonly Criterion[];
    readonly appealGrounds: readonly Criterion[];
    readonly fastTrackCriteria: readonly Criterion[];
    readonly mrRequiredSections: readonly Criterion[];
    readonly scopeSets: Readonly<Record<'scope.soaa' | 'scope.smkiSecDocuments' | 'scope.dccki', ScopeSet>>;
  };
  readonly processVariants: readonly ProcessVariant[];
  readonly artefacts: readonly ArtefactRequirement[];
}

/** A published, deeply frozen rulebook version. */
export type Rulebook = DeepReadonly<RulebookContent>;
