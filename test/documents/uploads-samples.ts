// Small real files of each accepted type (and a few that must be refused), built in memory,
// for the upload tests.
import JSZip from 'jszip';

/** A 1×1 PNG. */
export const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8/5+hHgAHggJ/PchI7wAAAABJRU5ErkJggg==', 'base64');
/** The start of a JFIF JPEG (enough for its signature). */
export const JPEG = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10]), Buffer.from('JFIF\u0000\u0001\u0001\u0000\u0000\u0001\u0000\u0001\u0000\u0000', 'latin1'), Buffer.from([0xff, 0xd9])]);
export const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n', 'latin1');
export const HTML = Buffer.from('<!DOCTYPE html><html><body><script>alert(document.cookie)</script></body></html>');
export const CSV = Buffer.from('\ufeffparty,cost\nNorthern Lights,"£25,000"\r\nBrightside,0\n');

const MAIN: Record<string, [string, string]> = {
  docx: ['/word/document.xml', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml'],
  xlsx: ['/xl/workbook.xml', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml'],
  pptx: ['/ppt/presentation.xml', 'application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml'],
  docm: ['/word/document.xml', 'application/vnd.ms-word.document.macroEnabled.main+xml'],
};

/** A minimal Office Open XML package of the given kind (the parts the type check reads). */
export async function office(kind: 'docx' | 'xlsx' | 'pptx' | 'docm'): Promise<Buffer> {
  const [part, type] = MAIN[kind]!;
  const zip = new JSZip();
  zip.file('[Content_Types].xml', `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/><Override PartName="${part}" ContentType="${type}"/></Types>`);
  zip.file(part.slice(1), '<?xml version="1.0"?><document/>');
  if (kind === 'docm') zip.file('word/vbaProject.bin', Buffer.from([1, 2, 3]));
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
}

/** A ZIP archive that is not an Office document. */
export async function plainZip(): Promise<Buffer> {
  const zip = new JSZip();
  zip.file('readme.txt', 'hello');
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
}
