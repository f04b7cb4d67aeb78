// Renders an outbox row into an email: subject, a plain-text part from the notice's template
// (in the sandbox of template-sandbox.ts), and an HTML part that shows the same text escaped (no
// markup from user input, nor from an edited template, ever reaches the HTML). Every email ends
// with why the recipient gets it, a one-click-away unsubscribe link and the preferences page.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { STATES } from '../domain/rulebook/states.ts';
import { renderSandboxed } from './template-sandbox.ts';

const TEMPLATES = path.join(path.dirname(fileURLToPath(import.meta.url)), 'templates');

export interface RenderedNotice {
  readonly subject: string;
  readonly text: string;
  readonly html: string;
}

export interface RenderOptions {
  /** The template body to use; the file (version 1) when absent. */
  readonly body?: string;
  /** The signed link that turns this kind of email off (unsubscribe.ts). */
  readonly unsubscribeUrl?: string;
}

/** Names of the notice templates: the files in src/notify/templates (each is version 1). */
export const TEMPLATE_NAMES: readonly string[] = fs
  .readdirSync(TEMPLATES)
  .filter((f) => f.endsWith('.txt.njk'))
  .map((f) => f.slice(0, -'.txt.njk'.length))
  .sort();

const fileBodies = new Map<string, string>();
/** The file body of a template (version 1); undefined for an unknown name. */
export function templateFile(name: string): string | undefined {
  if (!TEMPLATE_NAMES.includes(name)) return undefined;
  let body = fileBodies.get(name);
  if (body === undefined) {
    body = fs.readFileSync(path.join(TEMPLATES, `${name}.txt.njk`), 'utf8');
    fileBodies.set(name, body);
  }
  return body;
}

const escapeHtml = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
const words = (name: string): string => name.replace(/([a-z])([A-Z])/g, '$1 $2');
const stageName = (id: unknown): string => {
  const s = STATES.find((x) => x.id === id);
  return s ? words(s.name) : '';
};
const base = (baseUrl: string) => baseUrl.replace(/\/$/, '');
const oneLine = (s: string) => s.replace(/[\r\n]+/g, ' ').trim().slice(0, 250);

/** What a notice template sees: the outbox payload and a few derived fields. */
export function noticeContext(payload: Record<string, unknown>, baseUrl: string): Record<string, unknown> {
  const data = (payload.data ?? {}) as Record<string, unknown>;
  return {
    ...payload,
    link: `${base(baseUrl)}/proposals/${String(payload.reference)}`,
    closesOn: typeof data.closesAt === 'string' ? data.closesAt.slice(0, 10) : '',
    result: data.result ?? '',
    purpose: data.purpose ?? '',
    secVersion: data.secVersion ?? '',
    eventName: typeof payload.eventType === 'string' ? words(payload.eventType) : '',
    stageName: stageName(data.to),
  };
}

/** Renders a notice's subject line (one line: a title with line breaks cannot inject headers). */
export const renderSubject = (payload: Record<string, unknown>, baseUrl: string): string => oneLine(renderSandboxed(String(payload.subject), noticeContext(payload, baseUrl)));

function footerFor(payload: Record<string, unknown>, baseUrl: string, unsubscribeUrl: string | undefined): string {
  const why =
    payload.template === 'digest'
      ? 'You receive this daily digest because you chose it on your notification preferences.'
      : typeof payload.followedBecause === 'string'
        ? `You receive this because you follow ${payload.followedBecause} (${String(payload.rule)}).`
        : `You receive this because of your role in the Smart Energy Code modification process (${String(payload.rule)}).`;
  return [why, unsubscribeUrl ? `To stop these emails: ${unsubscribeUrl}` : '', `Choose how you get notices: ${base(baseUrl)}/account/notifications`].filter(Boolean).join('\n');
}

function assemble(subject: string, body: string, footer: string): RenderedNotice {
  const text = `${body.trim()}\n\n${footer}\n`;
  const html = `<!doctype html><html lang="en"><body style="font-family: Arial, sans-serif">${text
    .split(/\n{2,}/)
    .map((p) => `<p>${escapeHtml(p).replace(/\n/g, '<br>').replace(/(https?:\/\/[^\s<]+)/g, '<a href="$1">$1</a>')}</p>`)
    .join('')}</body></html>`;
  return { subject, text, html };
}

