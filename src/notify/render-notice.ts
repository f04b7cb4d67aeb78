// Renders an outbox row into an email: subject, a plain-text part from the notice's Nunjucks
// template, and an HTML part that shows the same text escaped (no markup from user input
// ever reaches the HTML).
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import nunjucks from 'nunjucks';

const TEMPLATES = path.join(path.dirname(fileURLToPath(import.meta.url)), 'templates');
// Plain text: no HTML escaping here; the HTML part escapes everything below.
const env = new nunjucks.Environment(new nunjucks.FileSystemLoader(TEMPLATES), { autoescape: false, throwOnUndefined: false });

export interface RenderedNotice {
  readonly subject: string;
  readonly text: string;
  readonly html: string;
}

const escapeHtml = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');

export function renderNotice(payload: Record<string, unknown>, baseUrl: string): RenderedNotice {
  const data = (payload.data ?? {}) as Record<string, unknown>;
  const context = {
    ...payload,
    link: `${baseUrl.replace(/\/$/, '')}/proposals/${String(payload.reference)}`,
    closesOn: typeof data.closesAt === 'string' ? data.closesAt.slice(0, 10) : '',
    result: data.result ?? '',
    purpose: data.purpose ?? '',
    secVersion: data.secVersion ?? '',
  };
  // Subjects are one line: a title with line breaks cannot inject headers.
  const subject = env.renderString(String(payload.subject), context).replace(/[\r\n]+/g, ' ').slice(0, 250);
  const body = env.render(`${String(payload.template)}.txt.njk`, context);
  const footer = `\n\nYou receive this because of your role in the Smart Energy Code modification process (${String(payload.rule)}).\n`;
  const text = `${body.trim()}${footer}`;
  const html = `<!doctype html><html lang="en"><body style="font-family: Arial, sans-serif">${text
    .split(/\n{2,}/)
    .map((p) => `<p>${escapeHtml(p).replace(/\n/g, '<br>').replace(/(https?:\/\/[^\s<]+)/g, '<a href="$1">$1</a>')}</p>`)
    .join('')}</body></html>`;
  return { subject, text, html };
}
