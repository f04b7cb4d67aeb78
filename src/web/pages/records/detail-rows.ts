// A record's fields as GOV.UK summary-list rows: nested lists and objects flattened to text,
// bookkeeping fields left out. Values are text; the template escapes them.
import { humanise } from '../command-form/schema-form.ts';

const HIDDEN = new Set(['id', 'kind', 'version', 'streamVersion']);

const textOf = (value: unknown): string => {
  if (value === null || value === undefined || value === '') return '—';
  if (Array.isArray(value)) return value.length === 0 ? 'None' : value.map(textOf).join('; ');
  if (typeof value === 'object') return Object.entries(value as Record<string, unknown>).map(([k, v]) => `${humanise(k)}: ${textOf(v)}`).join(', ');
  if (typeof value === 'boolean') return value ? 'Yes' : 'No';
  return String(value);
};

export const detailRows = (record: Readonly<Record<string, unknown>>): { key: string; value: string }[] =>
  Object.entries(record).filter(([k]) => !HIDDEN.has(k)).map(([k, v]) => ({ key: humanise(k), value: textOf(v) }));
