// The schema-driven form: every command's payload schema renders, a payload survives the
// round trip through form fields, and no posted form can make the parser or validator throw.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { COMMAND_NAMES, PAYLOAD_SCHEMAS } from '../../../domain/modification/index.ts';
import { errorSummary, formItems, humanise, rawFormFrom, readForm, validateForm } from './schema-form.ts';

describe('formItems', () => {
  it('renders every command payload with unique field names and balanced fieldsets', () => {
    for (const command of COMMAND_NAMES) {
      const items = formItems(PAYLOAD_SCHEMAS[command]);
      const names = items.flatMap((i) => ('name' in i ? [i.name] : []));
      expect(new Set(names).size, command).toBe(names.length);
      expect(items.filter((i) => i.kind === 'fieldset-start').length, command).toBe(items.filter((i) => i.kind === 'fieldset-end').length);
    }
  });

  it('chooses the GOV.UK component by schema: textarea, radios, select, numeric input, date input, lines, objectives', () => {
    const kinds = (command: keyof typeof PAYLOAD_SCHEMAS) => Object.fromEntries(formItems(PAYLOAD_SCHEMAS[command]).flatMap((i) => ('name' in i ? [[i.name, i]] : [])));
    const convert = kinds('convert');
    expect(convert.route?.kind).toBe('radios');
    expect(convert.pathReasons?.kind).toBe('textarea');
    expect(convert.path).toMatchObject({ kind: 'input', params: { inputmode: 'numeric' } });
    expect(convert.path2Criteria).toMatchObject({ kind: 'textarea', params: { hint: { text: expect.stringContaining('One per line') } } });
    expect(convert.workingGroupRequired).toMatchObject({ kind: 'radios', params: { items: [{ value: 'yes' }, { value: 'no' }] } });
    expect(convert['timetable.overrides.0.timer']?.kind).toBe('select');
    expect(kinds('approve-report-consultation').opensOn).toMatchObject({
      kind: 'date', params: { namePrefix: 'opensOn', items: [{ name: 'day', id: 'opensOn' }, { name: 'month' }, { name: 'year' }], hint: { text: expect.stringContaining('For example, 27 3 2026') } },
    });
    expect(kinds('cast-vote')['objectives.c']).toMatchObject({ kind: 'radios', params: { items: [{ value: 'better' }, { value: 'neutral' }, { value: 'worse' }, { value: '' }] } });
    expect(kinds('mark-implemented').secVersion).toMatchObject({ kind: 'input', params: { label: { text: 'SEC version' } } });
  });

  it('humanises property names', () => {
    expect(humanise('legalTextDocumentId')).toBe('Legal text document ID');
    expect(humanise('costGbp')).toBe('Cost (£)');
    expect(humanise('affectsDccSystems')).toBe('Affects DCC systems');
  });
});

describe('readForm and validateForm', () => {
  const samples = {
    convert: {
      route: 'refinement', path: 3, pathReasons: 'Reasons', path2Criteria: ['consumers', 'competition'],
      timetable: { summary: 'To June', overrides: [{ timer: 'TM02', amount: 20, unit: 'WD' }] }, workingGroupRequired: false,
      proposedSolution: { summary: 'A solution', affectsDccSystems: true },
    },
    'raise-alternative-solution': { summary: 'Alt', wgVote: { for: 4, against: 1, rationale: 'Because', objectives: { a: 'better', h: 'worse' } } },
    'record-screening': { outcome: 'complete', crossCode: 'impact', crossCodeLinks: [{ code: 'REC', changeReference: 'R0001' }], reason: 'Fine' },
  } as const;

  it('a payload survives the round trip through the form fields, and is valid', () => {
    for (const [command, payload] of Object.entries(samples)) {
      const schema = PAYLOAD_SCHEMAS[command as keyof typeof samples];
      const read = readForm(schema, rawFormFrom(schema, payload));
      expect(read, command).toEqual(payload);
      expect(validateForm(schema, read), command).toEqual({});
    }
  });

  it('an empty form: an error for each required field only, each linking to its field', () => {
    const schema = PAYLOAD_SCHEMAS['raise-alternative-solution'];
    const errors = validateForm(schema, readForm(schema, {}));
    expect(Object.keys(errors).sort()).toEqual(['summary', 'wgVote.against', 'wgVote.for', 'wgVote.rationale']);
    expect(errorSummary(errors).map((e) => e.href)).toContain('#wgVote-for');
  });

  it('keeps what does not convert, so the validator can say what is wrong', () => {
    const schema = PAYLOAD_SCHEMAS.convert;
    const read = readForm(schema, { route: 'sideways', path: 'three', workingGroupRequired: 'maybe', 'timetable.summary': 'x', 'timetable.overrides.0.amount': '999' });
    expect(validateForm(schema, read)).toEqual({
      route: 'Select route',
      path: 'Path must be a whole number',
      workingGroupRequired: 'Select yes or no for working group required',
      'timetable.overrides.0.timer': 'Select timer',
      'timetable.overrides.0.amount': 'Amount must be between 0 and 400',
      'timetable.overrides.0.unit': 'Select unit',
    });
  });

  it('never throws, whatever is posted', () => {
    const key = fc.oneof(
      fc.constantFrom(...COMMAND_NAMES.flatMap((c) => Object.keys(PAYLOAD_SCHEMAS[c].properties ?? {}))),
      fc.string({ maxLength: 30 }),
      fc.tuple(fc.constantFrom('timetable.overrides', 'crossCodeLinks', 'representations', 'wgVote.objectives'), fc.nat(1_000_000), fc.string({ maxLength: 8 })).map(([a, i, b]) => `${a}.${i}.${b}`),
    );
    fc.assert(fc.property(fc.constantFrom(...COMMAND_NAMES), fc.dictionary(key, fc.string({ maxLength: 40 }), { maxKeys: 12 }), (command, raw) => {
      const schema = PAYLOAD_SCHEMAS[command];
      const payload = readForm(schema, raw);
      validateForm(schema, payload);
      formItems(schema, { values: raw, errors: { x: 'y' } });
    }), { numRuns: 300 });
  });
});

describe('the GOV.UK date input', () => {
  const schema = PAYLOAD_SCHEMAS['approve-report-consultation'];
  it('reads day, month and year boxes into an ISO date, padding single digits', () => {
    expect(readForm(schema, { 'opensOn-day': '9', 'opensOn-month': '3', 'opensOn-year': '2026', closesOn: '2026-03-27' })).toMatchObject({ opensOn: '2026-03-09', closesOn: '2026-03-27' });
  });
  it('says a date that does not exist, or a part missing, is not a real date, keyed to the field the summary links to', () => {
    const errors = validateForm(schema, readForm(schema, { 'opensOn-day': '30', 'opensOn-month': '2', 'opensOn-year': '2026', 'closesOn-day': '1', 'closesOn-year': '2026' }));
    expect(errors.opensOn).toMatch(/real date/);
    expect(errors.closesOn).toMatch(/real date/);
    expect(errorSummary({ opensOn: errors.opensOn! })).toEqual([{ text: errors.opensOn, href: '#opensOn' }]);
  });
  it('shows a stored date back in its three boxes', () => {
    expect(rawFormFrom(schema, { opensOn: '2026-03-09' })).toMatchObject({ 'opensOn-day': '9', 'opensOn-month': '3', 'opensOn-year': '2026' });
  });
});
