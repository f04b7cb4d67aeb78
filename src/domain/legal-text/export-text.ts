// Export a Code version back to the SEC's plain-text layout. Because every node keeps its raw
// layout, export(import(text)) === text (see round-trip.unit.test.ts).
import type { Clause, CodeVersion, Definition, Paragraph, Section } from './model.ts';

function exportLimb(p: Paragraph, out: string[]): void {
  out.push(`${p.layout.before}${p.layout.indent}(${p.label})${p.layout.gap}${p.text}\n`);
  for (const c of p.paragraphs) exportLimb(c, out);
  if (p.tail !== undefined) out.push(`${p.tail}\n`);
}

function exportDefinition(d: Definition, out: string[]): void {
  out.push(`${d.layout.before}${d.layout.indent}${d.term}${d.layout.gap}${d.text}\n`);
  for (const c of d.paragraphs) exportLimb(c, out);
  if (d.tail !== undefined) out.push(`${d.tail}\n`);
}

export interface ClauseExportOptions {
  /** Leave out the blank lines before the clause (redline units start at the clause's first line). */
  readonly withoutLeadingBlanks?: boolean;
  /** Leave out the definitions (the redline shows each definition as a unit of its own). */
  readonly withoutDefinitions?: boolean;
}

export function exportClause(c: Clause, options: ClauseExportOptions = {}): string {
  const out: string[] = [];
  const l = c.layout;
  if (!options.withoutLeadingBlanks) out.push(l.before);
  if (c.partHeading !== undefined) out.push(`${l.partPrefix}${c.partHeading}\n${l.afterPart}`);
  if (c.heading !== undefined) out.push(`${l.headingPrefix}${c.heading}\n${l.afterHeading}`);
  out.push(`${l.indent}${c.number}${l.gap}${c.text}\n`);
  for (const p of c.paragraphs) exportLimb(p, out);
  if (!options.withoutDefinitions) for (const d of c.definitions) exportDefinition(d, out);
  if (c.tail !== undefined) out.push(`${c.tail}\n`);
  return out.join('');
}

export function exportDefinitionText(d: Definition, options: { withoutLeadingBlanks?: boolean } = {}): string {
  const out: string[] = [];
  exportDefinition(options.withoutLeadingBlanks ? { ...d, layout: { ...d.layout, before: '' } } : d, out);
  return out.join('');
}

export function exportParagraph(p: Paragraph): string {
  const out: string[] = [];
  exportLimb(p, out);
  return out.join('');
}

export function exportSection(s: Section): string {
  const out: string[] = [s.layout.before];
  if (s.headingLine !== undefined) out.push(`${s.headingLine}\n`);
  for (const c of s.clauses) out.push(exportClause(c));
  return out.join('');
}

export function exportCode(code: CodeVersion): string {
  const text = [code.preamble, ...code.sections.map(exportSection), code.epilogue].join('');
  return code.finalNewline || !text.endsWith('\n') ? text : text.slice(0, -1);
}
