// Change sets (issue "Legal text engine", deliverables 3, 5, 6 and 7): a modification's legal
// text as operations on addresses against a base Code version, stored as events (each record a
// new version); applied to the base with conflicts reported; redlined; rebased onto a newer
// Code version; consolidated with others into a SEC Release; and drafting-checked. The engine
// is the pure domain (src/domain/legal-text); this loads what it needs and records the results.
import type { Db } from '../../store/database.ts';
import { ConcurrencyError, type EventStore, type Trx } from '../../store/event-store.ts';
import { onceIn, type RecordIdempotency } from '../record-idempotency.ts';
import {
  applyChangeSet, applyRelease, checkText, exportCode, importCode, parseAddress, rebaseChangeSet, redline,
  type ChangeOperation, type ChangeSet, type CodeVersion, type Conflict, type DraftingFinding, type Redline,
} from '../../domain/legal-text/index.ts';
import { changeSetFromExcerpt } from '../../domain/legal-text/excerpt-change-set.ts';
import { operationsFromInput, summariseOperation, type OperationInput, type OperationSummary } from '../../domain/legal-text/change-set-input.ts';
import type { DraftingCheck } from '../../domain/legal-text/rebase.ts';
import type { LegalTexts } from './legal-text-service.ts';
import { changeSetStream, type ChangeSetRecorded } from './change-set-projector.ts';
import type { ChangeSetsTable } from '../../store/schema.ts';
import type { Selectable } from 'kysely';

export class ChangeSetError extends Error {
  constructor(
    readonly status: 404 | 409 | 412 | 422,
    message: string,
    /** Conflicts behind a 409: what could not apply, with both texts where known. */
    readonly conflicts: readonly Conflict[] = [],
  ) {
    super(message);
  }
}

export const CHANGE_SET_ID = /^[A-Za-z0-9][\w.-]{0,59}$/;

export type ChangeSetRow = Selectable<ChangeSetsTable>;

export interface ChangeSetView {
  readonly id: string;
  readonly version: number;
  readonly modificationNumber: number | null;
  readonly baseVersion: string;
  readonly source: ChangeSetRow['source'];
  readonly documentId: string | null;
  readonly documentVersion: number | null;
  readonly rebasedFrom: string | null;
  readonly recordedAt: string;
  readonly recordedBy: string;
  readonly operations: readonly OperationSummary[];
  /** Conflicts applying the change set to its base (empty when it applies cleanly). */
  readonly conflicts: readonly Conflict[];
  /** The drafting checker on the provisions the change set produces (lines of `checkedText`). */
  readonly findings: readonly DraftingFinding[];
  readonly checkedText: string;
}

export interface RebaseOutcome {
  readonly id: string;
  readonly from: string;
  readonly onto: string;
  /** Operations that moved over cleanly, against the new base. */
  readonly moved: readonly OperationSummary[];
  /** Operations whose target changed (or went), with both texts. */
  readonly conflicts: readonly Conflict[];
  /** Provisions whose drafting must be checked by a person even where nothing conflicts. */
  readonly toCheck: readonly DraftingCheck[];
  /** The version recorded, when the rebase was recorded. */
  readonly recordedVersion?: number;
}

export interface ConsolidationOutcome {
  readonly base: string;
  readonly version: string;
  readonly changeSets: readonly { readonly id: string; readonly version: number }[];
  readonly redline: Redline;
  readonly stored: boolean;
  readonly clauses?: number;
}

const TEXT_LIMIT = 5_000_000;

/** The clause addresses an operation touches in the resulting Code (for the drafting check). */
function clausesOf(op: ChangeOperation): string[] {
  switch (op.kind) {
    case 'amend':
    case 'delete': {
      const pa = parseAddress(op.target);
      return pa?.clause ? [pa.clause] : [];
    }
    case 'insert':
      if (op.node.kind === 'section') return op.node.clauses.map((c) => c.address);
      return [parseAddress(op.node.address)?.clause ?? ''].filter(Boolean);
    case 'add-definition':
    case 'amend-definition':
    case 'rename-term':
      return ['A1.1'];
    case 'amend-document':
      return [];
  }
}

