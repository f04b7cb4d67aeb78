// One generic GOV.UK form for every command payload, driven by its JSON Schema
// (PAYLOAD_SCHEMAS, built with schema-builder.ts): `formItems` turns a schema into the
// parameters of govuk-frontend macros, `readForm` parses the posted fields back into a
// payload by walking the same schema, and `validateForm` checks that payload against the
// schema subset schema-builder uses, with GOV.UK error messages keyed by field name.
// Pure functions: no request, no template, so every command's form can be tested alone.
import type { JsonSchemaObject } from '../../../domain/modification/index.ts';
import { SEC_OBJECTIVES } from '../../../domain/rulebook/reference-data.ts';

/** The posted form: field name → what the user typed (a text box, a radio value …). */
export type RawForm = Readonly<Record<string, string>>;
/** Field name → error message. */
export type FieldErrors = Record<string, string>;

export interface FormOptions {
  /** Prepended to every field name (several forms on one page). */
  readonly prefix?: string;
  readonly values?: RawForm;
  readonly errors?: FieldErrors;
  /** Extra hints by field name (without prefix), e.g. the values the rulebook allows. */
  readonly hints?: Readonly<Record<string, string>>;
  /** Fields (without prefix) not to render, e.g. a value the page sets itself. */
  readonly omit?: readonly string[];
}

/** What the template renders: a govuk-frontend macro and its parameters, or a fieldset boundary. */
export type FormItem =
  | { readonly kind: 'input' | 'textarea' | 'radios' | 'select' | 'date'; readonly name: string; readonly params: Record<string, unknown> }
  | { readonly kind: 'fieldset-start'; readonly id: string; readonly legend: string; readonly hint?: string; readonly error?: string; readonly level: number }
  | { readonly kind: 'fieldset-end' };

/** Textareas above this many characters; shorter strings get a text input. */
export const LONG_TEXT = 300;
/** Enumerations with more options than this get a select instead of radios. */
export const MAX_RADIOS = 8;
const OBJECTIVE_VIEWS = ['better', 'neutral', 'worse'];
const DATE_HINT = 'For example, 27 3 2026';
const DATE_PARTS = ['day', 'month', 'year'] as const;
/** The posted field of one part of a GOV.UK date input (`closesOn-day` …). */
export const datePartName = (name: string, part: (typeof DATE_PARTS)[number]): string => `${name}-${part}`;

const ACRONYMS: Readonly<Record<string, string>> = {
  id: 'ID', ids: 'IDs', dcc: 'DCC', ssc: 'SSC', soaa: 'SOAA', smki: 'SMKI', pma: 'PMA', tabasc: 'TABASC', sec: 'SEC',
  mrc: 'MRC', scr: 'SCR', wd: '(Working Days)', gbp: '(£)', wg: 'Working Group', ipr: 'IPR', fmr: 'FMR',
};

/** Labels that humanising the property name would get wrong or leave unclear. */
const LABELS: Readonly<Record<string, string>> = {
  tabasc: 'TABASC screening',
  sscSoaa: 'Security Sub-Committee screening: Security Obligations and Assurance Arrangements',
  sscMaterialSecurity: 'Security Sub-Committee screening: material effect on security',
  smkiPma: 'SMKI PMA screening',
  crossCode: 'Cross-code impact',
  crossCodeLinks: 'Cross-code links',
  wgVote: 'Working Group vote',
  for: 'Votes for',
  against: 'Votes against',
  abstain: 'Abstentions',
  objectives: 'Views against the SEC Objectives',
  path2Criteria: 'Path 2 criteria met',
  iprAccepted: 'SEC Materials notice accepted',
  problemStatementVersion: 'Problem statement version',
  urgentWd: 'Urgent timescale (Working Days)',
  forumLimb: 'Z1.6(a) limb',
};

const VALUE_LABELS: Readonly<Record<string, string>> = {
  WD: 'Working Days', CD: 'Calendar days', mrc: 'Modification Report Consultation', scr: 'Significant Code Review',
  i: '(i)', ii: '(ii)', iii: '(iii)', 'fast-track-candidate': 'Fast-Track candidate',
};

