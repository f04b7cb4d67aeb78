// HTML for a redline, in the GOV.UK Design System's vocabulary (govuk-* classes for type and tags,
// app-* for our own blocks). Text is escaped; line breaks are kept (style .app-redline__text with
// white-space: pre-wrap). <ins>/<del> carry visually hidden labels because screen readers do not
// announce them.
import type { Redline, RedlineEntry, RedlineStatus } from './redline.ts';

export const escapeHtml = (s: string): string =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');

const TAG: Record<RedlineStatus, { label: string; colour: string }> = {
  inserted: { label: 'Inserted', colour: 'green' },
  deleted: { label: 'Deleted', colour: 'red' },
  changed: { label: 'Changed', colour: 'blue' },
};

export const redlineAnchor = (address: string): string => `redline-${address.replace(/[^A-Za-z0-9]+/g, '-').replace(/-+$/, '')}`;

export function renderEntryHtml(e: RedlineEntry): string {
  const tag = TAG[e.status];
  const body = e.segments.map((s) => {
    const text = escapeHtml(s.text);
    if (s.op === 'insert') return `<ins class="app-redline__ins"><span class="govuk-visually-hidden">start of inserted text, </span>${text}<span class="govuk-visually-hidden">, end of inserted text</span></ins>`;
    if (s.op === 'delete') return `<del class="app-redline__del"><span class="govuk-visually-hidden">start of deleted text, </span>${text}<span class="govuk-visually-hidden">, end of deleted text</span></del>`;
    return text;
  }).join('');
  return [
    `<section class="app-redline__entry app-redline__entry--${e.status}" id="${redlineAnchor(e.address)}">`,
    `<h3 class="govuk-heading-s">${escapeHtml(e.address)} <strong class="govuk-tag govuk-tag--${tag.colour}">${tag.label}</strong></h3>`,
    `<div class="govuk-body app-redline__text">${body}</div>`,
    '</section>',
  ].join('\n');
}

export function renderRedlineHtml(r: Redline): string {
  const heading = `<h2 class="govuk-heading-m">Changes from SEC ${escapeHtml(r.baseVersion)} to ${escapeHtml(r.newVersion)}</h2>`;
  const body = r.entries.length === 0
    ? '<p class="govuk-body">No changes.</p>'
    : r.entries.map(renderEntryHtml).join('\n');
  return `<div class="app-redline">\n${heading}\n${body}\n</div>`;
}
