// Significant Code Reviews and Authority-Led Variations (sec-process.md §6.7): load the
// record, decide (pure), append — in one transaction holding the event log's chain-head
// lock, so ids are allocated without gaps and a concurrent change is a version conflict.
// A D9A.2 direction appends to the SCR stream and creates the ALV stream atomically.
import { sql } from 'kysely';
import type { Db } from '../../store/database.ts';
import { ConcurrencyError, type EventStore, type StoredEvent, type Trx } from '../../store/event-store.ts';
import type { Actor } from '../../domain/modification/index.ts';
import { CURRENT_RULEBOOK, rulebookFor, type Rulebook } from '../../domain/rulebook/index.ts';
import {
  alvDirectedFrom, decideAlv, decidePhaseEndNotice, decideScr, decideStart, isExempted, phaseOf, replayAlv, replayScr, todayIn, type NamedProposal,
  type AlvCommand, type AlvEvent, type AlvState, type ScrCommand, type ScrEvent, type ScrPayloadOf, type ScrState,
} from '../../domain/scr/index.ts';
import type { Decision } from '../../domain/shared/decision.ts';
import { alvStream, linksOf, scrStream, toRecordEvent } from './scr-projector.ts';
import { RecordNotFoundError, RecordRefusedError } from './record-errors.ts';
import { onceIn, type RecordIdempotency } from '../record-idempotency.ts';
import { formatReference, parseReference } from '../modifications/references.ts';
import { SYSTEM_ACTOR } from '../modifications/actor.ts';

export interface RecordOutcome<V> {
  readonly id: string;
  readonly streamVersion: number;
  readonly events: readonly { readonly position: number; readonly type: string; readonly clauseRefs: readonly string[] }[];
  readonly record: V;
}

export interface ScrView {
  readonly id: string;
  readonly subject: string;
  readonly noticeDate: string;
  readonly startBasis: string;
  readonly scope: readonly string[];
  readonly backstopDirections: ScrState['backstopDirections'];
  readonly alvs: ScrState['alvs'];
  readonly exemptions: ScrState['exemptions'];
  readonly phaseEndNoted?: ScrState['phaseEndNoted'];
  readonly conclusionDocumentDate?: string;
  readonly noModificationConclusionDate?: string;
  readonly scrDraftProposalRef?: string;
  readonly scrDraftProposalDate?: string;
  readonly alvDecisionDate?: string;
  readonly phaseEnd?: string;
  readonly endedBy?: string;
  readonly live: boolean;
  readonly ended: boolean;
  readonly streamVersion: number;
}

export type AlvView = AlvState & { readonly streamVersion: number };

type ScrRow = { state: unknown; stream_version: number; scr_draft_proposal_ref: string | null; scr_draft_proposal_date: string | null; alv_decision_date: string | null };

const rulebookAt = (now: Date): Rulebook => rulebookFor(now) ?? CURRENT_RULEBOOK;

export const scrView = (row: ScrRow, now: Date): ScrView => {
  const s = row.state as ScrState;
  const rulebook = rulebookAt(now);
  const links = linksOf(row);
  const phase = phaseOf(s, links, todayIn({ now, rulebook }), rulebook);
  return {
    id: s.id, subject: s.subject, noticeDate: s.noticeDate, startBasis: s.startBasis, scope: s.scope, backstopDirections: s.backstopDirections, alvs: s.alvs,
    exemptions: s.exemptions ?? [], ...(s.phaseEndNoted ? { phaseEndNoted: s.phaseEndNoted } : {}),
    ...(s.conclusion ? { conclusionDocumentDate: s.conclusion.conclusionDocumentDate } : {}),
    ...(s.noModificationConclusion ? { noModificationConclusionDate: s.noModificationConclusion.conclusionDate } : {}),
    ...(links.scrDraftProposal ? { scrDraftProposalRef: links.scrDraftProposal.reference, scrDraftProposalDate: links.scrDraftProposal.date } : {}),
    ...(row.alv_decision_date ? { alvDecisionDate: row.alv_decision_date } : {}),
    ...(phase.phaseEnd ? { phaseEnd: phase.phaseEnd } : {}),
    ...(phase.endedBy ? { endedBy: phase.endedBy } : {}),
    live: phase.live, ended: phase.ended, streamVersion: row.stream_version,
  };
};

/** Every reference a proposal is known by: its DP reference, and its MP reference once converted. */
export const referencesOf = (n: number, phase: string): string[] =>
  phase === 'proposal' ? [formatReference('DP', n), formatReference('MP', n)] : [formatReference('DP', n)];

/** The proposal an exempt-proposal command names (DPnnn or MPnnn), or undefined. */
async function namedProposal(trx: Trx, reference: string): Promise<NamedProposal | undefined> {
  const n = /^(DP|MP)\d{1,9}$/i.test(reference.trim()) ? parseReference(reference) : undefined;
  if (n === undefined) return undefined;
  const row = await trx.selectFrom('modification_register').select(['number', 'phase']).where('number', '=', n).executeTakeFirst();
  return row ? { references: referencesOf(row.number, row.phase) } : undefined;
}

