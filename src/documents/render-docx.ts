// A document's content as Word (.docx) through the `docx` package. Text goes in as text runs,
// which the package XML-escapes, so markup typed by a Party is shown, never interpreted. The
// legal-text annex uses real tracked changes (w:ins / w:del with author and date), as in
// legal-text-docx.ts, so drafters can accept or reject them in Word.
import {
  AlignmentType, BorderStyle, DeletedTextRun, Document, Footer, HeadingLevel, InsertedTextRun, Packer, PageBreak, PageNumber,
  Paragraph, Table, TableCell, TableRow, TextRun, WidthType,
} from 'docx';
import { trackedChangesModel, type TrackedParagraph } from '../domain/legal-text/index.ts';
import { xmlSafe, type DocBlock, type DocumentContent } from './document-model.ts';

const HEADINGS = { 1: HeadingLevel.HEADING_1, 2: HeadingLevel.HEADING_2, 3: HeadingLevel.HEADING_3 } as const;

/** Runs for a text with line breaks (one run per line). */
const runs = (text: string, options: { bold?: boolean; italics?: boolean } = {}): TextRun[] =>
  xmlSafe(text).split('\n').map((line, i) => new TextRun({ text: line, ...(i > 0 ? { break: 1 } : {}), ...options }));

const cell = (text: string, bold = false): TableCell => new TableCell({ children: [new Paragraph({ children: runs(text, { bold }) })] });

const table = (header: readonly string[] | undefined, rows: readonly (readonly string[])[]): Table =>
  new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    rows: [
      ...(header ? [new TableRow({ tableHeader: true, children: header.map((h) => cell(h, true)) })] : []),
      ...rows.map((r) => new TableRow({ children: r.map((c, i) => cell(c, header === undefined && i === 0)) })),
    ],
  });

export async function renderDocx(content: DocumentContent): Promise<Buffer> {
  let nextRevision = 1;
  const revision = () => ({ id: nextRevision++, author: xmlSafe(content.author), date: content.date });
  const tracked = (p: TrackedParagraph): Paragraph => new Paragraph({
    ...(p.role === 'heading' ? { heading: HeadingLevel.HEADING_3 } : {}),
    ...(p.mark === 'insert' ? { run: { insertion: revision() } } : p.mark === 'delete' ? { run: { deletion: revision() } } : {}),
    children: p.runs.map((r) => r.revision === 'insert'
      ? new InsertedTextRun({ text: xmlSafe(r.text), ...revision() })
      : r.revision === 'delete'
        ? new DeletedTextRun({ text: xmlSafe(r.text), ...revision() })
        : new TextRun({ text: xmlSafe(r.text) })),
  });

  const block = (b: DocBlock): (Paragraph | Table)[] => {
    switch (b.kind) {
      case 'heading':
        return [new Paragraph({ heading: HEADINGS[b.level], children: runs(b.text) })];
      case 'paragraph':
        return [new Paragraph({ children: runs(b.text, b.note ? { italics: true } : {}) })];
      case 'facts':
        return [table(undefined, b.rows), new Paragraph({ children: [] })];
      case 'table':
        return [table(b.header, b.rows), new Paragraph({ children: [] })];
      case 'list':
        return b.items.map((item) => new Paragraph({ bullet: { level: 0 }, children: runs(item) }));
      case 'redline':
        return trackedChangesModel(b.redline).flatMap((e) => [tracked(e.heading), ...e.body.map(tracked)]);
      case 'answer':
        return [
          new Paragraph({ children: runs(b.label, { bold: true }) }),
          new Table({
            width: { size: 100, type: WidthType.PERCENTAGE },
            rows: [new TableRow({
              children: [new TableCell({
                borders: { top: { style: BorderStyle.SINGLE, size: 4, color: '505A5F' }, bottom: { style: BorderStyle.SINGLE, size: 4, color: '505A5F' }, left: { style: BorderStyle.SINGLE, size: 4, color: '505A5F' }, right: { style: BorderStyle.SINGLE, size: 4, color: '505A5F' } },
                children: Array.from({ length: Math.max(1, b.lines) }, () => new Paragraph({ children: [] })),
              })],
            })],
          }),
          new Paragraph({ children: [] }),
        ];
      case 'page-break':
        return [new Paragraph({ children: [new PageBreak()] })];
    }
  };

  const doc = new Document({
    creator: xmlSafe(content.author),
    title: xmlSafe(content.title),
    description: xmlSafe(content.subtitle),
    features: { trackRevisions: true },
    sections: [{
      footers: {
        default: new Footer({
          children: [new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun(xmlSafe(`${content.title} — page `)), new TextRun({ children: [PageNumber.CURRENT] })] })],
        }),
      },
      children: [
        new Paragraph({ heading: HeadingLevel.TITLE, children: runs(content.title) }),
        new Paragraph({ heading: HeadingLevel.HEADING_2, children: runs(content.subtitle) }),
        ...content.blocks.flatMap(block),
      ],
    }],
  });
  return Packer.toBuffer(doc);
}