/** Only the clauses the change set touches (with their section headings), as an excerpt of the Code. */
function touchedExcerpt(code: CodeVersion, operations: readonly ChangeOperation[]): CodeVersion {
  const wanted = new Set(operations.flatMap(clausesOf));
  return {
    ...code,
    excerpt: true,
    preamble: '',
    epilogue: '',
    sections: code.sections
      .map((s) => ({ ...s, clauses: s.clauses.filter((c) => wanted.has(c.address)) }))
      .filter((s) => s.clauses.length > 0),
  };
}

export class ChangeSets {
  constructor(
    private readonly db: Db,
    private readonly store: EventStore,
    private readonly legalTexts: LegalTexts,
    private readonly now: () => Date,
  ) {}

  private async base(version: string): Promise<CodeVersion> {
    const code = await this.legalTexts.codeVersion(version);
    if (!code) throw new ChangeSetError(422, `SEC version ${version} is not stored: import it first (POST /api/v1/code-versions)`);
    return code;
  }

  private async modificationExists(n: number): Promise<void> {
    const row = await this.db.selectFrom('modification_register').select('number').where('number', '=', n).executeTakeFirst();
    if (!row) throw new ChangeSetError(422, `There is no Draft or Modification Proposal numbered ${n}`);
  }

  /**
   * Appends the next version. `ifMatch`: the version the caller last read (If-Match; 412 when
   * another was recorded since). `idempotency`: a repeat of the same request with the same key
   * answers the version first recorded, and records nothing.
   */
  private async append(data: Omit<ChangeSetRecorded, 'version'>, ifMatch?: number, idempotency?: RecordIdempotency): Promise<number> {
    return this.inTransaction(data.changeSetId, (trx) => onceIn(trx, idempotency, this.now(), () => this.appendIn(trx, data, ifMatch)));
  }

  /** Runs `work` in a transaction; a concurrent record of the same change set is a 409. */
  private async inTransaction<R>(id: string, work: (trx: Trx) => Promise<R>): Promise<R> {
    try {
      return await this.db.transaction().execute(work);
    } catch (error) {
      if (error instanceof ConcurrencyError) throw new ChangeSetError(409, `Change set ${id} was recorded by someone else at the same time: reload it and try again`);
      throw error;
    }
  }

  private async appendIn(trx: Trx, data: Omit<ChangeSetRecorded, 'version'>, ifMatch?: number): Promise<number> {
    const streamId = changeSetStream(data.changeSetId);
    const current = await this.store.streamVersion(streamId);
    if (ifMatch !== undefined && ifMatch !== current) throw new ChangeSetError(412, `Change set ${data.changeSetId} is at version ${current}, not ${ifMatch}: reload it and try again`);
    const version = current + 1;
    // JSON round trip: the event holds plain data only (no undefined fields), as replay will see it.
    const event = JSON.parse(JSON.stringify({ ...data, version })) as Record<string, unknown>;
    await this.store.appendIn(trx, { streamId, expectedVersion: current, events: [{ type: 'ChangeSetRecorded', data: event, metadata: { actor: { userId: data.recordedBy } } }] });
    return version;
  }

  private checkId(id: string): void {
    if (!CHANGE_SET_ID.test(id)) throw new ChangeSetError(422, 'A change set id is 1 to 60 letters, digits, dots, dashes or underscores, starting with a letter or digit');
  }

  /** Records a change set written as JSON operations (validated; every problem reported). */
  async recordOperations(input: { id: string; modificationNumber?: number; baseVersion: string; operations: readonly OperationInput[]; ifMatch?: number; idempotency?: RecordIdempotency }, actor: string): Promise<ChangeSetView> {
    this.checkId(input.id);
    const built = operationsFromInput(input.operations);
    if (!built.ok) throw new ChangeSetError(422, built.errors.join('; '));
    const base = await this.base(input.baseVersion);
    if (input.modificationNumber !== undefined) await this.modificationExists(input.modificationNumber);
    // An operation that cannot apply to its own base is a drafting error: refuse it now, with the conflicts.
    const applied = applyChangeSet(base, { id: input.id, baseVersion: base.version, operations: built.operations });
    if (!applied.ok) throw new ChangeSetError(409, `The change set does not apply to SEC ${base.version}: ${applied.conflicts.map((c) => c.message).join(' ')}`, applied.conflicts);
    const version = await this.append({
      changeSetId: input.id, baseVersion: base.version, operations: built.operations, source: 'operations', recordedBy: actor,
      ...(input.modificationNumber !== undefined ? { modificationNumber: input.modificationNumber } : {}),
    }, input.ifMatch, input.idempotency);
    return this.view(input.id, version);
  }