/** The `scr` fact for suspend-for-scr / resume-after-scr (guards scr-live, scr-in-scope, scr-ended-or-exempt). */
export async function scrFact(db: Db | Trx, scrId: string, now: Date, references: readonly string[] = []): Promise<{ id: string; live: boolean; ended: boolean; scope: readonly string[]; exempt: boolean } | undefined> {
  const row = await db.selectFrom('significant_code_reviews').selectAll().where('id', '=', scrId).executeTakeFirst();
  if (!row) return undefined;
  const v = scrView(row, now);
  return { id: v.id, live: v.live, ended: v.ended, scope: v.scope, exempt: isExempted(row.state as ScrState, references) };
}

const lockLog = (trx: Trx) => sql`SELECT 1 FROM event_chain_head WHERE id = 1 FOR UPDATE`.execute(trx);

const summary = (appended: readonly StoredEvent[]) => appended.map((e) => ({ position: e.position, type: e.type, clauseRefs: (e.metadata.clauseRefs as string[]) ?? [] }));

export class SignificantCodeReviews {
  constructor(
    private readonly db: Db,
    private readonly store: EventStore,
    private readonly now: () => Date,
  ) {}

  private metadata(actor: Actor, command: string, clauseRefs: readonly string[], rulebook: Rulebook) {
    return {
      actor: { userId: actor.userId, ...(actor.organisationId ? { organisationId: actor.organisationId } : {}), roles: actor.roles.map((r) => r.role) },
      command, rulebookVersion: rulebook.metadata.id, clauseRefs: [...clauseRefs],
    };
  }

  private accepted<E>(d: Decision<E>): readonly E[] {
    if (d.kind === 'refusal') throw new RecordRefusedError(d);
    return d.events;
  }

  /** `POST /significant-code-reviews`: the Authority starts an SCR; ids run SCR-001, SCR-002 … */
  async start(payload: ScrPayloadOf<'start'>, actor: Actor, idempotency?: RecordIdempotency): Promise<RecordOutcome<ScrView>> {
    return this.db.transaction().execute((trx) => onceIn(trx, idempotency, this.now(), async () => {
      await lockLog(trx);
      const now = this.now();
      const rulebook = rulebookAt(now);
      const count = await trx.selectFrom('significant_code_reviews').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst();
      const id = `SCR-${String(Number(count?.n ?? 0) + 1).padStart(3, '0')}`;
      const events = this.accepted(decideStart(payload, id, { now, rulebook, actor }));
      const result = await this.store.appendIn(trx, {
        streamId: scrStream(id), expectedVersion: 0,
        events: events.map((e) => ({ type: e.type, data: e.data as unknown as Record<string, unknown>, metadata: this.metadata(actor, 'start', e.clauseRefs, rulebook) })),
      });
      return { id, streamVersion: result.streamVersion, events: summary(result.events), record: await this.viewIn(trx, id, now) };
    }));
  }

  async act(id: string, command: Exclude<ScrCommand, { type: 'start' }>, actor: Actor, expectedVersion?: number, idempotency?: RecordIdempotency): Promise<RecordOutcome<ScrView>> {
    return this.db.transaction().execute((trx) => onceIn(trx, idempotency, this.now(), async () => {
      await lockLog(trx);
      const now = this.now();
      const rulebook = rulebookAt(now);
      const stored = await this.store.readStream(scrStream(id), trx as unknown as Db);
      const state = replayScr(stored.map((e) => toRecordEvent<ScrEvent>(e)));
      if (!state) throw new RecordNotFoundError(`There is no Significant Code Review ${id}.`);
      if (expectedVersion !== undefined && expectedVersion !== stored.length) throw new ConcurrencyError(scrStream(id), expectedVersion, stored.length);
      const row = await trx.selectFrom('significant_code_reviews').selectAll().where('id', '=', id).executeTakeFirst();
      const named = command.type === 'exempt-proposal' ? await namedProposal(trx, command.payload.reference) : undefined;
      const events = this.accepted(decideScr(command, state, { now, rulebook, actor }, row ? linksOf(row) : {}, named));
      const result = await this.store.appendIn(trx, {
        streamId: scrStream(id), expectedVersion: stored.length,
        events: events.map((e) => ({ type: e.type, data: e.data as unknown as Record<string, unknown>, metadata: this.metadata(actor, command.type, e.clauseRefs, rulebook) })),
      });
      const appended = [...result.events];
      for (const e of events) {
        if (e.type !== 'ScrAlvDirectionRecorded') continue;
        // D9A.2: the direction creates the Authority-Led Variation record.
        const first = alvDirectedFrom(e, id);
        const alv = await this.store.appendIn(trx, {
          streamId: alvStream(e.data.alvId), expectedVersion: 0,
          events: [{ type: first.type, data: first.data as unknown as Record<string, unknown>, metadata: this.metadata(actor, command.type, first.clauseRefs, rulebook) }],
        });
        appended.push(...alv.events);
      }
      return { id, streamVersion: result.streamVersion, events: summary(appended), record: await this.viewIn(trx, id, now) };
    }));
  }

