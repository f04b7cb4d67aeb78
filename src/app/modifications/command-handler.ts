// Runs a command of the modification process: load the stream, look up the facts the rules
// need, decide (pure), append. All of it inside one transaction that holds the event log's
// chain-head lock, so the facts a decision saw (a Party's default status, a seat's
// suspension, the votes already cast) cannot change before its events are appended: a
// status change acts at once, and no vote is lost or doubled.
import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import type { Db } from '../../store/database.ts';
import type { EventStore, StoredEvent, Trx } from '../../store/event-store.ts';
import { IdempotencyKeyReusedError, ConcurrencyError, storedResponse, type StoredResponse } from '../../store/event-store.ts';
import { canonicalJson } from '../../store/canonical-json.ts';
import { decide, evolve, replay, type Actor, type CommandContext, type DomainFacts, type ModificationCommand, type ModificationEvent, type ModificationState } from '../../domain/modification/index.ts';
import { CURRENT_RULEBOOK, rulebookById, rulebookFor, type Rulebook } from '../../domain/rulebook/index.ts';
import type { Refusal } from '../../domain/shared/decision.ts';
import { changeBoardSeats } from './change-board-seats.ts';
import { legalTextDocuments } from '../../domain/modification/index.ts';
import { legalTextChecked } from '../legal-text/legal-text-service.ts';
import { formatReference, modificationStream } from './references.ts';
import { scrFact } from '../scr/scr-service.ts';
import { bodyDecisionFact } from '../body-decisions/body-decisions.ts';

export class CommandRefusedError extends Error {
  constructor(readonly refusal: Refusal) {
    super(refusal.message);
  }
}

export class ModificationNotFoundError extends Error {
  constructor(readonly reference: string) {
    super(`There is no Draft or Modification Proposal ${reference}.`);
  }
}

export interface CommandRequest {
  /** The proposal's number; absent for create-draft-proposal. */
  readonly number?: number;
  readonly command: ModificationCommand;
  readonly actor: Actor;
  readonly idempotencyKey?: string;
  /** If-Match: the stream version the caller saw (412 on mismatch). */
  readonly expectedVersion?: number;
}

export interface CommandOutcome {
  readonly number: number;
  readonly reference: string;
  readonly state: { readonly id: string; readonly name: string };
  readonly streamVersion: number;
  readonly events: readonly { readonly position: number; readonly type: string; readonly clauseRefs: readonly string[] }[];
}

export const toDomainEvent = (e: Pick<StoredEvent, 'type' | 'data' | 'metadata'>): ModificationEvent =>
  ({ type: e.type, data: e.data, clauseRefs: (e.metadata.clauseRefs as string[] | undefined) ?? [] }) as unknown as ModificationEvent;

export const rulebookOf = (state: ModificationState | undefined, now: Date): Rulebook =>
  (state ? rulebookById(state.rulebookVersion) : undefined) ?? rulebookFor(now) ?? CURRENT_RULEBOOK;

export async function loadModification(db: Db | Trx, store: EventStore, number: number): Promise<{ state: ModificationState | undefined; version: number; events: StoredEvent[] }> {
  const events = await store.readStream(modificationStream(number), db as Db);
  return { state: replay(events.map(toDomainEvent)), version: events.length, events };
}

/**
 * The facts `decide` needs, read in the command's transaction. `payload` names the records a
 * command relies on: `scrId` (suspend-for-scr; else the stream's suspension) and
 * `bodyDecisionId` (create-draft-proposal by an SSC or SMKI PMA member).
 */
export async function lookUpFacts(db: Db | Trx, actor: Actor, state: ModificationState | undefined, now: Date, payload?: Readonly<Record<string, unknown>>): Promise<DomainFacts> {
  const orgIds = [actor.organisationId, state?.proposer?.organisationId].filter((x): x is string => typeof x === 'string');
  const orgs = orgIds.length ? await db.selectFrom('organisations').select(['id', 'defaulting']).where('id', 'in', orgIds).execute() : [];
  const defaulting = (id: string | undefined) => orgs.some((o) => o.id === id && o.defaulting);
  const scrId = typeof payload?.scrId === 'string' && state ? payload.scrId : state?.suspension?.scrId;
  const references = state ? [state.references.dp, ...(state.references.mp ? [state.references.mp] : [])] : [];
  const scr = scrId ? await scrFact(db, scrId, now, references) : undefined;
  const bodyDecision = typeof payload?.bodyDecisionId === 'string' ? await bodyDecisionFact(db, payload.bodyDecisionId) : undefined;
  return {
    actorOrganisationDefaulting: defaulting(actor.organisationId),
    proposerOrganisationDefaulting: defaulting(state?.proposer?.organisationId),
    changeBoardSeats: await changeBoardSeats(db as Db, now),
    legalTextChecked: state ? await legalTextChecked(db as Db, legalTextDocuments(state)) : false,
    ...(scr ? { scr } : {}),
    ...(bodyDecision ? { bodyDecision } : {}),
  };
}