/** "legalTextDocumentId" → "Legal text document ID". */
export function humanise(name: string): string {
  if (LABELS[name]) return LABELS[name];
  const words = name
    .replace(/([a-z])([A-Z0-9])/g, '$1 $2')
    .replace(/([0-9])([a-zA-Z])/g, '$1 $2')
    .split(/[\s_-]+/)
    .filter(Boolean)
    .map((w) => ACRONYMS[w.toLowerCase()] ?? w.toLowerCase());
  const text = words.join(' ');
  return text.charAt(0).toUpperCase() + text.slice(1);
}

const valueLabel = (v: string): string => VALUE_LABELS[v] ?? (/^[A-Z]{2}\d+$|^[a-z]\d|^l\d/i.test(v) ? v : humanise(v));

/** How the label reads inside a sentence ("Enter the summary"): acronyms keep their case. */
const inSentence = (label: string): string => (/^[A-Z]{2}/.test(label) ? label : label.charAt(0).toLowerCase() + label.slice(1));

const singular = (label: string): string => label.replace(/s$/, '');

export const fieldId = (name: string): string => name.replace(/[^A-Za-z0-9_-]/g, '-');

const isObjectives = (s: JsonSchemaObject): boolean =>
  s.type === 'object' && Object.keys(s.properties ?? {}).join('') === 'abcdefgh'
  && Object.values(s.properties ?? {}).every((p) => p.enum?.join() === OBJECTIVE_VIEWS.join());

const isLong = (s: JsonSchemaObject): boolean => s.type === 'string' && (s.maxLength ?? 0) > LONG_TEXT;

const propsOf = (s: JsonSchemaObject): Array<[string, JsonSchemaObject, boolean]> =>
  Object.entries(s.properties ?? {}).map(([k, p]) => [k, p, (s.required ?? []).includes(k)]);

/** Rows of an array of objects already filled in (name.0.x, name.3.y → 4). */
const rowsFilled = (values: RawForm, name: string): number => {
  let n = 0;
  const re = new RegExp(`^${name.replace(/\./g, '\\.')}\\.(\\d+)\\.`);
  for (const [k, v] of Object.entries(values)) {
    const m = re.exec(k);
    if (m && v.trim() !== '') n = Math.max(n, Number(m[1]) + 1);
  }
  return n;
};

const joinHints = (...hints: Array<string | undefined>): string | undefined => {
  const text = hints.filter((h): h is string => !!h && h.trim() !== '').join(' ');
  return text === '' ? undefined : text;
};