  async actOnAlv(id: string, command: AlvCommand, actor: Actor, expectedVersion?: number, idempotency?: RecordIdempotency): Promise<RecordOutcome<AlvView>> {
    return this.db.transaction().execute((trx) => onceIn(trx, idempotency, this.now(), async () => {
      await lockLog(trx);
      const now = this.now();
      const rulebook = rulebookAt(now);
      const stored = await this.store.readStream(alvStream(id), trx as unknown as Db);
      const state = replayAlv(stored.map((e) => toRecordEvent<AlvEvent>(e)));
      if (!state) throw new RecordNotFoundError(`There is no Authority-Led Variation ${id}.`);
      if (expectedVersion !== undefined && expectedVersion !== stored.length) throw new ConcurrencyError(alvStream(id), expectedVersion, stored.length);
      const events = this.accepted(decideAlv(command, state, { now, rulebook, actor }));
      const result = await this.store.appendIn(trx, {
        streamId: alvStream(id), expectedVersion: stored.length,
        events: events.map((e) => ({ type: e.type, data: e.data as unknown as Record<string, unknown>, metadata: this.metadata(actor, command.type, e.clauseRefs, rulebook) })),
      });
      const record = await this.alvIn(trx, id);
      return { id, streamVersion: result.streamVersion, events: summary(result.events), record: record! };
    }));
  }

  /**
   * TM13 and the other limbs: notes on each SCR whose phase has ended, once, which proposals
   * are still suspended for it (their resume-or-close tasks). Run by the deadline sweeper.
   */
  async notePhaseEnds(): Promise<{ readonly scrId: string; readonly suspendedProposals: readonly string[] }[]> {
    const now = this.now();
    const rulebook = rulebookAt(now);
    const today = todayIn({ now, rulebook });
    const candidates = await this.db.selectFrom('significant_code_reviews').select('id')
      .where('phase_end', '<=', today)
      .where(sql<boolean>`NOT (state ? 'phaseEndNoted')`)
      .orderBy('id').execute();
    const noted: { scrId: string; suspendedProposals: string[] }[] = [];
    for (const { id } of candidates) {
      const outcome = await this.db.transaction().execute(async (trx) => {
        await lockLog(trx);
        const stored = await this.store.readStream(scrStream(id), trx as unknown as Db);
        const state = replayScr(stored.map((e) => toRecordEvent<ScrEvent>(e)));
        const row = await trx.selectFrom('significant_code_reviews').selectAll().where('id', '=', id).executeTakeFirst();
        if (!state || !row) return undefined;
        const suspended = await trx.selectFrom('modification_register').select(['reference'])
          .where('state_id', '=', 'S21').where(sql<boolean>`state->'suspension'->>'scrId' = ${id}`).orderBy('number').execute();
        const refs = suspended.map((r) => r.reference);
        const events = this.accepted(decidePhaseEndNotice(state, linksOf(row), { now, rulebook }, refs));
        if (events.length === 0) return undefined;
        await this.store.appendIn(trx, {
          streamId: scrStream(id), expectedVersion: stored.length,
          events: events.map((e) => ({ type: e.type, data: e.data as unknown as Record<string, unknown>, metadata: this.metadata(SYSTEM_ACTOR, 'note-phase-end', e.clauseRefs, rulebook) })),
        });
        return { scrId: id, suspendedProposals: refs };
      });
      if (outcome) noted.push(outcome);
    }
    return noted;
  }

  private async viewIn(db: Db | Trx, id: string, now: Date): Promise<ScrView> {
    const row = await db.selectFrom('significant_code_reviews').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    return scrView(row, now);
  }

  private async alvIn(db: Db | Trx, id: string): Promise<AlvView | undefined> {
    const row = await db.selectFrom('authority_led_variations').select(['state', 'stream_version']).where('id', '=', id).executeTakeFirst();
    return row ? { ...(row.state as AlvState), streamVersion: row.stream_version } : undefined;
  }

  async get(id: string): Promise<ScrView | undefined> {
    const row = await this.db.selectFrom('significant_code_reviews').selectAll().where('id', '=', id).executeTakeFirst();
    return row ? scrView(row, this.now()) : undefined;
  }

  async list(filter: { live?: boolean } = {}): Promise<ScrView[]> {
    const rows = await this.db.selectFrom('significant_code_reviews').selectAll().orderBy('id').execute();
    const now = this.now();
    return rows.map((r) => scrView(r, now)).filter((v) => filter.live === undefined || v.live === filter.live);
  }

  async getAlv(id: string): Promise<AlvView | undefined> {
    return this.alvIn(this.db, id);
  }

  async listAlvs(filter: { scrId?: string } = {}): Promise<AlvView[]> {
    let q = this.db.selectFrom('authority_led_variations').select(['state', 'stream_version']).orderBy('id');
    if (filter.scrId) q = q.where('scr_id', '=', filter.scrId);
    return (await q.execute()).map((r) => ({ ...(r.state as AlvState), streamVersion: r.stream_version }));
  }
}
