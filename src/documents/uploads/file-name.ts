// The uploader's file name is metadata only: it never becomes a path (the bytes are stored by
// their SHA-256 in the database), and it is cleaned before it is stored or sent back: no
// folders, no control or bidirectional-override characters, no leading dots, a bounded
// length, and an extension that agrees with what the content really is.
import type { DetectedKind } from './content-type.ts';

export const MEDIA_TYPES: Readonly<Record<Exclude<DetectedKind, 'text'>, string>> = {
  pdf: 'application/pdf',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  pptx: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  png: 'image/png',
  jpeg: 'image/jpeg',
};

/** Extensions each kind may carry; the first is the one given to a name without one. */
const EXTENSIONS: Readonly<Record<DetectedKind, readonly string[]>> = {
  pdf: ['pdf'], docx: ['docx'], xlsx: ['xlsx'], pptx: ['pptx'], png: ['png'], jpeg: ['jpg', 'jpeg', 'jpe'], text: ['txt', 'csv', 'text', 'tsv', 'md'],
};

/** Extensions that name some other type: a file that carries one but is not that type is mislabelled. */
const OTHER_TYPES = new Set([
  'html', 'htm', 'xhtml', 'shtml', 'svg', 'svgz', 'xml', 'xsl', 'js', 'mjs', 'cjs', 'json', 'exe', 'dll', 'msi', 'bat', 'cmd', 'com', 'sh',
  'ps1', 'vbs', 'jar', 'apk', 'doc', 'dot', 'xls', 'ppt', 'docm', 'dotm', 'xlsm', 'xltm', 'pptm', 'potm', 'dotx', 'xltx', 'potx', 'rtf',
  'odt', 'ods', 'odp', 'zip', '7z', 'rar', 'gz', 'tar', 'gif', 'webp', 'bmp', 'tif', 'tiff', 'heic', 'ico', 'swf', 'eml', 'msg', 'lnk',
  ...Object.values(EXTENSIONS).flat(),
]);

const MAX_NAME = 120;

/** A safe display name: the last path segment, printable, no leading dots, at most 120 characters. */
export function sanitiseFileName(raw: string | undefined): string {
  const base = (raw ?? '').normalize('NFC').split(/[/\\]/).pop() ?? '';
  const cleaned = base
    // Control characters, bidirectional overrides and other invisible format characters.
    .replace(/[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/gu, '')
    // Anything but letters, digits, spaces and a few plain punctuation marks.
    .replace(/[^\p{L}\p{N} ._()+,-]/gu, '_')
    .replace(/\s+/g, ' ')
    .replace(/^[\s.]+/, '')
    .replace(/[\s.]+$/, '')
    .trim();
  if (cleaned === '') return 'document';
  if (cleaned.length <= MAX_NAME) return cleaned;
  const dot = cleaned.lastIndexOf('.');
  const ext = dot > 0 && cleaned.length - dot <= 10 ? cleaned.slice(dot) : '';
  return cleaned.slice(0, MAX_NAME - ext.length).trimEnd() + ext;
}

const extensionOf = (name: string): string | undefined => {
  const dot = name.lastIndexOf('.');
  return dot > 0 ? name.slice(dot + 1).toLowerCase() : undefined;
};

export type Naming = { readonly ok: true; readonly fileName: string; readonly mediaType: string } | { readonly ok: false; readonly extension: string };

/**
 * The stored name and media type for content of `kind` uploaded as `sanitised`. A name whose
 * extension names another type is refused (mislabelled); a name without a known extension
 * gets the content's. Text is text/csv when named .csv, else text/plain.
 */
export function nameFor(sanitised: string, kind: DetectedKind): Naming {
  const ext = extensionOf(sanitised);
  const own = EXTENSIONS[kind];
  if (ext !== undefined && OTHER_TYPES.has(ext) && !own.includes(ext)) return { ok: false, extension: ext };
  const fileName = ext !== undefined && own.includes(ext) ? sanitised : `${sanitised}.${own[0]}`;
  const mediaType = kind === 'text' ? (extensionOf(fileName) === 'csv' ? 'text/csv; charset=utf-8' : 'text/plain; charset=utf-8') : MEDIA_TYPES[kind];
  return { ok: true, fileName, mediaType };
}

/** Content-Disposition for a download: an ASCII fallback and the UTF-8 name (RFC 6266, RFC 8187). */
export function attachmentDisposition(fileName: string): string {
  const ascii = fileName.normalize('NFKD').replace(/[^\x20-\x7e]/g, '').replace(/["\\%;]/g, '_').trim() || 'document';
  const encoded = encodeURIComponent(fileName).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}