  /**
   * Records the change set a legal-text document (usually an excerpt) makes to its baseline, with
   * excerpt semantics: absent provisions are unchanged and "[Deleted]" deletes (excerpt-change-set.ts).
   */
  async recordFromDocument(input: { id: string; modificationNumber?: number; documentId: string; ifMatch?: number; idempotency?: RecordIdempotency }, actor: string): Promise<ChangeSetView> {
    this.checkId(input.id);
    const doc = await this.legalTexts.latest(input.documentId);
    if (!doc) throw new ChangeSetError(422, `There is no legal-text document ${input.documentId}: record it first`);
    const modificationNumber = input.modificationNumber ?? doc.modification_number ?? undefined;
    if (modificationNumber !== undefined) await this.modificationExists(modificationNumber);
    const base = await this.base(doc.baseline);
    const excerpt = importCode(doc.text, { version: `${doc.baseline} as amended by ${input.documentId}`, excerpt: true });
    const derived = changeSetFromExcerpt(base, excerpt, { id: input.id });
    if (derived.unmatchedDeletions.length > 0) {
      throw new ChangeSetError(422, `The document marks ${derived.unmatchedDeletions.join(', ')} "[Deleted]", but SEC ${base.version} has no such provision`);
    }
    if (derived.changeSet.operations.length === 0) throw new ChangeSetError(422, `Legal-text document ${input.documentId} makes no change to the provisions of SEC ${base.version} it quotes`);
    const applied = applyChangeSet(base, derived.changeSet);
    if (!applied.ok) throw new ChangeSetError(409, `The document's changes do not apply to SEC ${base.version}: ${applied.conflicts.map((c) => c.message).join(' ')}`, applied.conflicts);
    const version = await this.append({
      changeSetId: input.id, baseVersion: base.version, operations: derived.changeSet.operations, source: 'document',
      documentId: input.documentId, documentVersion: doc.version, recordedBy: actor,
      ...(modificationNumber !== undefined ? { modificationNumber } : {}),
    }, input.ifMatch, input.idempotency);
    return this.view(input.id, version);
  }

  async row(id: string, version?: number): Promise<ChangeSetRow | undefined> {
    let q = this.db.selectFrom('change_sets').selectAll().where('change_set_id', '=', id);
    q = version === undefined ? q.orderBy('version', 'desc').limit(1) : q.where('version', '=', version);
    return q.executeTakeFirst();
  }

  private async load(id: string, version?: number): Promise<{ row: ChangeSetRow; changeSet: ChangeSet }> {
    const row = await this.row(id, version);
    if (!row) throw new ChangeSetError(404, version === undefined ? `There is no change set ${id}.` : `Change set ${id} has no version ${version}.`);
    return { row, changeSet: { id: row.change_set_id, baseVersion: row.base_version, operations: row.operations as unknown as ChangeOperation[] } };
  }

  async forModification(n: number): Promise<ChangeSetRow[]> {
    return this.db
      .selectFrom('change_sets as c')
      .selectAll()
      .where('c.modification_number', '=', n)
      .where(({ eb, selectFrom }) => eb('c.version', '=', selectFrom('change_sets as l').select((x) => x.fn.max('l.version').as('v')).whereRef('l.change_set_id', '=', 'c.change_set_id')))
      .orderBy('c.change_set_id')
      .execute();
  }

