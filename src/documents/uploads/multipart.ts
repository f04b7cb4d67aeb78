// A small multipart/form-data reader (RFC 7578) for the portal's file-upload form and the API:
// no dependency is available for it, so it does only what those forms need, on a body that
// Fastify has already read within its size limit. Limits: parts, header bytes, text-field
// bytes, one file of at most `maxFileBytes`. Field names are kept in a Map, so a name such as
// "__proto__" is only a name. The file's bytes live in a private field, so code that walks the
// body (the NUL check) never walks megabytes of them.

export class MultipartError extends Error {
  constructor(
    readonly status: 400 | 413,
    message: string,
  ) {
    super(message);
  }
}

export interface MultipartLimits {
  readonly maxFileBytes: number;
  readonly maxFiles?: number;
  readonly maxParts?: number;
  readonly maxFieldBytes?: number;
  readonly maxHeaderBytes?: number;
}

/** An uploaded file part. */
export class FilePart {
  readonly #bytes: Buffer;
  constructor(
    readonly fieldName: string,
    /** As sent: the uploader's say-so, to be sanitised before any use. */
    readonly fileName: string,
    /** As declared by the client; never trusted for the type. */
    readonly declaredType: string | undefined,
    bytes: Buffer,
  ) {
    this.#bytes = bytes;
  }

  get bytes(): Buffer {
    return this.#bytes;
  }

  get size(): number {
    return this.#bytes.length;
  }
}

/** What a multipart body parses to. `_csrf` is where the CSRF plugin looks for its token. */
export class MultipartBody {
  readonly _csrf: string | undefined;
  constructor(
    readonly fields: ReadonlyMap<string, string>,
    readonly files: readonly FilePart[],
  ) {
    this._csrf = fields.get('_csrf');
  }

  field(name: string): string | undefined {
    return this.fields.get(name);
  }
}

/** The boundary of a multipart/form-data Content-Type, or undefined when there is none. */
export function boundaryOf(contentType: string | undefined): string | undefined {
  if (!contentType || !/^multipart\/form-data\s*(;|$)/i.test(contentType)) return undefined;
  const params = parseHeaderParameters(contentType.slice(contentType.indexOf(';') + 1));
  const b = params.get('boundary');
  return b && /^[0-9A-Za-z'()+_,\-./:=? ]{1,70}$/.test(b) && !b.endsWith(' ') ? b : undefined;
}

/**
 * Parameters of a header value such as `form-data; name="file"; filename="a \"b\".pdf"`, with
 * names lower-cased. `filename*` (RFC 8187, UTF-8 only) is decoded into `filename*`.
 */
export function parseHeaderParameters(value: string): Map<string, string> {
  const params = new Map<string, string>();
  let i = 0;
  const n = value.length;
  // The leading token (e.g. "form-data" or "attachment") has no "=": skip it.
  const firstSemi = value.indexOf(';');
  const firstEq = value.indexOf('=');
  if (firstEq < 0 || (firstSemi >= 0 && firstSemi < firstEq)) i = firstSemi < 0 ? n : firstSemi + 1;
  while (i < n) {
    while (i < n && (value[i] === ';' || value[i] === ' ' || value[i] === '\t')) i++;
    let name = '';
    while (i < n && value[i] !== '=' && value[i] !== ';') name += value[i++];
    name = name.trim().toLowerCase();
    if (value[i] !== '=') continue;
    i++;
    while (i < n && (value[i] === ' ' || value[i] === '\t')) i++;
    let v = '';
    if (value[i] === '"') {
      i++;
      while (i < n && value[i] !== '"') {
        if (value[i] === '\\' && i + 1 < n) i++;
        v += value[i++];
      }
      i++; // the closing quote
      while (i < n && value[i] !== ';') i++;
    } else {
      while (i < n && value[i] !== ';') v += value[i++];
      v = v.trim();
    }
    if (name.endsWith('*')) {
      const ext = /^utf-8'[^']*'(.*)$/i.exec(v);
      if (!ext) continue;
      try {
        v = decodeURIComponent(ext[1]!);
      } catch {
        continue;
      }
    }
    if (name !== '' && !params.has(name)) params.set(name, v);
  }
  return params;
}

