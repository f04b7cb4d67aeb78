// Governance records (R-C-03, R-G-02, R-G-03, R-L-08, R-L-09, R-M-05) and the Panel election
// electorate (R-M-02): load, look up the facts, decide (pure), append — in one transaction
// holding the event log's chain-head lock, so ids follow on without gaps and a concurrent
// change is a version conflict.
import { sql } from 'kysely';
import type { Db } from '../../store/database.ts';
import { ConcurrencyError, type EventStore, type StoredEvent, type Trx } from '../../store/event-store.ts';
import type { Actor } from '../../domain/modification/index.ts';
import { decideGovernance, type GovernanceFacts } from '../../domain/governance/decide-record.ts';
import { GOVERNANCE_RULES, type GovernanceKind } from '../../domain/governance/record-kinds.ts';
import { appointmentTallyOf, replayGovernance, type GovernanceEvent, type GovernanceRecord } from '../../domain/governance/record-state.ts';
import { panelElectorate, type Electorate } from '../../domain/parties/panel-electorate.ts';
import type { PartyCategory } from '../../domain/parties/organisation.ts';
import type { Decision } from '../../domain/shared/decision.ts';
import { londonDate } from '../london-date.ts';
import { parseReference } from '../modifications/references.ts';
import { onceIn, type RecordIdempotency } from '../record-idempotency.ts';
import { RecordNotFoundError, RecordRefusedError } from '../scr/record-errors.ts';
import { toRecordEvent } from '../scr/scr-projector.ts';
import { governanceStream } from './governance-projector.ts';
import { streamEventsUpTo } from '../../store/event-store.ts';

export type GovernanceView = GovernanceRecord & {
  readonly streamVersion: number;
  /** R-M-05: the tally of an appointment request as M8.5(c)(ii) counts it. */
  readonly tally?: ReturnType<typeof appointmentTallyOf>;
};

export interface GovernanceOutcome {
  readonly id: string;
  readonly streamVersion: number;
  readonly events: readonly { readonly position: number; readonly type: string; readonly clauseRefs: readonly string[] }[];
  readonly record: GovernanceView;
}

export interface ElectorateView extends Electorate {
  readonly asOf: string;
  readonly clause: 'M8.5(a)';
}

const lockLog = (trx: Trx) => sql`SELECT 1 FROM event_chain_head WHERE id = 1 FOR UPDATE`.execute(trx);
const summary = (appended: readonly StoredEvent[]) => appended.map((e) => ({ position: e.position, type: e.type, clauseRefs: (e.metadata.clauseRefs as string[]) ?? [] }));

export const governanceView = (record: GovernanceRecord, streamVersion: number): GovernanceView =>
  record.kind === 'change-board-appointment-requests' ? { ...record, streamVersion, tally: appointmentTallyOf(record) } : { ...record, streamVersion };

export class GovernanceRecords {
  constructor(
    private readonly db: Db,
    private readonly store: EventStore,
    private readonly now: () => Date,
  ) {}

  private accepted(d: Decision<GovernanceEvent>): readonly GovernanceEvent[] {
    if (d.kind === 'refusal') throw new RecordRefusedError(d);
    return d.events;
  }

  /** The facts a command relies on: the organisation a view names; proposals a liaison links that do not exist. */
  private async facts(trx: Trx, kind: GovernanceKind, command: string, payload: Record<string, unknown>, actor: Actor): Promise<GovernanceFacts> {
    if (kind === 'change-board-appointment-requests' && command === 'record-view') {
      const id = typeof payload.organisationId === 'string' ? payload.organisationId : actor.organisationId;
      const org = id ? await trx.selectFrom('organisations').select(['id', 'party_category', 'defaulting', 'is_party']).where('id', '=', id).executeTakeFirst() : undefined;
      return org ? { organisation: { id: org.id, defaulting: org.defaulting, isParty: org.is_party, ...(org.party_category ? { partyCategory: org.party_category as PartyCategory } : {}) } } : {};
    }
    if (kind === 'alt-han-liaison' && Array.isArray(payload.proposalRefs)) {
      const unknown: string[] = [];
      for (const raw of payload.proposalRefs as string[]) {
        const ref = raw.trim().toUpperCase();
        const n = /^(DP|MP)\d{3,9}$/.test(ref) ? parseReference(ref) : undefined;
        if (n === undefined) continue; // the decider names malformed references
        const row = await trx.selectFrom('modification_register').select('phase').where('number', '=', n).executeTakeFirst();
        if (!row || (ref.startsWith('MP') && row.phase !== 'proposal')) unknown.push(ref);
      }
      return { unknownProposalRefs: unknown };
    }
    return {};
  }