  async list(): Promise<ChangeSetRow[]> {
    return this.db
      .selectFrom('change_sets as c')
      .selectAll()
      .where(({ eb, selectFrom }) => eb('c.version', '=', selectFrom('change_sets as l').select((x) => x.fn.max('l.version').as('v')).whereRef('l.change_set_id', '=', 'c.change_set_id')))
      .orderBy('c.change_set_id')
      .limit(500)
      .execute();
  }

  /** The change set with its operations, the conflicts applying it to its base, and the drafting checker's findings. */
  async view(id: string, version?: number): Promise<ChangeSetView> {
    const { row, changeSet } = await this.load(id, version);
    const base = await this.legalTexts.codeVersion(row.base_version);
    const applied = base ? applyChangeSet(base, changeSet) : undefined;
    const conflicts = applied === undefined
      ? [{ kind: 'base-version' as const, operation: -1, changeSet: id, address: '', message: `SEC ${row.base_version} is not stored, so the change set cannot be applied.` }]
      : applied.ok ? [] : applied.conflicts;
    const result = applied?.ok ? applied.code : base;
    const checkedText = result ? exportCode(touchedExcerpt(result, changeSet.operations)).trim() : '';
    const knownVersions = await this.legalTexts.knownVersions();
    const findings = checkedText === ''
      ? []
      : checkText(checkedText, { ...(base ? { baseCode: base } : {}), changeSet, ...(knownVersions.length ? { knownVersions } : {}) });
    return {
      id: row.change_set_id,
      version: row.version,
      modificationNumber: row.modification_number,
      baseVersion: row.base_version,
      source: row.source,
      documentId: row.document_id,
      documentVersion: row.document_version,
      rebasedFrom: row.rebased_from,
      recordedAt: row.recorded_at.toISOString(),
      recordedBy: row.recorded_by,
      operations: changeSet.operations.map(summariseOperation),
      conflicts,
      findings,
      checkedText,
    };
  }

  /** The redline of the change set against its base (only the provisions it changes). */
  async redline(id: string): Promise<Redline> {
    const { changeSet } = await this.load(id);
    const base = await this.base(changeSet.baseVersion);
    const applied = applyChangeSet(base, changeSet);
    if (!applied.ok) throw new ChangeSetError(409, `Change set ${id} does not apply to SEC ${base.version}, so it has no redline`, applied.conflicts);
    return redline(base, applied.code);
  }

  /**
   * Rebase onto another stored Code version. Without `recordAs` nothing is stored: the outcome
   * says what would move and what conflicts. Recording is a separate, explicit act, and is refused
   * while any operation conflicts (recording then would silently drop those operations).
   */
  async rebase(id: string, onto: string, recordAs?: string, ifMatch?: number, idempotency?: RecordIdempotency): Promise<RebaseOutcome> {
    if (recordAs === undefined) return (await this.rebaseOutcome(id, onto)).outcome;
    // Recording: one transaction, so that a repeat with the same Idempotency-Key answers the
    // first outcome before anything is worked out again (by then the change set has moved on).
    return this.inTransaction(id, (trx) => onceIn(trx, idempotency, this.now(), () => this.recordRebaseIn(trx, id, onto, recordAs, ifMatch)));
  }

  private async rebaseOutcome(id: string, onto: string) {
    const { row, changeSet } = await this.load(id);
    const oldBase = await this.base(changeSet.baseVersion);
    const newBase = await this.base(onto);
    const r = rebaseChangeSet(changeSet, oldBase, newBase);
    const outcome: RebaseOutcome = { id, from: changeSet.baseVersion, onto, moved: r.changeSet.operations.map(summariseOperation), conflicts: r.conflicts, toCheck: r.toCheck };
    return { outcome, row, rebased: r.changeSet, newBase };
  }

