// A legal-text redline as a Word document with real tracked changes (w:ins / w:del with author
// and date, and revision tracking switched on), so drafters can accept or reject the changes in
// Word. The layout comes from the pure model in domain/legal-text/tracked-changes.ts; this file
// only maps it onto the `docx` package.
import { DeletedTextRun, Document, HeadingLevel, InsertedTextRun, Packer, Paragraph, TextRun } from 'docx';
import type { Redline } from '../domain/legal-text/redline.ts';
import type { TrackedParagraph } from '../domain/legal-text/tracked-changes.ts';
import { trackedChangesModel } from '../domain/legal-text/tracked-changes.ts';

export interface RedlineDocxOptions {
  /** Shown as the author of every revision, e.g. "SECAS". */
  readonly author: string;
  /** The revision date (ISO 8601); passed in, as documents are reproducible from their inputs. */
  readonly date: string;
  readonly title?: string;
}

export async function renderRedlineDocx(redline: Redline, options: RedlineDocxOptions): Promise<Buffer> {
  let nextId = 1;
  const revision = (): { id: number; author: string; date: string } => ({ id: nextId++, author: options.author, date: options.date });

  const paragraph = (p: TrackedParagraph): Paragraph => new Paragraph({
    ...(p.role === 'heading' ? { heading: HeadingLevel.HEADING_3 } : {}),
    // A tracked paragraph mark: accepting a deleted mark joins this paragraph to the next.
    ...(p.mark === 'insert' ? { run: { insertion: revision() } } : p.mark === 'delete' ? { run: { deletion: revision() } } : {}),
    children: p.runs.map((r) => r.revision === 'insert'
      ? new InsertedTextRun({ text: r.text, ...revision() })
      : r.revision === 'delete'
        ? new DeletedTextRun({ text: r.text, ...revision() })
        : new TextRun({ text: r.text })),
  });

  const children: Paragraph[] = [
    new Paragraph({ heading: HeadingLevel.HEADING_1, children: [new TextRun(options.title ?? `Legal text: changes from SEC ${redline.baseVersion} to ${redline.newVersion}`)] }),
  ];
  for (const e of trackedChangesModel(redline)) {
    children.push(paragraph(e.heading), ...e.body.map(paragraph));
  }
  const doc = new Document({
    creator: options.author,
    title: options.title ?? `SEC ${redline.newVersion} redline`,
    features: { trackRevisions: true },
    sections: [{ children }],
  });
  return Packer.toBuffer(doc);
}
