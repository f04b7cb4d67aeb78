// Notice templates as versioned data (issue: Notifications, item "templates editable by
// SECAS"): version 1 of each template is its file in src/notify/templates; the Code
// Administrator or a system administrator saves new versions in the portal after a preview.
// Versions are kept forever; delivery uses the latest version that renders and records which.
import { sql } from 'kysely';
import type { Db } from '../store/database.ts';
import { renderEmail, samplePayload, TEMPLATE_NAMES, templateFile, type RenderedNotice } from './render-notice.ts';
import { TemplateProblem, templateProblems } from './template-sandbox.ts';

export interface TemplateVersion {
  readonly template: string;
  readonly version: number;
  readonly body: string;
  /** 'file' for version 1. */
  readonly createdBy: string;
  readonly createdAt: string | null;
}

export interface TemplateSummary {
  readonly template: string;
  readonly latestVersion: number;
  readonly updatedAt: string | null;
}

export class NoticeTemplates {
  constructor(
    private readonly db: Db,
    private readonly now: () => Date,
    private readonly baseUrl: string,
  ) {}

  get names(): readonly string[] {
    return TEMPLATE_NAMES;
  }

  exists(name: string): boolean {
    return TEMPLATE_NAMES.includes(name);
  }

  async list(): Promise<TemplateSummary[]> {
    const latest = await this.db
      .selectFrom('notice_template_versions')
      .select(['template', (eb) => eb.fn.max('version').as('version'), (eb) => eb.fn.max('created_at').as('at')])
      .groupBy('template')
      .execute();
    const byName = new Map(latest.map((r) => [r.template, r]));
    return TEMPLATE_NAMES.map((template) => {
      const r = byName.get(template);
      return { template, latestVersion: r ? Number(r.version) : 1, updatedAt: r?.at ? new Date(r.at as unknown as string).toISOString() : null };
    });
  }

  /** Every version, newest first, ending with the file (version 1). */
  async versions(name: string): Promise<TemplateVersion[]> {
    const file = templateFile(name);
    if (file === undefined) return [];
    const rows = await this.db.selectFrom('notice_template_versions').selectAll().where('template', '=', name).orderBy('version', 'desc').execute();
    return [
      ...rows.map((r) => ({ template: r.template, version: r.version, body: r.body, createdBy: r.created_by, createdAt: r.created_at.toISOString() })),
      { template: name, version: 1, body: file, createdBy: 'file', createdAt: null },
    ];
  }

  /** Renders a body with the template's sample event; throws TemplateProblem. */
  preview(name: string, body: string): RenderedNotice {
    const problems = templateProblems(body);
    if (problems.length > 0) throw new TemplateProblem(problems);
    return renderEmail(samplePayload(name), this.baseUrl, { body, unsubscribeUrl: `${this.baseUrl.replace(/\/$/, '')}/unsubscribe?token=sample` });
  }

  /** Saves a new version after checking that it renders with the sample event. */
  async save(name: string, body: string, userId: string): Promise<number> {
    if (!this.exists(name)) throw new TemplateProblem([`There is no notice template "${name}".`]);
    const normalised = body.replace(/\r\n?/g, '\n');
    if (normalised.trim() === '') throw new TemplateProblem(['Enter the template text.']);
    this.preview(name, normalised);
    return this.db.transaction().execute(async (trx) => {
      // Two saves at once get consecutive numbers, never the same one.
      await sql`SELECT pg_advisory_xact_lock(7020002, hashtext(${name}))`.execute(trx);
      const max = await trx.selectFrom('notice_template_versions').select((eb) => eb.fn.max('version').as('v')).where('template', '=', name).executeTakeFirst();
      const version = Math.max(1, Number(max?.v ?? 1)) + 1;
      await trx.insertInto('notice_template_versions').values({ template: name, version, body: normalised, created_by: userId, created_at: this.now() }).execute();
      return version;
    });
  }

  /**
   * Renders a payload with the newest version of its template that renders, falling back to
   * older versions and at last to the file: a template that fails at delivery never stops mail.
   */
  async render(payload: Record<string, unknown>, options: { unsubscribeUrl?: string } = {}): Promise<{ rendered: RenderedNotice; version: number }> {
    const versions = await this.versions(String(payload.template));
    if (versions.length === 0) return { rendered: renderEmail(payload, this.baseUrl, options), version: 1 };
    let lastError: unknown;
    for (const v of versions) {
      try {
        return { rendered: renderEmail(payload, this.baseUrl, { ...options, body: v.body }), version: v.version };
      } catch (error) {
        lastError = error;
      }
    }
    throw lastError;
  }
}