  private async recordRebaseIn(trx: Trx, id: string, onto: string, recordAs: string, ifMatch?: number): Promise<RebaseOutcome> {
    const { outcome, row, rebased, newBase } = await this.rebaseOutcome(id, onto);
    if (ifMatch !== undefined && ifMatch !== row.version) throw new ChangeSetError(412, `Change set ${id} is at version ${row.version}, not ${ifMatch}: reload it and try again`);
    if (onto === outcome.from) throw new ChangeSetError(422, `Change set ${id} is already drafted against SEC ${onto}`);
    if (outcome.conflicts.length > 0) throw new ChangeSetError(409, `${outcome.conflicts.length} operation(s) of ${id} conflict with SEC ${onto}: redraft them before recording the rebase`, outcome.conflicts);
    const applied = applyChangeSet(newBase, rebased);
    if (!applied.ok) throw new ChangeSetError(409, `The rebased change set does not apply to SEC ${onto}: ${applied.conflicts.map((c) => c.message).join(' ')}`, applied.conflicts);
    const recordedVersion = await this.appendIn(trx, {
      changeSetId: id, baseVersion: onto, operations: rebased.operations, source: 'rebase', rebasedFrom: outcome.from, recordedBy: recordAs,
      ...(row.modification_number !== null ? { modificationNumber: row.modification_number } : {}),
      ...(row.document_id !== null ? { documentId: row.document_id } : {}),
      ...(row.document_version !== null ? { documentVersion: row.document_version } : {}),
    }, row.version);
    return { ...outcome, recordedVersion };
  }

  /**
   * Consolidate a SEC Release: apply the change sets in order to the base. Conflicts (two change
   * sets changing the same provision, or one that no longer applies) are a 409 with every conflict,
   * and nothing is stored. With `storeAs` the result is stored as a new Code version.
   */
  async consolidate(input: { base: string; version: string; changeSets: readonly string[] }, storeAs?: string, idempotency?: RecordIdempotency): Promise<ConsolidationOutcome> {
    if (storeAs === undefined || !idempotency) return this.consolidateIn(undefined, input, storeAs);
    // A repeat with the same Idempotency-Key answers the first outcome (by then the version is stored).
    return this.db.transaction().execute((trx) => onceIn(trx, idempotency, this.now(), () => this.consolidateIn(trx, input, storeAs)));
  }

  private async consolidateIn(trx: Trx | undefined, input: { base: string; version: string; changeSets: readonly string[] }, storeAs?: string): Promise<ConsolidationOutcome> {
    if (input.changeSets.length === 0) throw new ChangeSetError(422, 'Name at least one change set to consolidate');
    if (new Set(input.changeSets).size !== input.changeSets.length) throw new ChangeSetError(422, 'Each change set may appear only once in a release');
    const base = await this.base(input.base);
    if (storeAs !== undefined && (await this.legalTexts.knownVersions()).includes(input.version)) throw new ChangeSetError(409, `SEC version ${input.version} is already stored`);
    const loaded = [];
    for (const id of input.changeSets) {
      const row = await this.row(id);
      if (!row) throw new ChangeSetError(422, `There is no change set ${id}`);
      loaded.push({ row, changeSet: { id, baseVersion: row.base_version, operations: row.operations as unknown as ChangeOperation[] } satisfies ChangeSet });
    }
    const applied = applyRelease(base, { version: input.version, changeSets: loaded.map((l) => l.changeSet) });
    if (!applied.ok) {
      throw new ChangeSetError(409, `The release does not consolidate: ${applied.conflicts.length} conflict(s). ${applied.conflicts.map((c) => c.message).join(' ')}`, applied.conflicts);
    }
    const outcome: ConsolidationOutcome = {
      base: base.version,
      version: input.version,
      changeSets: loaded.map((l) => ({ id: l.row.change_set_id, version: l.row.version })),
      redline: redline(base, applied.code),
      stored: false,
    };
    if (storeAs === undefined) return outcome;
    const text = exportCode(applied.code);
    if (text.length > TEXT_LIMIT) throw new ChangeSetError(422, 'The consolidated Code is larger than a Code version may be');
    try {
      const stored = await this.legalTexts.importCodeVersion(input.version, text, storeAs, { excerpt: base.excerpt }, trx);
      return { ...outcome, stored: true, clauses: stored.clauses };
    } catch (error) {
      if (error instanceof Error && 'status' in error && (error.status === 409 || error.status === 422)) throw new ChangeSetError(error.status, error.message);
      throw error;
    }
  }
}
