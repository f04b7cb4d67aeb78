// Atom 1.0 (RFC 4287) documents, written by hand: every text is XML-escaped, and characters XML
// 1.0 cannot carry are replaced, so a Party's title can never break the feed or add markup.
// Content is `type="text"`: feed readers show it as plain text, never as HTML.

export interface AtomEntry {
  readonly id: string;
  readonly title: string;
  readonly updated: Date;
  readonly link: string;
  readonly content: string;
}

export interface AtomFeed {
  readonly id: string;
  readonly title: string;
  readonly subtitle?: string;
  readonly updated: Date;
  readonly selfLink: string;
  readonly alternateLink: string;
  readonly author: string;
  readonly entries: readonly AtomEntry[];
}

// eslint-disable-next-line no-control-regex
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

export const xmlEscape = (s: string): string =>
  s.replace(NOT_XML, '\uFFFD').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');

/** RFC 3339 date-time, as Atom requires. */
const date = (d: Date): string => d.toISOString();

/** A tag URI (RFC 4151) for ids that stay the same wherever secmod is served from. */
export const tagUri = (host: string, specific: string): string => `tag:${host},2026:${specific}`;

export function renderAtom(feed: AtomFeed): string {
  const lines = [
    '<?xml version="1.0" encoding="utf-8"?>',
    '<feed xmlns="http://www.w3.org/2005/Atom">',
    `  <id>${xmlEscape(feed.id)}</id>`,
    `  <title type="text">${xmlEscape(feed.title)}</title>`,
    ...(feed.subtitle ? [`  <subtitle type="text">${xmlEscape(feed.subtitle)}</subtitle>`] : []),
    `  <updated>${date(feed.updated)}</updated>`,
    `  <link rel="self" type="application/atom+xml" href="${xmlEscape(feed.selfLink)}"/>`,
    `  <link rel="alternate" type="text/html" href="${xmlEscape(feed.alternateLink)}"/>`,
    `  <author><name>${xmlEscape(feed.author)}</name></author>`,
    '  <generator>secmod</generator>',
  ];
  for (const e of feed.entries) {
    lines.push(
      '  <entry>',
      `    <id>${xmlEscape(e.id)}</id>`,
      `    <title type="text">${xmlEscape(e.title)}</title>`,
      `    <updated>${date(e.updated)}</updated>`,
      `    <link rel="alternate" type="text/html" href="${xmlEscape(e.link)}"/>`,
      `    <content type="text">${xmlEscape(e.content)}</content>`,
      '  </entry>',
    );
  }
  lines.push('</feed>', '');
  return lines.join('\n');
}
