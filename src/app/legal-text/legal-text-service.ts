// Code versions and legal-text documents (issue: Legal text engine): importing a designated
// Code version, recording a modification's legal text with the drafting checker's findings,
// and checking text on demand. Every record is an event, so the log holds the text checked.
import type { Db } from '../../store/database.ts';
import { ConcurrencyError, type EventStore, type Trx } from '../../store/event-store.ts';
import { checkText, importCode, walkCode, type CodeVersion, type DraftingFinding } from '../../domain/legal-text/index.ts';
import type { CodeVersionImported, LegalTextRecorded } from './legal-text-projector.ts';

export class LegalTextError extends Error {
  constructor(
    message: string,
    readonly status: 404 | 409 | 422,
  ) {
    super(message);
  }
}

/** A SEC version number: 5.18, 5.18.1. */
export const SEC_VERSION = /^\d{1,3}(\.\d{1,3}){1,2}$/;
const DOCUMENT_ID = /^[A-Za-z0-9][\w.-]{0,59}$/;

export class LegalTexts {
  private readonly parsed = new Map<string, CodeVersion>();

  constructor(
    private readonly db: Db,
    private readonly store: EventStore,
  ) {}

  /** Stores a Code version; in the caller's transaction when `trx` is given. */
  async importCodeVersion(version: string, text: string, actor: string, options: { excerpt?: boolean } = {}, trx?: Trx): Promise<{ version: string; clauses: number }> {
    if (!SEC_VERSION.test(version)) throw new LegalTextError(`"${version}" is not a SEC version number like 5.18`, 422);
    if (text.trim() === '') throw new LegalTextError('The Code text is empty', 422);
    const excerpt = options.excerpt === true;
    const code = importCode(text, { version, excerpt });
    const clauses = [...walkCode(code)].filter((n) => n.kind === 'clause').length;
    if (clauses === 0) throw new LegalTextError('No clauses were found: each clause must start a line with its number, like "D1.3"', 422);
    const title = text.split('\n', 1)[0]!.trim().slice(0, 300);
    const data: CodeVersionImported = { version, title, text, clauseCount: clauses, excerpt };
    try {
      const request = { streamId: `code-version-${version}`, expectedVersion: 0, events: [{ type: 'CodeVersionImported', data: { ...data }, metadata: { actor: { userId: actor } } }] };
      await (trx ? this.store.appendIn(trx, request) : this.store.append(request));
    } catch (error) {
      if (error instanceof ConcurrencyError) throw new LegalTextError(`SEC version ${version} is already stored`, 409);
      throw error;
    }
    return { version, clauses };
  }

  async knownVersions(): Promise<string[]> {
    return (await this.db.selectFrom('code_versions').select('version').execute()).map((r) => r.version);
  }

  async codeVersion(version: string): Promise<CodeVersion | undefined> {
    const cached = this.parsed.get(version);
    if (cached) return cached;
    const row = await this.db.selectFrom('code_versions').select(['text', 'excerpt']).where('version', '=', version).executeTakeFirst();
    if (!row) return undefined;
    const code = importCode(row.text, { version, excerpt: row.excerpt });
    this.parsed.set(version, code);
    return code;
  }

  /** Runs the drafting checker against a stored base version (when there is one). */
  async check(text: string, baseline?: string): Promise<DraftingFinding[]> {
    const baseCode = baseline ? await this.codeVersion(baseline) : undefined;
    const knownVersions = await this.knownVersions();
    return checkText(text, { ...(baseCode ? { baseCode } : {}), ...(knownVersions.length ? { knownVersions } : {}) });
  }

  /** A stored Code version with the drafting checker's findings on its own text (issue: "on any change set or Code version"). */
  async codeVersionWithFindings(version: string): Promise<{ version: string; title: string; clauseCount: number; excerpt: boolean; importedAt: Date; text: string; findings: DraftingFinding[] } | undefined> {
    const row = await this.db.selectFrom('code_versions').selectAll().where('version', '=', version).executeTakeFirst();
    const code = row ? await this.codeVersion(version) : undefined;
    if (!row || !code) return undefined;
    const knownVersions = await this.knownVersions();
    const findings = checkText(row.text, { baseCode: code, knownVersions });
    return { version: row.version, title: row.title, clauseCount: row.clause_count, excerpt: row.excerpt, importedAt: row.imported_at, text: row.text, findings };
  }

  async record(input: { documentId: string; modificationNumber?: number; baseline: string; text: string }, actor: string): Promise<LegalTextRecorded> {
    if (!DOCUMENT_ID.test(input.documentId)) throw new LegalTextError('A document id is 1 to 60 letters, digits, dots, dashes or underscores', 422);
    if (!(await this.codeVersion(input.baseline))) throw new LegalTextError(`SEC version ${input.baseline} is not stored: import it first (secmod code import)`, 422);
    if (input.text.trim() === '') throw new LegalTextError('The legal text is empty', 422);
    const findings = await this.check(input.text, input.baseline);
    const streamId = `legal-text-${input.documentId}`;
    const version = (await this.store.streamVersion(streamId)) + 1;
    const data: LegalTextRecorded = {
      documentId: input.documentId,
      version,
      ...(input.modificationNumber !== undefined ? { modificationNumber: input.modificationNumber } : {}),
      baseline: input.baseline,
      text: input.text,
      findings,
      errorCount: findings.filter((f) => f.severity === 'error').length,
      recordedBy: actor,
    };
    await this.store.append({ streamId, expectedVersion: version - 1, events: [{ type: 'LegalTextRecorded', data: { ...data }, metadata: { actor: { userId: actor } } }] });
    return data;
  }

  async latest(documentId: string) {
    return this.db.selectFrom('legal_text_documents').selectAll().where('document_id', '=', documentId).orderBy('version', 'desc').limit(1).executeTakeFirst();
  }
}

/** The `legal-text-checked` fact: every legal-text document of the solutions is recorded, and its latest version has no error finding (sec-process.md §1.5). */
export async function legalTextChecked(db: Db, documentIds: readonly string[]): Promise<boolean> {
  if (documentIds.length === 0) return false;
  const rows = await db
    .selectFrom('legal_text_documents as d')
    .select(['d.document_id', 'd.error_count'])
    .where('d.document_id', 'in', [...documentIds])
    .where(({ eb, selectFrom }) => eb('d.version', '=', selectFrom('legal_text_documents as l').select((x) => x.fn.max('l.version').as('v')).whereRef('l.document_id', '=', 'd.document_id')))
    .execute();
  return rows.length === documentIds.length && rows.every((r) => r.error_count === 0);
}