/** The govuk-frontend macro parameters for every field of an object schema. */
export function formItems(schema: JsonSchemaObject, options: FormOptions = {}): FormItem[] {
  const values = options.values ?? {};
  const errors = options.errors ?? {};
  const prefix = options.prefix ?? '';
  const out: FormItem[] = [];
  const omit = new Set(options.omit ?? []);

  const field = (s: JsonSchemaObject, required: boolean, name: string, label: string, level: number): void => {
    const id = fieldId(name);
    const extraHint = options.hints?.[name.slice(prefix.length)];
    const error = errors[name] ? { text: errors[name] } : undefined;
    const shown = `${label}${required ? '' : ' (optional)'}`;
    const hintOf = (...h: Array<string | undefined>) => {
      const text = joinHints(...h, extraHint);
      return text ? { text } : undefined;
    };
    const base = { id, name, errorMessage: error, attributes: { 'data-qa': name } };
    if (s.type === 'object' && isObjectives(s)) {
      out.push({ kind: 'fieldset-start', id, legend: shown, hint: joinHints(s.description, 'Choose better, neutral or worse for each objective you have a view on.', extraHint), level });
      for (const [k] of propsOf(s)) {
        const n = `${name}.${k}`;
        out.push({
          kind: 'radios',
          name: n,
          params: {
            name: n, idPrefix: fieldId(n), classes: 'govuk-radios--inline govuk-radios--small',
            fieldset: { legend: { text: `(${k}) ${SEC_OBJECTIVES[k as keyof typeof SEC_OBJECTIVES]}`, classes: 'govuk-fieldset__legend--s' } },
            items: [...OBJECTIVE_VIEWS, ''].map((v) => ({ value: v, text: v === '' ? 'No view' : humanise(v), checked: (values[n] ?? '') === v })),
            errorMessage: errors[n] ? { text: errors[n] } : undefined,
          },
        });
      }
      out.push({ kind: 'fieldset-end' });
      return;
    }
    if (s.type === 'object') {
      out.push({ kind: 'fieldset-start', id, legend: shown, hint: joinHints(s.description, extraHint), error: errors[name], level });
      for (const [k, p, req] of propsOf(s)) field(p, req, `${name}.${k}`, humanise(k), level + 1);
      out.push({ kind: 'fieldset-end' });
      return;
    }
    if (s.type === 'array' && s.items?.type === 'object') {
      const rows = Math.min(s.maxItems ?? 1, Math.max(2, rowsFilled(values, name) + 1));
      out.push({ kind: 'fieldset-start', id, legend: shown, hint: joinHints(s.description, 'Leave a row empty if you do not need it.', extraHint), error: errors[name], level });
      for (let i = 0; i < rows; i++) {
        out.push({ kind: 'fieldset-start', id: `${id}-${i}`, legend: `${singular(label)} ${i + 1}`, level: level + 1 });
        for (const [k, p, req] of propsOf(s.items)) field(p, req, `${name}.${i}.${k}`, humanise(k), level + 2);
        out.push({ kind: 'fieldset-end' });
      }
      out.push({ kind: 'fieldset-end' });
      return;
    }
    if (s.type === 'array') {
      out.push({ kind: 'textarea', name, params: { ...base, label: { text: shown, classes: 'govuk-label--s' }, hint: hintOf('One per line.', s.description), rows: 4, value: values[name] ?? '' } });
      return;
    }
    if (s.type === 'boolean') {
      out.push({
        kind: 'radios', name,
        params: {
          ...base, idPrefix: id, classes: 'govuk-radios--inline',
          fieldset: { legend: { text: shown, classes: 'govuk-fieldset__legend--s' } }, hint: hintOf(s.description),
          items: [{ value: 'yes', text: 'Yes', checked: values[name] === 'yes' }, { value: 'no', text: 'No', checked: values[name] === 'no' }],
        },
      });
      return;
    }
    if (s.enum) {
      const choices = s.enum.map((v) => ({ value: String(v), text: valueLabel(String(v)) }));
      if (choices.length > MAX_RADIOS) {
        out.push({
          kind: 'select', name,
          params: {
            ...base, label: { text: shown, classes: 'govuk-label--s' }, hint: hintOf(s.description),
            items: [{ value: '', text: 'Choose an option' }, ...choices].map((c) => ({ ...c, selected: (values[name] ?? '') === c.value })),
          },
        });
      } else {
        out.push({
          kind: 'radios', name,
          params: {
            ...base, idPrefix: id, classes: choices.length <= 3 ? 'govuk-radios--inline' : undefined,
            fieldset: { legend: { text: shown, classes: 'govuk-fieldset__legend--s' } }, hint: hintOf(s.description),
            items: choices.map((c) => ({ ...c, checked: values[name] === c.value })),
          },
        });
      }
      return;
    }
    if (s.type === 'integer' || s.type === 'number') {
      const range = s.minimum !== undefined && s.maximum !== undefined ? `A number from ${s.minimum} to ${s.maximum}.` : undefined;
      out.push({
        kind: 'input', name,
        params: {
          ...base, label: { text: shown, classes: 'govuk-label--s' }, hint: hintOf(s.description, range), classes: 'govuk-input--width-10',
          inputmode: s.type === 'integer' ? 'numeric' : 'decimal', spellcheck: false, value: values[name] ?? '',
        },
      });
      return;
    }
    if (s.format === 'date') {
      // The GOV.UK date input: day, month and year boxes in a fieldset; the day box carries
      // the field's id, so the error summary links to it.
      const typed = splitDate(values[name]);
      out.push({
        kind: 'date', name,
        params: {
          id: `${id}-date`, namePrefix: name, errorMessage: error, attributes: { 'data-qa': name },
          fieldset: { legend: { text: shown, classes: 'govuk-fieldset__legend--s' } }, hint: hintOf(s.description, DATE_HINT),
          items: DATE_PARTS.map((part) => ({
            name: part, ...(part === 'day' ? { id } : {}), label: part.charAt(0).toUpperCase() + part.slice(1),
            classes: `${part === 'year' ? 'govuk-input--width-4' : 'govuk-input--width-2'}${error ? ' govuk-input--error' : ''}`,
            value: values[datePartName(name, part)] ?? typed?.[part] ?? '',
          })),
        },
      });
      return;
    }
    if (s.format === 'date-time') {
      out.push({
        kind: 'input', name,
        params: {
          ...base, label: { text: shown, classes: 'govuk-label--s' }, hint: hintOf(s.description, 'For example, 2026-03-27T09:00:00Z'),
          classes: 'govuk-input--width-20', spellcheck: false, value: values[name] ?? '',
        },
      });
      return;
    }
    if (isLong(s)) {
      out.push({ kind: 'textarea', name, params: { ...base, label: { text: shown, classes: 'govuk-label--s' }, hint: hintOf(s.description), rows: 5, value: values[name] ?? '' } });
      return;
    }
    out.push({ kind: 'input', name, params: { ...base, label: { text: shown, classes: 'govuk-label--s' }, hint: hintOf(s.description), spellcheck: false, value: values[name] ?? '' } });
  };

  for (const [k, p, req] of propsOf(schema)) {
    if (omit.has(k)) continue;
    field(p, req, `${prefix}${k}`, humanise(k), 0);
  }
  return out;
}

