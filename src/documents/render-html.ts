// A document's content as a self-contained HTML page: the source of the PDF (printed by
// headless Chromium). Every text is escaped, and the page's own Content-Security-Policy
// forbids scripts and any fetch, so even a mistake here could not run a Party's markup.
import { escapeHtml } from '../domain/legal-text/index.ts';
import { xmlSafe, type DocBlock, type DocumentContent } from './document-model.ts';

const esc = (s: string): string => escapeHtml(xmlSafe(s));
const text = (s: string): string => esc(s).replace(/\n/g, '<br>');

const STYLE = `
  @page { size: A4; margin: 20mm 18mm; }
  body { font-family: Arial, "Liberation Sans", Helvetica, sans-serif; font-size: 11pt; line-height: 1.4; color: #0b0c0c; }
  h1.title { font-size: 22pt; margin: 0 0 4pt; } p.subtitle { font-size: 14pt; margin: 0 0 16pt; }
  h1 { font-size: 16pt; margin: 18pt 0 6pt; } h2 { font-size: 13pt; margin: 14pt 0 6pt; } h3 { font-size: 11.5pt; margin: 12pt 0 4pt; }
  table { border-collapse: collapse; width: 100%; margin: 6pt 0 10pt; page-break-inside: auto; }
  th, td { border: 1px solid #b1b4b6; padding: 4pt 6pt; text-align: left; vertical-align: top; }
  th, td.label { background: #f3f2f1; font-weight: bold; } td.label { width: 32%; }
  .note { font-style: italic; color: #505a5f; }
  .answer { border: 1px solid #505a5f; margin: 4pt 0 12pt; }
  .redline { white-space: pre-wrap; } ins { color: #00703c; text-decoration: underline; } del { color: #d4351c; text-decoration: line-through; }
  .page-break { page-break-after: always; }`;

function block(b: DocBlock): string {
  switch (b.kind) {
    case 'heading':
      return `<h${b.level}>${text(b.text)}</h${b.level}>`;
    case 'paragraph':
      return `<p${b.note ? ' class="note"' : ''}>${text(b.text)}</p>`;
    case 'facts':
      return `<table>${b.rows.map(([k, v]) => `<tr><td class="label">${text(k)}</td><td>${text(v)}</td></tr>`).join('')}</table>`;
    case 'table':
      return `<table><thead><tr>${b.header.map((h) => `<th scope="col">${text(h)}</th>`).join('')}</tr></thead><tbody>${b.rows
        .map((r) => `<tr>${r.map((c) => `<td>${text(c)}</td>`).join('')}</tr>`)
        .join('')}</tbody></table>`;
    case 'list':
      return `<ul>${b.items.map((i) => `<li>${text(i)}</li>`).join('')}</ul>`;
    case 'redline':
      return b.redline.entries
        .map((e) => `<section><h3>${esc(e.address)} (${e.status})</h3><p class="redline">${e.segments
          .map((s) => (s.op === 'insert' ? `<ins>${esc(s.text)}</ins>` : s.op === 'delete' ? `<del>${esc(s.text)}</del>` : esc(s.text)))
          .join('')}</p></section>`)
        .join('\n');
    case 'answer':
      return `<p><strong>${text(b.label)}</strong></p><div class="answer" style="height:${Math.max(1, b.lines) * 16}pt"></div>`;
    case 'page-break':
      return '<div class="page-break"></div>';
  }
}

export function renderHtml(content: DocumentContent): string {
  return [
    '<!doctype html>',
    '<html lang="en"><head><meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">`,
    `<title>${esc(content.title)}</title><style>${STYLE}</style></head><body>`,
    `<h1 class="title">${text(content.title)}</h1>`,
    `<p class="subtitle">${text(content.subtitle)}</p>`,
    ...content.blocks.map(block),
    '</body></html>',
  ].join('\n');
}