  private metadata(actor: Actor, command: string, clauseRefs: readonly string[]) {
    return {
      actor: { userId: actor.userId, ...(actor.organisationId ? { organisationId: actor.organisationId } : {}), roles: actor.roles.map((r) => r.role) },
      command, clauseRefs: [...clauseRefs],
    };
  }

  /** `POST /governance/{kind}`: ids run DSP-001, SSR-001 … per kind. */
  async create(kind: GovernanceKind, payload: Record<string, unknown>, actor: Actor, idempotency?: RecordIdempotency): Promise<GovernanceOutcome> {
    return this.db.transaction().execute((trx) => onceIn(trx, idempotency, this.now(), async () => {
      await lockLog(trx);
      const now = this.now();
      const count = await trx.selectFrom('governance_records').select((eb) => eb.fn.countAll<number>().as('n')).where('kind', '=', kind).executeTakeFirst();
      const id = `${GOVERNANCE_RULES[kind].idPrefix}-${String(Number(count?.n ?? 0) + 1).padStart(3, '0')}`;
      const facts = await this.facts(trx, kind, 'create', payload, actor);
      const events = this.accepted(decideGovernance(kind, 'create', payload, undefined, id, { now, today: londonDate(now), actor, facts }));
      return this.append(trx, id, 0, events, actor, 'create');
    }));
  }

  async act(kind: GovernanceKind, id: string, command: string, payload: Record<string, unknown>, actor: Actor, expectedVersion?: number, idempotency?: RecordIdempotency): Promise<GovernanceOutcome> {
    return this.db.transaction().execute((trx) => onceIn(trx, idempotency, this.now(), async () => {
      await lockLog(trx);
      const now = this.now();
      const stored = await streamEventsUpTo(trx, governanceStream(id));
      const record = replayGovernance(stored.map((e) => toRecordEvent<GovernanceEvent>(e)));
      if (!record || record.kind !== kind) throw new RecordNotFoundError(`There is no ${GOVERNANCE_RULES[kind].label.toLowerCase()} record ${id}.`);
      if (expectedVersion !== undefined && expectedVersion !== stored.length) throw new ConcurrencyError(governanceStream(id), expectedVersion, stored.length);
      const facts = await this.facts(trx, kind, command, payload, actor);
      const events = this.accepted(decideGovernance(kind, command, payload, record, id, { now, today: londonDate(now), actor, facts }));
      return this.append(trx, id, stored.length, events, actor, command);
    }));
  }

  private async append(trx: Trx, id: string, expectedVersion: number, events: readonly GovernanceEvent[], actor: Actor, command: string): Promise<GovernanceOutcome> {
    const result = await this.store.appendIn(trx, {
      streamId: governanceStream(id), expectedVersion,
      events: events.map((e) => ({ type: e.type, data: e.data as unknown as Record<string, unknown>, metadata: this.metadata(actor, command, e.clauseRefs) })),
    });
    const view = await this.viewIn(trx, id);
    return { id, streamVersion: result.streamVersion, events: summary(result.events), record: view! };
  }

  private async viewIn(db: Db | Trx, id: string): Promise<GovernanceView | undefined> {
    const row = await db.selectFrom('governance_records').select(['state', 'stream_version']).where('id', '=', id).executeTakeFirst();
    return row ? governanceView(row.state as unknown as GovernanceRecord, row.stream_version) : undefined;
  }

  async get(kind: GovernanceKind, id: string): Promise<GovernanceView | undefined> {
    const view = await this.viewIn(this.db, id);
    return view?.kind === kind ? view : undefined;
  }

  async list(kind: GovernanceKind, filter: { proposalRef?: string } = {}): Promise<GovernanceView[]> {
    let q = this.db.selectFrom('governance_records').select(['state', 'stream_version']).where('kind', '=', kind);
    if (filter.proposalRef) q = q.where(sql<boolean>`proposal_refs @> ARRAY[${filter.proposalRef.toUpperCase()}]::text[]`);
    return (await q.orderBy('id').execute()).map((r) => governanceView(r.state as unknown as GovernanceRecord, r.stream_version));
  }

  /** R-M-02 (M8.5(a)): who votes in Panel elections today; a Defaulting Party's whole Voting Group is excluded. */
  async electorate(): Promise<ElectorateView> {
    const parties = await this.db.selectFrom('organisations').select(['id', 'party_category', 'voting_group_id', 'defaulting']).where('is_party', '=', true).orderBy('id').execute();
    const e = panelElectorate(parties.map((p) => ({
      organisationId: p.id, defaulting: p.defaulting,
      ...(p.party_category ? { partyCategory: p.party_category as PartyCategory } : {}), ...(p.voting_group_id ? { votingGroupId: p.voting_group_id } : {}),
    })));
    return { ...e, asOf: this.now().toISOString(), clause: 'M8.5(a)' };
  }
}