const CRLF = Buffer.from('\r\n');
const HEADER_END = Buffer.from('\r\n\r\n');

/** Parses a whole multipart/form-data body. Throws MultipartError (400, or 413 for a file over the limit). */
export function parseMultipart(body: Buffer, boundary: string, limits: MultipartLimits): MultipartBody {
  const maxFiles = limits.maxFiles ?? 1;
  const maxParts = limits.maxParts ?? 20;
  const maxFieldBytes = limits.maxFieldBytes ?? 64 * 1024;
  const maxHeaderBytes = limits.maxHeaderBytes ?? 8 * 1024;
  const delimiter = Buffer.from(`--${boundary}`);
  const between = Buffer.from(`\r\n--${boundary}`);
  const fields = new Map<string, string>();
  const files: FilePart[] = [];

  // The first delimiter may follow a preamble, which is ignored.
  let p = body.indexOf(delimiter);
  if (p < 0 || (p > 0 && !(body[p - 2] === 0x0d && body[p - 1] === 0x0a))) throw new MultipartError(400, 'The form data has no parts.');
  p += delimiter.length;
  for (let parts = 0; ; parts++) {
    if (body[p] === 0x2d && body[p + 1] === 0x2d) break; // "--": the closing delimiter
    if (!body.subarray(p, p + 2).equals(CRLF)) throw new MultipartError(400, 'The form data is malformed (a delimiter is not followed by a line break).');
    if (parts >= maxParts) throw new MultipartError(400, `The form has more than ${maxParts} parts.`);
    p += 2;
    const headerEnd = body.indexOf(HEADER_END, p);
    if (headerEnd < 0 || headerEnd - p > maxHeaderBytes) throw new MultipartError(400, 'The form data is malformed (a part has no or too long headers).');
    const headers = new Map<string, string>();
    for (const line of body.toString('utf8', p, headerEnd).split('\r\n')) {
      const colon = line.indexOf(':');
      if (colon <= 0) throw new MultipartError(400, 'The form data is malformed (a header line has no name).');
      headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
    }
    const contentStart = headerEnd + HEADER_END.length;
    const contentEnd = body.indexOf(between, contentStart);
    if (contentEnd < 0) throw new MultipartError(400, 'The form data is malformed (a part has no closing delimiter).');
    const disposition = headers.get('content-disposition');
    if (!disposition || !/^\s*form-data\s*(;|$)/i.test(disposition)) throw new MultipartError(400, 'The form data is malformed (a part is not form-data).');
    const params = parseHeaderParameters(disposition);
    const name = params.get('name');
    if (name === undefined) throw new MultipartError(400, 'The form data is malformed (a part has no name).');
    const size = contentEnd - contentStart;
    // Browsers send a file name's quote and line breaks as %22, %0D and %0A (WHATWG HTML, "multipart/form-data encoding").
    const fileName = params.get('filename*') ?? params.get('filename')?.replace(/%(22|0d|0a)/gi, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16)));
    if (fileName !== undefined) {
      // A file input left empty sends a part with an empty name and no content: no file.
      if (!(fileName === '' && size === 0)) {
        if (files.length >= maxFiles) throw new MultipartError(400, `Upload one file at a time (the form carried more than ${maxFiles}).`);
        if (size > limits.maxFileBytes) throw new MultipartError(413, `The selected file must be smaller than ${formatBytes(limits.maxFileBytes)}.`);
        files.push(new FilePart(name, fileName, headers.get('content-type'), Buffer.from(body.subarray(contentStart, contentEnd))));
      }
    } else {
      if (size > maxFieldBytes) throw new MultipartError(413, `The field "${name.slice(0, 40)}" is longer than ${formatBytes(maxFieldBytes)}.`);
      if (!fields.has(name)) fields.set(name, body.toString('utf8', contentStart, contentEnd));
    }
    p = contentEnd + between.length;
  }
  return new MultipartBody(fields, files);
}

export function formatBytes(n: number): string {
  if (n >= 1024 * 1024 && n % (1024 * 1024) === 0) return `${n / (1024 * 1024)} MB`;
  if (n >= 1024 * 1024) return `${(n / (1024 * 1024)).toFixed(1)} MB`;
  if (n >= 1024) return `${Math.floor(n / 1024)} KB`;
  return `${n} bytes`;
}