/** Renders one notice. Throws TemplateProblem when the template cannot be rendered. */
export function renderNotice(payload: Record<string, unknown>, baseUrl: string, options: RenderOptions = {}): RenderedNotice {
  const name = String(payload.template);
  const body = options.body ?? templateFile(name);
  if (body === undefined) throw new Error(`there is no notice template "${name}"`);
  const context = noticeContext(payload, baseUrl);
  const subject = oneLine(renderSandboxed(String(payload.subject), context));
  return assemble(subject, renderSandboxed(body, context), footerFor(payload, baseUrl, options.unsubscribeUrl));
}

const TIME = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit', hour12: false });

/** What the digest template sees: the held notices grouped by proposal, in order of first notice. */
export function digestContext(payload: Record<string, unknown>, baseUrl: string): Record<string, unknown> {
  const items = (payload.items ?? []) as Record<string, unknown>[];
  const groups = new Map<string, { reference: string; title: string; link: string; items: { subject: string; time: string; rule: string }[] }>();
  for (const item of items) {
    const key = String(item.number ?? item.reference);
    let g = groups.get(key);
    if (!g) {
      g = { reference: String(item.reference), title: String(item.title ?? ''), link: `${base(baseUrl)}/proposals/${String(item.reference)}`, items: [] };
      groups.set(key, g);
    }
    // A later notice may carry the proposal's new reference (DP → MP) or title.
    g.reference = String(item.reference);
    g.title = String(item.title ?? g.title);
    g.link = `${base(baseUrl)}/proposals/${String(item.reference)}`;
    let subject: string;
    try {
      subject = renderSubject(item, baseUrl);
    } catch {
      subject = `${String(item.reference)}: ${words(String(item.eventType ?? 'notice'))}`;
    }
    g.items.push({ subject, time: typeof item.at === 'string' ? TIME.format(new Date(item.at)) : '', rule: String(item.rule ?? '') });
  }
  return { recipientName: payload.recipientName, date: payload.date, count: items.length, groups: [...groups.values()] };
}

/** Renders a daily digest (payload.template === 'digest'). */
export function renderDigest(payload: Record<string, unknown>, baseUrl: string, options: RenderOptions = {}): RenderedNotice {
  const body = options.body ?? templateFile('digest')!;
  const context = digestContext(payload, baseUrl);
  const groups = (context.groups as unknown[]).length;
  const subject = oneLine(`Your secmod digest for ${String(payload.date)}: ${String(context.count)} notice${context.count === 1 ? '' : 's'} on ${groups} proposal${groups === 1 ? '' : 's'}`);
  return assemble(subject, renderSandboxed(body, context), footerFor(payload, baseUrl, options.unsubscribeUrl));
}

/** Renders any outbox email payload: a digest or a single notice. */
export const renderEmail = (payload: Record<string, unknown>, baseUrl: string, options: RenderOptions = {}): RenderedNotice =>
  payload.template === 'digest' ? renderDigest(payload, baseUrl, options) : renderNotice(payload, baseUrl, options);

/** A sample payload for previewing a template (the admin pages). */
export function samplePayload(template: string): Record<string, unknown> {
  if (template === 'digest') {
    const item = (n: number, reference: string, title: string, subject: string, eventType: string, at: string) => ({ number: n, reference, title, subject, eventType, at, rule: 'sample', template: 'decision', data: {} });
    return {
      template: 'digest', rule: 'digest', recipientName: 'Sam Sample', date: '2026-03-03',
      items: [
        item(42, 'MP042', 'Sample meter exchange notice period', 'Consultation open on {{ reference }}', 'ConsultationOpened', '2026-03-02T10:15:00Z'),
        item(42, 'MP042', 'Sample meter exchange notice period', '{{ reference }} is at a new stage', 'RefinementCompleted', '2026-03-02T15:40:00Z'),
        item(43, 'DP043', 'Sample <b>tariff</b> data item', 'New Draft Proposal {{ reference }}: {{ title }}', 'DraftProposalSubmitted', '2026-03-02T16:05:00Z'),
      ],
    };
  }
  return {
    rule: 'sample', template, subject: 'Sample notice on {{ reference }}', clause: 'D7.8', reference: 'MP042', number: 42,
    title: 'Sample meter exchange notice period', recipientName: 'Sam Sample', recipientUserId: 'sample', eventType: 'ConsultationOpened',
    at: '2026-03-02T09:00:00.000Z', followedBecause: 'Path 3 proposals',
    data: { kind: 'refinement', closesAt: '2026-03-16T17:00:00.000Z', purpose: 'decision', result: 'approved', secVersion: '5.19', outcome: 'decided', explanation: 'The Change Board approved the Proposed Solution.', to: 'refinement' },
  };
}
