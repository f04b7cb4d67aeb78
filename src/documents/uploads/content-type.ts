// What a file is, told from its bytes alone: never from its name or the Content-Type the
// client declared (both are the uploader's say-so). Accepted: PDF, Word, Excel and PowerPoint
// documents (Office Open XML, without macros), PNG, JPEG, and UTF-8 text or CSV that is not
// markup. Anything else is refused with a reason a person can act on.
import { NotAZipError, readZipEntry, zipEntries } from './zip-directory.ts';

export type DetectedKind = 'pdf' | 'docx' | 'xlsx' | 'pptx' | 'png' | 'jpeg' | 'text';

export interface Detected {
  readonly kind: DetectedKind;
  /** A human name of the type, for messages. */
  readonly label: string;
}

export type Detection = { readonly ok: true; readonly detected: Detected } | { readonly ok: false; readonly reason: string };

export const KIND_LABELS: Readonly<Record<DetectedKind, string>> = {
  pdf: 'a PDF', docx: 'a Word document', xlsx: 'an Excel workbook', pptx: 'a PowerPoint presentation',
  png: 'a PNG image', jpeg: 'a JPEG image', text: 'plain text',
};

export const ACCEPTED_DESCRIPTION = 'PDF, Word (.docx), Excel (.xlsx), PowerPoint (.pptx), PNG, JPEG, CSV or plain text';

const startsWith = (b: Uint8Array, sig: readonly number[], at = 0): boolean => b.length >= at + sig.length && sig.every((x, i) => b[at + i] === x);

const PDF = [0x25, 0x50, 0x44, 0x46, 0x2d]; // %PDF-
const PNG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const JPEG = [0xff, 0xd8, 0xff];
const ZIP = [0x50, 0x4b, 0x03, 0x04];
const UTF8_BOM = [0xef, 0xbb, 0xbf];

/** The main part's content type in [Content_Types].xml → the document kind. */
const OOXML_MAIN: readonly (readonly [string, DetectedKind])[] = [
  ['application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml', 'docx'],
  ['application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml', 'xlsx'],
  ['application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml', 'pptx'],
];

const ok = (kind: DetectedKind): Detection => ({ ok: true, detected: { kind, label: KIND_LABELS[kind] } });
const no = (reason: string): Detection => ({ ok: false, reason });

function detectOfficeDocument(bytes: Uint8Array): Detection {
  let entries;
  try {
    entries = zipEntries(bytes);
  } catch (error) {
    return no(`The file starts like a ZIP archive but cannot be read as one (${error instanceof NotAZipError ? error.message : 'damaged'}).`);
  }
  const types = entries.find((e) => e.name === '[Content_Types].xml');
  if (!types) return no(`The file is a ZIP archive, not an Office document. Upload ${ACCEPTED_DESCRIPTION}.`);
  if (entries.some((e) => /(^|\/)vbaProject\.bin$/i.test(e.name))) return no('The Office document contains macros, which are not accepted. Save it without macros (.docx, .xlsx or .pptx) and upload it again.');
  let xml: string;
  try {
    xml = readZipEntry(bytes, types, 1024 * 1024).toString('utf8');
  } catch (error) {
    return no(`The Office document is damaged (${error instanceof NotAZipError ? error.message : 'unreadable'}).`);
  }
  if (/macroEnabled/i.test(xml)) return no('The Office document is macro-enabled, which is not accepted. Save it without macros (.docx, .xlsx or .pptx) and upload it again.');
  const main = OOXML_MAIN.find(([type]) => xml.includes(type));
  return main ? ok(main[1]) : no(`The Office document is not a Word document, Excel workbook or PowerPoint presentation. Upload ${ACCEPTED_DESCRIPTION}.`);
}

/** Markup a browser could render as a page or a script: never accepted as "text". */
const MARKUP = /<\s*(?:!doctype|html|head|body|script|iframe|frame|object|embed|svg|math|meta|link|style|img|a\s|form|base|\?xml)/i;

/** Tab, line feed, form feed and carriage return are text; any other C0 control or DEL means binary. */
const isControlByte = (b: number): boolean => (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0c && b !== 0x0d) || b === 0x7f;

function detectText(bytes: Uint8Array): Detection {
  const body = startsWith(bytes, UTF8_BOM) ? bytes.subarray(3) : bytes;
  // In UTF-8 these bytes only ever stand for themselves, so the bytes can be checked directly.
  if (body.some(isControlByte)) {
    return no(`The file is not ${ACCEPTED_DESCRIPTION} (its content is binary data of a type that is not accepted).`);
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(body);
  } catch {
    return no(`The file is not ${ACCEPTED_DESCRIPTION} (its content is not a known document type, nor UTF-8 text).`);
  }
  if (text.trimStart().startsWith('<') || MARKUP.test(text)) {
    return no('The file contains HTML, SVG or XML markup, which is not accepted. Upload it as a PDF instead.');
  }
  return ok('text');
}

/** Detects the type of a file from its content. */
export function detectContentType(bytes: Uint8Array): Detection {
  if (bytes.length === 0) return no('The selected file is empty.');
  if (startsWith(bytes, PDF)) return ok('pdf');
  if (startsWith(bytes, PNG)) return ok('png');
  if (startsWith(bytes, JPEG)) return ok('jpeg');
  if (startsWith(bytes, ZIP)) return detectOfficeDocument(bytes);
  return detectText(bytes);
}
