// A neutral model of a generated document (headings, paragraphs, tables, forms, a legal-text
// redline), built by pure functions from a proposal's record and rendered to Word and to
// HTML/PDF by adapters. Keeping the content in one place means the .docx and the PDF of a
// report cannot say different things.
import type { Redline } from '../domain/legal-text/index.ts';

export const DOCUMENT_KINDS = ['modification-report', 'consultation-response-form', 'conclusions-report', 'final-modification-report'] as const;
export type DocumentKind = (typeof DOCUMENT_KINDS)[number];

export const DOCUMENT_FORMATS = ['docx', 'pdf'] as const;
export type DocumentFormat = (typeof DOCUMENT_FORMATS)[number];

export const MEDIA_TYPES: Readonly<Record<DocumentFormat, string>> = {
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  pdf: 'application/pdf',
};

export const KIND_TITLES: Readonly<Record<DocumentKind, string>> = {
  'modification-report': 'Modification Report',
  'consultation-response-form': 'Consultation response form',
  'conclusions-report': 'Conclusions Report',
  'final-modification-report': 'Final Modification Report',
};

export type DocBlock =
  | { readonly kind: 'heading'; readonly level: 1 | 2 | 3; readonly text: string }
  | { readonly kind: 'paragraph'; readonly text: string; readonly note?: boolean }
  /** Label–value pairs, shown as a two-column table. */
  | { readonly kind: 'facts'; readonly rows: readonly (readonly [string, string])[] }
  | { readonly kind: 'table'; readonly header: readonly string[]; readonly rows: readonly (readonly string[])[] }
  | { readonly kind: 'list'; readonly items: readonly string[] }
  /** Legal text as tracked changes against its base Code version. */
  | { readonly kind: 'redline'; readonly redline: Redline }
  /** A box for a respondent to write in (response forms). */
  | { readonly kind: 'answer'; readonly label: string; readonly lines: number }
  | { readonly kind: 'page-break' };

export interface DocumentContent {
  readonly title: string;
  readonly subtitle: string;
  /** Shown in the document's properties and footer, e.g. "SECAS". */
  readonly author: string;
  /** ISO 8601: when it was generated (also the date of every tracked revision). */
  readonly date: string;
  readonly blocks: readonly DocBlock[];
}

// Characters XML 1.0 cannot carry (C0 controls other than tab, LF and CR; lone surrogates;
// U+FFFE/U+FFFF). A Party's text containing one must not make the document unreadable.
// eslint-disable-next-line no-control-regex
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Text safe to place in XML (after escaping): characters XML cannot carry become U+FFFD. */
export const xmlSafe = (text: string): string => text.replace(NOT_XML, '\uFFFD');

/** The text of every block, in order (tests and search). */
export function plainText(content: DocumentContent): string {
  const out: string[] = [content.title, content.subtitle];
  for (const b of content.blocks) {
    switch (b.kind) {
      case 'heading':
      case 'paragraph':
        out.push(b.text);
        break;
      case 'facts':
        for (const [k, v] of b.rows) out.push(`${k}: ${v}`);
        break;
      case 'table':
        out.push(b.header.join(' | '), ...b.rows.map((r) => r.join(' | ')));
        break;
      case 'list':
        out.push(...b.items);
        break;
      case 'redline':
        for (const e of b.redline.entries) out.push(e.address, e.segments.map((s) => s.text).join(''));
        break;
      case 'answer':
        out.push(b.label);
        break;
      case 'page-break':
        break;
    }
  }
  return out.join('\n');
}
