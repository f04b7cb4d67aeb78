// The public Atom feeds (issue: Notifications, documents and feeds, item 5): the Modification
// Register (one entry per proposal, most recently changed first) and each proposal's history
// (one entry per event). Built from the register projection and the event stream; entries say
// what happened and the stage it left the proposal in, with no free text beyond the title.
import type { Db } from '../../store/database.ts';
import type { EventStore } from '../../store/event-store.ts';
import { modificationStream } from '../../app/modifications/references.ts';
import { STATES } from '../../domain/rulebook/states.ts';
import { renderAtom, tagUri } from './atom.ts';

const REGISTER_ENTRIES = 50;
const PROPOSAL_ENTRIES = 200;
const AUTHOR = 'SECAS (SEC Code Administrator)';

const words = (name: string): string => name.replace(/([a-z])([A-Z])/g, '$1 $2');
const stageName = (id: unknown): string | undefined => {
  const s = STATES.find((x) => x.id === id);
  return s ? words(s.name) : undefined;
};

export class Feeds {
  private readonly base: string;
  private readonly host: string;

  constructor(
    private readonly db: Db,
    private readonly store: EventStore,
    publicUrl: string,
  ) {
    this.base = publicUrl.replace(/\/$/, '');
    this.host = new URL(this.base).hostname || 'secmod';
  }

  async register(): Promise<{ xml: string; updated: Date }> {
    const rows = await this.db
      .selectFrom('modification_register')
      .leftJoin('organisations', 'organisations.id', 'modification_register.proposer_organisation_id')
      .select(['number', 'reference', 'title', 'state_name', 'path', 'fast_track', 'next_deadline', 'updated_at', 'organisations.name as org_name'])
      .orderBy('updated_at', 'desc')
      .orderBy('number', 'desc')
      .limit(REGISTER_ENTRIES)
      .execute();
    const updated = rows[0]?.updated_at ?? new Date(0);
    const xml = renderAtom({
      id: tagUri(this.host, 'register'),
      title: 'SEC Modification Register',
      subtitle: 'Draft and Modification Proposals to the Smart Energy Code, most recently changed first',
      updated,
      selfLink: `${this.base}/feeds/register.atom`,
      alternateLink: `${this.base}/register`,
      author: AUTHOR,
      entries: rows.map((r) => ({
        id: tagUri(this.host, `modification/${r.number}`),
        title: `${r.reference}: ${r.title}`,
        updated: r.updated_at,
        link: `${this.base}/proposals/${r.reference}`,
        content: [
          `Stage: ${words(r.state_name)}.`,
          r.path ? `Path ${r.path}${r.fast_track ? ' (Fast-Track)' : ''}.` : r.fast_track ? 'Fast-Track.' : '',
          r.org_name ? `Proposer: ${r.org_name}.` : '',
          r.next_deadline ? `Next deadline: ${r.next_deadline.toISOString().slice(0, 10)}.` : '',
        ].filter(Boolean).join(' '),
      })),
    });
    return { xml, updated };
  }

  /** Undefined when there is no such proposal. */
  async proposal(number: number): Promise<{ xml: string; updated: Date; reference: string } | undefined> {
    const row = await this.db.selectFrom('modification_register').select(['reference', 'title']).where('number', '=', number).executeTakeFirst();
    if (!row) return undefined;
    const events = await this.store.readStream(modificationStream(number));
    const latest = events.slice(-PROPOSAL_ENTRIES).reverse();
    const updated = latest[0]?.recordedAt ?? new Date(0);
    const link = `${this.base}/proposals/${row.reference}`;
    const xml = renderAtom({
      id: tagUri(this.host, `modification/${number}/history`),
      title: `${row.reference}: ${row.title}`,
      subtitle: `What has happened to ${row.reference}, most recent first`,
      updated,
      selfLink: `${this.base}/feeds/proposals/${row.reference}.atom`,
      alternateLink: link,
      author: AUTHOR,
      entries: latest.map((e) => {
        const clauses = (e.metadata.clauseRefs as string[] | undefined) ?? [];
        const stage = stageName(e.data.to);
        return {
          id: tagUri(this.host, `event/${e.position}`),
          title: `${row.reference}: ${words(e.type)}`,
          updated: e.recordedAt,
          link,
          content: [`${words(e.type)}.`, stage ? `Stage: ${stage}.` : '', clauses.length ? `Clauses: ${clauses.join(', ')}.` : ''].filter(Boolean).join(' '),
        };
      }),
    });
    return { xml, updated, reference: row.reference };
  }
}