// Control characters other than tab and line breaks: never meant in a form, and PostgreSQL
// cannot store U+0000 in jsonb.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g;

/** The posted body as strings (repeated fields: the first; anything else is ignored). */
export function rawFormOf(body: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return out;
  for (const [k, v] of Object.entries(body as Record<string, unknown>)) {
    const first = Array.isArray(v) ? v.find((x) => typeof x === 'string') : v;
    if (typeof first === 'string') out[k] = first.replace(CONTROL, '');
    else if (typeof first === 'number' || typeof first === 'boolean') out[k] = String(first);
  }
  return out;
}

/**
 * The payload the form describes. Empty optional fields are left out; numbers and yes/no
 * answers are converted; anything that does not convert is kept as typed so that
 * `validateForm` can say what is wrong with it.
 */
export function readForm(schema: JsonSchemaObject, raw: RawForm, prefix = ''): Record<string, unknown> {
  return readObject(schema, raw, true, prefix) ?? {};
}

function readObject(s: JsonSchemaObject, raw: RawForm, required: boolean, childPrefix: string): Record<string, unknown> | undefined {
  const out: Record<string, unknown> = {};
  for (const [k, p, req] of propsOf(s)) {
    const v = readValue(p, raw, `${childPrefix}${k}`, req);
    if (v !== undefined) out[k] = v;
  }
  return Object.keys(out).length > 0 || required ? out : undefined;
}

