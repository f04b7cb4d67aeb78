import { describe, expect, it } from 'vitest';
import { attachmentDisposition, nameFor, sanitiseFileName } from './file-name.ts';

describe('an uploaded file name is metadata, cleaned before it is kept', () => {
  it('keeps only the last path segment: traversal cannot name a path', () => {
    expect(sanitiseFileName('../../etc/passwd')).toBe('passwd');
    expect(sanitiseFileName('..\\..\\windows\\system32\\evil.pdf')).toBe('evil.pdf');
    expect(sanitiseFileName('..')).toBe('document');
  });

  it('removes control and bidirectional-override characters, and leading dots', () => {
    expect(sanitiseFileName('inv\u202Efdp.exe')).toBe('invfdp.exe');
    expect(sanitiseFileName('a\r\nb\u0000.pdf')).toBe('ab.pdf');
    expect(sanitiseFileName('.htaccess')).toBe('htaccess');
    expect(sanitiseFileName('report <draft> "v2".pdf')).toBe('report _draft_ _v2_.pdf');
  });

  it('keeps letters of any script and bounds the length, extension kept', () => {
    expect(sanitiseFileName('Änderung £ café.pdf')).toBe('Änderung _ café.pdf');
    const long = sanitiseFileName(`${'x'.repeat(300)}.pdf`);
    expect(long.length).toBe(120);
    expect(long.endsWith('.pdf')).toBe(true);
    expect(sanitiseFileName(undefined)).toBe('document');
  });

  it('the extension must agree with the content; a name without one gets the content’s', () => {
    expect(nameFor('case.pdf', 'pdf')).toEqual({ ok: true, fileName: 'case.pdf', mediaType: 'application/pdf' });
    expect(nameFor('case.pdf', 'text')).toEqual({ ok: false, extension: 'pdf' });
    expect(nameFor('chart.html', 'png')).toEqual({ ok: false, extension: 'html' });
    expect(nameFor('passwd', 'text')).toEqual({ ok: true, fileName: 'passwd.txt', mediaType: 'text/plain; charset=utf-8' });
    expect(nameFor('costs.csv', 'text')).toMatchObject({ ok: true, mediaType: 'text/csv; charset=utf-8' });
    expect(nameFor('photo.v2', 'jpeg')).toMatchObject({ ok: true, fileName: 'photo.v2.jpg', mediaType: 'image/jpeg' });
  });

  it('Content-Disposition is an attachment with an ASCII fallback and the UTF-8 name', () => {
    expect(attachmentDisposition('Änderung "1".pdf')).toBe(`attachment; filename="Anderung _1_.pdf"; filename*=UTF-8''%C3%84nderung%20%221%22.pdf`);
  });
});
