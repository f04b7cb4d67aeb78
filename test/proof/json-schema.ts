// Values from the JSON Schema subset the API uses (schema-builder.ts: object, string with
// bounds/enum/format, integer/number with bounds, boolean, array with bounds), for the proof
// suite: one plain valid example per schema (the authorisation matrix), and fast-check
// arbitraries for valid, invalid and boundary bodies (the API fuzz).
import fc from 'fast-check';

export interface Schema {
  readonly type?: string | readonly string[];
  readonly properties?: Readonly<Record<string, Schema>>;
  readonly required?: readonly string[];
  readonly additionalProperties?: boolean | Schema;
  readonly enum?: readonly unknown[];
  readonly minLength?: number;
  readonly maxLength?: number;
  readonly minimum?: number;
  readonly maximum?: number;
  readonly items?: Schema;
  readonly minItems?: number;
  readonly maxItems?: number;
  readonly format?: string;
  readonly pattern?: string;
}

const typeOf = (s: Schema): string => (Array.isArray(s.type) ? (s.type[0] as string) : (s.type as string | undefined) ?? (s.properties ? 'object' : 'string'));

/** A short plain valid value: required properties only, the first enum value, the lower bounds. */
export function exampleOf(s: Schema): unknown {
  if (s.enum) return s.enum[0];
  switch (typeOf(s)) {
    case 'object':
      return Object.fromEntries((s.required ?? []).map((k) => [k, exampleOf(s.properties?.[k] ?? {})]));
    case 'array':
      return Array.from({ length: s.minItems ?? 0 }, () => exampleOf(s.items ?? {}));
    case 'integer':
    case 'number':
      return Math.max(s.minimum ?? 0, Math.min(1, s.maximum ?? 1));
    case 'boolean':
      return true;
    default:
      if (s.format === 'date') return '2026-06-30';
      if (s.format === 'date-time') return '2026-06-30T12:00:00Z';
      if (s.format === 'email') return 'someone@example.com';
      return 'x'.repeat(Math.max(s.minLength ?? 0, Math.min(s.maxLength ?? 3, 3)));
  }
}

/** Strings a person might type, bounded by the schema, with the usual hostile characters. */
const stringArb = (s: Schema): fc.Arbitrary<string> => {
  if (s.format === 'date') return fc.constantFrom('2026-01-01', '2026-12-31', '2030-02-28', '1999-01-01');
  if (s.format === 'date-time') return fc.constantFrom('2026-01-01T00:00:00Z', '2026-07-01T09:30:00.000Z');
  if (s.format === 'email') return fc.constantFrom('a@b.co', 'proposer@large-supplier.example');
  const min = s.minLength ?? 0;
  const max = Math.min(s.maxLength ?? 64, 64);
  const boundary = s.maxLength !== undefined && s.maxLength <= 20_000 ? [fc.constant('y'.repeat(s.maxLength))] : [];
  return fc.oneof(
    fc.string({ minLength: min, maxLength: Math.max(min, max) }),
    fc.constantFrom('<script>alert(1)</script>', "'; DROP TABLE events; --", '${7*7}{{7*7}}', '../../etc/passwd', '\u202e\ud83d\ude00 é', '%00%0d%0a').filter((x) => x.length >= min && x.length <= (s.maxLength ?? Infinity)),
    ...boundary,
  );
};

/** Valid values for the schema (including boundary lengths and numbers). */
export function validArb(s: Schema): fc.Arbitrary<unknown> {
  if (s.enum) return fc.constantFrom(...s.enum);
  switch (typeOf(s)) {
    case 'object': {
      const props = s.properties ?? {};
      const required = new Set(s.required ?? []);
      const record: Record<string, fc.Arbitrary<unknown>> = {};
      for (const [k, v] of Object.entries(props)) record[k] = validArb(v);
      return fc.record(record, { requiredKeys: Object.keys(props).filter((k) => required.has(k)) });
    }
    case 'array':
      return fc.array(validArb(s.items ?? {}), { minLength: s.minItems ?? 0, maxLength: Math.min(s.maxItems ?? 3, 3) });
    case 'integer': {
      const min = s.minimum ?? -1_000_000;
      const max = s.maximum ?? 1_000_000;
      return fc.oneof(fc.integer({ min, max }), fc.constantFrom(min, max));
    }
    case 'number':
      return fc.double({ min: s.minimum ?? -1e9, max: s.maximum ?? 1e9, noNaN: true, noDefaultInfinity: true });
    case 'boolean':
      return fc.boolean();
    default:
      return stringArb(s);
  }
}

/** Values of the wrong type, out of bounds or hostile in shape. */
const wrongValue = (s: Schema): fc.Arbitrary<unknown> => {
  const t = typeOf(s);
  const options: fc.Arbitrary<unknown>[] = [
    fc.constantFrom(null, [], {}, 1e308, -1e308, Number.MAX_SAFE_INTEGER + 2, '', 'x'.repeat(100_001)),
    fc.constant(t === 'string' ? 12345 : 'not-a-' + t),
  ];
  if (s.maxLength !== undefined) options.push(fc.constant('z'.repeat(s.maxLength + 1)));
  if (s.maximum !== undefined) options.push(fc.constant(s.maximum + 1));
  if (s.minimum !== undefined) options.push(fc.constant(s.minimum - 1));
  if (s.maxItems !== undefined) options.push(fc.constant(Array.from({ length: s.maxItems + 1 }, () => exampleOf(s.items ?? {}))));
  return fc.oneof(...options);
};

const POLLUTION_KEYS = ['__proto__', 'constructor', 'prototype'] as const;

/**
 * Invalid bodies built from a valid one: a required key missing, a property of the wrong
 * type or out of bounds, unknown keys, and prototype-pollution keys (as raw JSON text, since
 * `{ __proto__: … }` in a literal would set the prototype instead of a key).
 */
export function invalidBodyArb(s: Schema): fc.Arbitrary<string> {
  const props = Object.entries(s.properties ?? {});
  const base = exampleOf(s) as Record<string, unknown>;
  const arbs: fc.Arbitrary<string>[] = [
    fc.constantFrom('null', '[]', '"text"', '42', '{}', '{"a":', '{"payload":{"__proto__":{"polluted":true}}}'),
    fc.constantFrom(...POLLUTION_KEYS).map((k) => JSON.stringify(base).replace(/^\{/, `{"${k}":{"isAdmin":true,"polluted":true},`).replace(/,}$/, '}')),
    fc.string({ minLength: 1, maxLength: 20 }).map((k) => JSON.stringify({ ...base, [`unknown_${k}`]: 'surprise' })),
  ];
  if ((s.required ?? []).length > 0) {
    arbs.push(fc.constantFrom(...(s.required ?? [])).map((k) => {
      const copy = { ...base };
      delete copy[k];
      return JSON.stringify(copy);
    }));
  }
  if (props.length > 0) {
    arbs.push(fc.constantFrom(...props).chain(([k, v]) => wrongValue(v).map((bad) => JSON.stringify({ ...base, [k]: bad }))));
    // One level down: the same for a nested object (a command's `payload`).
    const nested = props.filter(([, v]) => typeOf(v) === 'object' && v.properties);
    if (nested.length > 0) {
      arbs.push(fc.constantFrom(...nested).chain(([k, v]) => invalidBodyArb(v).map((inner) => {
        const outer = JSON.stringify({ ...base, [k]: '__INNER__' });
        return outer.replace('"__INNER__"', inner);
      })));
    }
  }
  return fc.oneof(...arbs);
}