function readValue(s: JsonSchemaObject, raw: RawForm, name: string, required: boolean): unknown {
  if (s.type === 'object') return readObject(s, raw, required, `${name}.`);
  if (s.type === 'array' && s.items?.type === 'object') {
    const rows: Record<string, unknown>[] = [];
    const count = Math.min(rowsFilled(raw, name), (s.maxItems ?? 0) + 1);
    for (let i = 0; i < count; i++) {
      const row = readObject(s.items, raw, false, `${name}.${i}.`);
      if (row) rows.push(row);
    }
    return rows.length > 0 || required ? rows : undefined;
  }
  if (s.format === 'date') return readDate(raw, name);
  const text = raw[name];
  if (s.type === 'array') {
    const lines = (text ?? '').split(/\r?\n/).map((l) => l.trim()).filter((l) => l !== '');
    const items = s.items?.type === 'integer' || s.items?.type === 'number' ? lines.map((l) => (/^-?\d+(\.\d+)?$/.test(l) ? Number(l) : l)) : lines;
    return items.length > 0 || required ? items : undefined;
  }
  const trimmed = isLong(s) ? (text ?? '').replace(/^\s*\n|\s+$/g, '') : (text ?? '').trim();
  if (trimmed === '') return undefined;
  if (s.type === 'boolean') return trimmed === 'yes' ? true : trimmed === 'no' ? false : trimmed;
  if (s.type === 'integer') return /^-?\d{1,15}$/.test(trimmed.replace(/,/g, '')) ? Number(trimmed.replace(/,/g, '')) : trimmed;
  if (s.type === 'number') return /^-?\d{1,15}(\.\d+)?$/.test(trimmed) ? Number(trimmed) : trimmed;
  return trimmed;
}

/** "2026-03-27" as its day, month and year boxes. */
function splitDate(iso: string | undefined): { day: string; month: string; year: string } | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso ?? '');
  return m ? { day: String(Number(m[3])), month: String(Number(m[2])), year: m[1]! } : undefined;
}

/**
 * A date from the day, month and year boxes (or from one field holding 2026-03-27). Numbers are
 * padded ("7" → "07"); anything else is kept as typed so that `validateForm` says it is not a date.
 */
function readDate(raw: RawForm, name: string): string | undefined {
  const parts = DATE_PARTS.map((p) => (raw[datePartName(name, p)] ?? '').trim());
  if (parts.every((p) => p === '')) {
    const single = (raw[name] ?? '').trim();
    return single === '' ? undefined : single;
  }
  const [day, month, year] = parts as [string, string, string];
  const pad = (v: string, n: number) => (/^\d{1,4}$/.test(v) ? v.padStart(n, '0') : v || '?');
  return `${/^\d{4}$/.test(year) ? year : year || '?'}-${pad(month, 2)}-${pad(day, 2)}`;
}

const isRealDate = (v: string): boolean => {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(v);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.getUTCFullYear() === Number(m[1]) && d.getUTCMonth() === Number(m[2]) - 1 && d.getUTCDate() === Number(m[3]);
};

/**
 * Checks a payload read by `readForm` against the schema subset of schema-builder.ts (type,
 * required, enum, minLength/maxLength, minimum/maximum, format, minItems/maxItems).
 * Returns GOV.UK messages keyed by the field name that holds the problem.
 */
export function validateForm(schema: JsonSchemaObject, payload: Record<string, unknown>, prefix = ''): FieldErrors {
  const errors: FieldErrors = {};
  checkObject(schema, payload, prefix, errors);
  return errors;
}

function checkObject(s: JsonSchemaObject, value: unknown, childPrefix: string, errors: FieldErrors): void {
  const obj = (typeof value === 'object' && value !== null && !Array.isArray(value) ? value : {}) as Record<string, unknown>;
  for (const [k, p, req] of propsOf(s)) check(p, obj[k], `${childPrefix}${k}`, humanise(k), req, errors);
}