const requestHash = (number: number | undefined, command: ModificationCommand): string =>
  createHash('sha256').update(canonicalJson({ number: number ?? null, command })).digest('hex');

export class ModificationCommands {
  constructor(
    private readonly db: Db,
    private readonly store: EventStore,
    private readonly now: () => Date,
  ) {}

  async execute(request: CommandRequest): Promise<CommandOutcome> {
    const scope = `modification:${request.actor.userId}`;
    const hash = requestHash(request.number, request.command);
    return this.db.transaction().execute(async (trx) => {
      // The chain-head lock first: every command is decided and appended in turn.
      await sql`SELECT 1 FROM event_chain_head WHERE id = 1 FOR UPDATE`.execute(trx);
      if (request.idempotencyKey) {
        const previous = await trx.selectFrom('idempotency_keys').select(['request_hash', 'response']).where('scope', '=', scope).where('key', '=', request.idempotencyKey).executeTakeFirst();
        if (previous) {
          if (previous.request_hash !== hash) throw new IdempotencyKeyReusedError(request.idempotencyKey);
          return storedResponse<CommandOutcome>(previous.response as StoredResponse)!;
        }
      }
      const now = this.now();
      let number = request.number;
      let state: ModificationState | undefined;
      let version = 0;
      let prior: StoredEvent[] = [];
      if (number !== undefined) {
        ({ state, version, events: prior } = await loadModification(trx, this.store, number));
        if (!state) throw new ModificationNotFoundError(formatReference('DP', number));
      }
      if (request.expectedVersion !== undefined && request.expectedVersion !== version) {
        throw new ConcurrencyError(modificationStream(number ?? 0), request.expectedVersion, version);
      }
      const rulebook = rulebookOf(state, now);
      const facts = await lookUpFacts(trx, request.actor, state, now, request.command.payload as Readonly<Record<string, unknown>>);
      const context = (reference: number): CommandContext => ({ now, rulebook, actor: request.actor, facts, reference });
      if (number === undefined) {
        // Numbers follow on without gaps: under the chain-head lock no other command runs, and
        // a refused Draft Proposal rolls back with the transaction.
        const row = await trx.selectFrom('modification_register').select((eb) => eb.fn.max('number').as('n')).executeTakeFirst();
        number = Number(row?.n ?? 0) + 1;
      }
      const decision = decide(request.command, state, context(number));
      if (decision.kind === 'refusal') throw new CommandRefusedError(decision);
      const n = number;
      const after = decision.events.reduce<ModificationState | undefined>((s, e) => evolve(s, e), state)!;
      const result = await this.store.appendIn<CommandOutcome>(trx, {
        streamId: modificationStream(n),
        expectedVersion: version,
        events: decision.events.map((e) => ({
          type: e.type,
          data: e.data as Record<string, unknown>,
          metadata: {
            actor: { userId: request.actor.userId, ...(request.actor.organisationId ? { organisationId: request.actor.organisationId } : {}), roles: request.actor.roles.map((r) => r.role) },
            command: request.command.type,
            rulebookVersion: state?.rulebookVersion ?? rulebook.metadata.id,
            clauseRefs: e.clauseRefs,
            ...(request.idempotencyKey ? { idempotencyKey: request.idempotencyKey } : {}),
          },
        })),
        ...(request.idempotencyKey ? { idempotency: { scope, key: request.idempotencyKey, requestHash: hash } } : {}),
        // Stored with the idempotency key, so a replay answers exactly the same.
        respond: (appended, streamVersion) => outcomeOf(n, after, appended, streamVersion),
        // Read above under the chain-head lock: the register need not read the stream again.
        priorEvents: prior,
      });
      return result.response!;
    });
  }
}

export const referenceOf = (state: ModificationState, n: number): string => formatReference(state.phase === 'proposal' ? 'MP' : 'DP', n);

function outcomeOf(n: number, after: ModificationState, appended: readonly StoredEvent[], streamVersion: number): CommandOutcome {
  return {
    number: n,
    reference: referenceOf(after, n),
    state: { id: after.state, name: after.stateName },
    streamVersion,
    events: appended.map((e) => ({ position: e.position, type: e.type, clauseRefs: (e.metadata.clauseRefs as string[]) ?? [] })),
  };
}
