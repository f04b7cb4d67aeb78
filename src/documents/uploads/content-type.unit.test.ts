import { describe, expect, it } from 'vitest';
import { detectContentType } from './content-type.ts';
import { CSV, HTML, JPEG, office, PDF, plainZip, PNG } from '../../../test/documents/uploads-samples.ts';

const kindOf = (bytes: Uint8Array) => {
  const d = detectContentType(bytes);
  return d.ok ? d.detected.kind : `refused: ${d.reason}`;
};

describe('a file is typed by its content, never by its name or declared type', () => {
  it('PDF, PNG and JPEG by their signatures', () => {
    expect(kindOf(PDF)).toBe('pdf');
    expect(kindOf(PNG)).toBe('png');
    expect(kindOf(JPEG)).toBe('jpeg');
  });

  it('Word, Excel and PowerPoint by the main part named in [Content_Types].xml', async () => {
    expect(kindOf(await office('docx'))).toBe('docx');
    expect(kindOf(await office('xlsx'))).toBe('xlsx');
    expect(kindOf(await office('pptx'))).toBe('pptx');
  });

  it('refuses macro-enabled Office documents and other ZIP archives', async () => {
    expect(kindOf(await office('docm'))).toMatch(/refused: .*macros/);
    expect(kindOf(await plainZip())).toMatch(/refused: .*not an Office document/);
    expect(kindOf(Buffer.concat([Buffer.from('PK\u0003\u0004'), Buffer.alloc(40)]))).toMatch(/refused: .*cannot be read/);
  });

  it('UTF-8 text and CSV (with a byte-order mark) are text', () => {
    expect(kindOf(CSV)).toBe('text');
    expect(kindOf(Buffer.from('Evidence: the exchange window is 5 Working Days.\n'))).toBe('text');
  });

  it('HTML, SVG and XML are refused even though they are text', () => {
    expect(kindOf(HTML)).toMatch(/refused: .*markup/);
    expect(kindOf(Buffer.from('  <svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'))).toMatch(/markup/);
    expect(kindOf(Buffer.from('note,value\nx,<script>alert(1)</script>\n'))).toMatch(/markup/);
  });

  it('binary data, text in another encoding and an empty file are refused', () => {
    expect(kindOf(Buffer.from([0x47, 0x49, 0x46, 0x38, 0x39, 0x61, 0x01, 0x00, 0x00]))).toMatch(/refused: .*binary/);
    expect(kindOf(Buffer.from('caf\xe9', 'latin1'))).toMatch(/refused: .*UTF-8/);
    expect(kindOf(Buffer.alloc(0))).toMatch(/refused: The selected file is empty/);
  });
});
