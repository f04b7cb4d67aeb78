import { describe, expect, it } from 'vitest';
import { boundaryOf, MultipartError, parseHeaderParameters, parseMultipart } from './multipart.ts';

const B = '----secmodBoundary7MA4YWxkTrZu0gW';
const part = (headers: string, content: string | Buffer) => Buffer.concat([Buffer.from(`--${B}\r\n${headers}\r\n\r\n`), Buffer.from(content), Buffer.from('\r\n')]);
const body = (...parts: Buffer[]) => Buffer.concat([...parts, Buffer.from(`--${B}--\r\n`)]);
const limits = { maxFileBytes: 1024 };

const caught = (f: () => unknown): MultipartError => {
  try {
    f();
  } catch (error) {
    if (error instanceof MultipartError) return error;
    throw error;
  }
  throw new Error('expected a MultipartError');
};

describe('multipart/form-data (RFC 7578)', () => {
  it('reads the boundary from the Content-Type, quoted or not, and nothing from other types', () => {
    expect(boundaryOf(`multipart/form-data; boundary=${B}`)).toBe(B);
    expect(boundaryOf(`multipart/form-data; boundary="${B}"`)).toBe(B);
    expect(boundaryOf('application/x-www-form-urlencoded')).toBeUndefined();
    expect(boundaryOf('multipart/form-data')).toBeUndefined();
    expect(boundaryOf(`multipart/form-data; boundary=${'x'.repeat(71)}`)).toBeUndefined();
  });

  it('gives the text fields and the file with its bytes unchanged (CRLF and NUL inside included)', () => {
    const bytes = Buffer.from([0x89, 0x50, 0x0d, 0x0a, 0x2d, 0x2d, 0x00, 0xff]);
    const parsed = parseMultipart(body(
      part('Content-Disposition: form-data; name="_csrf"', 'token-123'),
      part('Content-Disposition: form-data; name="description"', 'Business case, £ and ü'),
      part('Content-Disposition: form-data; name="supportingDocument"; filename="case.png"\r\nContent-Type: text/html', bytes),
    ), B, limits);
    expect(parsed._csrf).toBe('token-123');
    expect(parsed.field('description')).toBe('Business case, £ and ü');
    expect(parsed.files).toHaveLength(1);
    expect(parsed.files[0]!.fileName).toBe('case.png');
    expect(parsed.files[0]!.declaredType).toBe('text/html');
    expect(parsed.files[0]!.bytes.equals(bytes)).toBe(true);
  });

  it('keeps the bytes out of enumeration, so walking the body does not walk the file', () => {
    const parsed = parseMultipart(body(part('Content-Disposition: form-data; name="f"; filename="a.txt"', 'hello')), B, limits);
    expect(Object.keys(parsed.files[0]!)).not.toContain('bytes');
  });

  it('a browser’s %22 in a file name is the quote it stands for', () => {
    const parsed = parseMultipart(body(part('Content-Disposition: form-data; name="f"; filename="r\u00e9seau %22diagram%22.png"', 'x')), B, limits);
    expect(parsed.files[0]!.fileName).toBe('réseau "diagram".png');
  });

  it('an empty file input is no file', () => {
    const parsed = parseMultipart(body(part('Content-Disposition: form-data; name="f"; filename=""\r\nContent-Type: application/octet-stream', '')), B, limits);
    expect(parsed.files).toHaveLength(0);
  });

  it('a file over the limit is 413; a second file, a missing name or a torn body is 400', () => {
    expect(caught(() => parseMultipart(body(part('Content-Disposition: form-data; name="f"; filename="a.txt"', 'x'.repeat(1025))), B, limits)).status).toBe(413);
    const two = body(part('Content-Disposition: form-data; name="f"; filename="a.txt"', 'a'), part('Content-Disposition: form-data; name="g"; filename="b.txt"', 'b'));
    expect(caught(() => parseMultipart(two, B, limits)).status).toBe(400);
    expect(caught(() => parseMultipart(body(part('Content-Disposition: form-data', 'a')), B, limits)).status).toBe(400);
    expect(caught(() => parseMultipart(Buffer.from(`--${B}\r\nContent-Disposition: form-data; name="a"\r\n\r\nno end`), B, limits)).status).toBe(400);
    expect(caught(() => parseMultipart(Buffer.from('no parts at all'), B, limits)).status).toBe(400);
  });

  it('limits the number of parts and the size of text fields', () => {
    const many = body(...Array.from({ length: 21 }, (_, i) => part(`Content-Disposition: form-data; name="f${i}"`, 'x')));
    expect(caught(() => parseMultipart(many, B, limits)).message).toMatch(/more than 20 parts/);
    expect(caught(() => parseMultipart(body(part('Content-Disposition: form-data; name="d"', 'x'.repeat(100))), B, { ...limits, maxFieldBytes: 10 })).status).toBe(413);
  });

  it('a field named __proto__ is only a name', () => {
    const parsed = parseMultipart(body(part('Content-Disposition: form-data; name="__proto__"', 'polluted')), B, limits);
    expect(parsed.field('__proto__')).toBe('polluted');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('header parameters: quoted with escapes, unquoted, and RFC 8187 filename*', () => {
    const p = parseHeaderParameters('form-data; name="file"; filename="a \\"quoted\\" name.pdf"; size=12');
    expect(p.get('name')).toBe('file');
    expect(p.get('filename')).toBe('a "quoted" name.pdf');
    expect(p.get('size')).toBe('12');
    expect(parseHeaderParameters("attachment; filename*=UTF-8''%C2%A3%20report.pdf").get('filename*')).toBe('£ report.pdf');
    expect(parseHeaderParameters('attachment; filename=../../etc/passwd').get('filename')).toBe('../../etc/passwd');
  });
});