function check(s: JsonSchemaObject, value: unknown, name: string, label: string, required: boolean, errors: FieldErrors): void {
  const what = inSentence(label);
  if (value === undefined) {
    if (!required) return;
    if (s.type === 'object') return checkObject(s, {}, `${name}.`, errors);
    if (s.type === 'boolean') errors[name] = `Select yes or no for ${what}`;
    else if (s.enum) errors[name] = `Select ${what}`;
    else if (s.type === 'array') errors[name] = `Enter at least one ${singular(what)}`;
    else errors[name] = `Enter ${what}`;
    return;
  }
  switch (s.type) {
    case 'object':
      return checkObject(s, value, `${name}.`, errors);
    case 'array': {
      if (!Array.isArray(value)) {
        errors[name] = `Enter ${what}`;
        return;
      }
      if (s.minItems !== undefined && value.length < s.minItems) errors[name] = `Enter at least ${s.minItems} ${s.minItems === 1 ? singular(what) : what}`;
      else if (s.maxItems !== undefined && value.length > s.maxItems) errors[name] = `Enter no more than ${s.maxItems} ${what}`;
      if (s.items?.type === 'object') {
        value.forEach((row, i) => checkObject(s.items!, row, `${name}.${i}.`, errors));
      } else if (s.items && !errors[name]) {
        const itemErrors: FieldErrors = {};
        value.forEach((item, i) => check(s.items!, item, `${name}.${i}`, `Line ${i + 1} of ${what}`, true, itemErrors));
        const first = Object.values(itemErrors)[0];
        if (first) errors[name] = first;
      }
      return;
    }
    case 'boolean':
      if (typeof value !== 'boolean') errors[name] = `Select yes or no for ${what}`;
      return;
    case 'integer':
    case 'number': {
      if (typeof value !== 'number' || !Number.isFinite(value) || (s.type === 'integer' && !Number.isInteger(value))) {
        errors[name] = `${label} must be a ${s.type === 'integer' ? 'whole number' : 'number'}`;
        return;
      }
      if ((s.minimum !== undefined && value < s.minimum) || (s.maximum !== undefined && value > s.maximum)) {
        errors[name] = `${label} must be between ${s.minimum ?? '-∞'} and ${s.maximum ?? '∞'}`;
      }
      return;
    }
    case 'string': {
      if (typeof value !== 'string') {
        errors[name] = `Enter ${what}`;
        return;
      }
      if (s.enum) {
        if (!s.enum.includes(value)) errors[name] = `Select ${what}`;
        return;
      }
      if (s.minLength !== undefined && value.length < s.minLength) errors[name] = `Enter ${what}`;
      else if (s.maxLength !== undefined && value.length > s.maxLength) errors[name] = `${label} must be ${s.maxLength} characters or fewer`;
      else if (s.format === 'date' && !isRealDate(value)) errors[name] = `${label} must be a real date, for example 27 3 2026`;
      else if (s.format === 'date-time' && (Number.isNaN(Date.parse(value)) || !/^\d{4}-\d{2}-\d{2}T/.test(value))) errors[name] = `${label} must be a date and time, for example 2026-03-27T09:00:00Z`;
    }
  }
}

/** The form fields that show a payload (the inverse of `readForm`), for prefilled forms. */
export function rawFormFrom(schema: JsonSchemaObject, payload: Readonly<Record<string, unknown>>, prefix = ''): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (s: JsonSchemaObject, v: unknown, name: string): void => {
    if (v === undefined || v === null) return;
    if (s.type === 'object' && typeof v === 'object' && !Array.isArray(v)) {
      for (const [k, p] of propsOf(s)) walk(p, (v as Record<string, unknown>)[k], `${name}.${k}`);
    } else if (s.type === 'array' && Array.isArray(v)) {
      if (s.items?.type === 'object') v.forEach((row, i) => walk(s.items!, row, `${name}.${i}`));
      else out[name] = v.map(String).join('\n');
    } else if (s.type === 'boolean' && typeof v === 'boolean') {
      out[name] = v ? 'yes' : 'no';
    } else if (s.format === 'date' && typeof v === 'string' && splitDate(v)) {
      const parts = splitDate(v)!;
      for (const part of DATE_PARTS) out[datePartName(name, part)] = parts[part];
    } else if (typeof v === 'string' || typeof v === 'number') {
      out[name] = String(v);
    }
  };
  for (const [k, p] of propsOf(schema)) walk(p, payload[k], `${prefix}${k}`);
  return out;
}

/** The GOV.UK error summary list: each message linking to its field. */
export const errorSummary = (errors: FieldErrors): Array<{ text: string; href: string }> =>
  Object.entries(errors).map(([name, text]) => ({ text, href: `#${fieldId(name)}` }));
