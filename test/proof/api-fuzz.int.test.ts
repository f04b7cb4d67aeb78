// Proof suite (security): API fuzzing from the OpenAPI document. For every operation of
// GET /api/v1/openapi.json, fast-check sends bodies valid under the operation's schema,
// invalid ones (a required key missing, wrong types, out-of-bound values), boundary values
// (maximum lengths, empty strings, huge numbers), unknown keys and prototype-pollution keys,
// with hostile path and query values, anonymously and as several roles. Whatever is sent:
// never a 5xx; the status is one the document gives for the operation or a generic refusal;
// errors are problem+json; no stack frame, source path or SQL text reaches a body; and the
// process's Object.prototype is untouched. Fixed seed, bounded runs.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { bearerFor, startTestApp, type TestApp } from '../support/test-app.ts';
import { DRAFT } from '../scenarios/api-client.ts';
import { invalidBodyArb, validArb, type Schema } from './json-schema.ts';

const GENERIC = [400, 401, 403, 404, 409, 412, 413, 415, 422, 429];
const SEED = 20260302;
const RUNS_PER_OPERATION = 12;

const STACK = /\bat [\w$.<>]+ \(|\bat (?:file|node):|\/work\/|node_modules|[\w-]+\.(?:ts|js):\d+:\d+/;
const SQL = /syntax error at or near|violates (?:not-null|foreign key|unique|check) constraint|duplicate key value|relation "|column "|invalid input syntax for|\bSELECT\b[\s\S]+\bFROM\b|\bINSERT INTO\b|current transaction is aborted|PostgreSQL|\bkysely\b/i;

interface Parameter { readonly name: string; readonly in: string; readonly schema?: Schema }
interface Operation {
  readonly method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  readonly path: string;
  readonly parameters: readonly Parameter[];
  readonly bodySchema?: Schema;
  readonly statuses: readonly number[];
}

let t: TestApp;
let doc: { paths: Record<string, Record<string, { parameters?: Parameter[]; requestBody?: { content: Record<string, { schema: Schema }> }; responses: Record<string, unknown> }>> };
const identities: Record<string, string | undefined> = { anonymous: undefined };
let freshToken: string;

beforeAll(async () => {
  t = await startTestApp();
  for (const email of ['proposer@large-supplier.example', 'analyst@secas.example', 'admin@secmod.example', 'proposer@defaulting-supplier.example', 'authority@ofgem.example']) {
    identities[email] = await bearerFor(t.app, email);
  }
  identities['a revoked token'] = 'Bearer smt_not-a-real-token-0000000000000000';
  // Taken before the fuzz: its failed sign-ins trip the per-address limit (429) afterwards.
  freshToken = await bearerFor(t.app, 'csc.member@csc.example');
  // Something for the path parameters to find.
  const raised = await t.app.inject({ method: 'POST', url: '/api/v1/draft-proposals', headers: { authorization: identities['proposer@large-supplier.example']! }, payload: { payload: DRAFT } });
  expect(raised.statusCode).toBe(201);
  doc = (await t.app.inject({ method: 'GET', url: '/api/v1/openapi.json' })).json();
});
afterAll(async () => t?.close());

const operations = (): Operation[] => Object.entries(doc.paths).flatMap(([path, ops]) => Object.entries(ops).map(([method, op]) => ({
  method: method.toUpperCase() as Operation['method'],
  path,
  parameters: op.parameters ?? [],
  // Binary bodies (uploads) get the generic hostile bodies; JSON bodies are generated from their schema.
  ...(op.requestBody?.content['application/json'] ? { bodySchema: op.requestBody.content['application/json'].schema } : {}),
  statuses: Object.keys(op.responses).map(Number),
})));

/** Values for a path parameter: ones that exist, and hostile ones. */
const pathValue = (name: string): fc.Arbitrary<string> => fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...(name === 'reference' ? ['DP001', 'MP001', '1'] : ['1', 'DP001', 'LT-1', 'x'])) },
  { weight: 2, arbitrary: fc.constantFrom('DP999999999', 'MP0', '-1', '9'.repeat(40), '..%2F..%2Fetc%2Fpasswd', '%00', "1'%20OR%20'1'='1", '%E2%80%AE', '<script>', 'null', 'undefined', '__proto__', 'constructor') },
  { weight: 1, arbitrary: fc.string({ minLength: 1, maxLength: 30 }).map(encodeURIComponent) },
);

const queryValue = (p: Parameter): fc.Arbitrary<string> => fc.oneof(
  validArb(p.schema ?? { type: 'string' }).map(String),
  fc.constantFrom('', '-1', '1e309', '99999999999999999999', 'true', '[]', '{"$gt":""}', "' OR 1=1 --", 'x'.repeat(5000)),
);

type Sent = { identity: string; url: string; body?: string; contentType: string; headers: Record<string, string> };

function requestArb(op: Operation): fc.Arbitrary<Sent> {
  const pathParams = op.parameters.filter((p) => p.in === 'path');
  const queryParams = op.parameters.filter((p) => p.in === 'query');
  const url = fc.tuple(
    fc.tuple(...pathParams.map((p) => pathValue(p.name).map((v) => [p.name, v] as const))),
    fc.array(fc.oneof(...(queryParams.length ? queryParams.map((p) => queryValue(p).map((v) => [p.name, v] as const)) : [fc.constant(['unknown', 'x'] as const)]), fc.constant(['__proto__[polluted]', 'yes'] as const)), { maxLength: 3 }),
  ).map(([path, query]) => {
    let u = op.path;
    for (const [k, v] of path) u = u.replace(`{${k}}`, v);
    return query.length ? `${u}?${query.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join('&')}` : u;
  });
  const body: fc.Arbitrary<string | undefined> = op.bodySchema
    ? fc.oneof(validArb(op.bodySchema).map((b) => JSON.stringify(b)), invalidBodyArb(op.bodySchema))
    : fc.constantFrom(undefined, '{"unexpected":true}');
  const headers = fc.oneof(
    { weight: 4, arbitrary: fc.constant({}) },
    { weight: 1, arbitrary: fc.record({ 'idempotency-key': fc.constantFrom('k-1', '', 'x'.repeat(500), 'bad key!') }) },
    { weight: 1, arbitrary: fc.record({ 'if-match': fc.constantFrom('"1"', '"999"', 'W/"2"', 'nonsense', '"-1"') }) },
  );
  const contentType = fc.oneof({ weight: 6, arbitrary: fc.constant('application/json') }, { weight: 1, arbitrary: fc.constantFrom('text/plain', 'application/xml', 'application/x-www-form-urlencoded') });
  return fc.record({ identity: fc.constantFrom(...Object.keys(identities)), url, body, contentType, headers });
}

const statusesSeen = new Map<number, number>();

async function send(op: Operation, sent: Sent) {
  const auth = identities[sent.identity];
  const res = await t.app.inject({
    method: op.method,
    url: sent.url,
    headers: { ...sent.headers, ...(auth ? { authorization: auth } : {}), ...(sent.body !== undefined ? { 'content-type': sent.contentType } : {}) },
    ...(sent.body !== undefined ? { payload: sent.body } : {}),
  });
  statusesSeen.set(res.statusCode, (statusesSeen.get(res.statusCode) ?? 0) + 1);
  const where = `${op.method} ${sent.url} as ${sent.identity} with ${sent.contentType} ${sent.body?.slice(0, 300)} → ${res.statusCode} ${res.body.slice(0, 500)}`;
  expect(res.statusCode, where).toBeLessThan(500);
  expect([...op.statuses, ...GENERIC], where).toContain(res.statusCode);
  if (res.statusCode >= 400) {
    expect(res.headers['content-type'], where).toContain('application/problem+json');
    const problem = res.json();
    expect(problem, where).toMatchObject({ status: res.statusCode, type: expect.any(String), title: expect.any(String), detail: expect.any(String) });
    expect(res.body, where).not.toMatch(STACK);
    expect(res.body, where).not.toMatch(SQL);
  }
  expect(({} as Record<string, unknown>).polluted, where).toBeUndefined();
  expect(({} as Record<string, unknown>).isAdmin, where).toBeUndefined();
}

describe('API fuzzing from the OpenAPI document', () => {
  it('the document lists every API operation the app serves', () => {
    const documented = new Set(operations().map((o) => `${o.method} ${o.path.replace(/\{(\w+)\}/g, ':$1')}`));
    const served = t.app.routeCatalogue.filter((r) => r.url.startsWith('/api/v1/') && r.method !== 'HEAD' && r.url !== '/api/v1/openapi.json').map((r) => `${r.method} ${r.url}`);
    expect(served.filter((r) => !documented.has(r))).toEqual([]);
  });

  it(`every operation × ${RUNS_PER_OPERATION} generated requests: no 5xx, documented statuses, problem+json errors, nothing leaked`, async () => {
    const ops = operations();
    expect(ops.length).toBeGreaterThan(70);
    for (const [i, op] of ops.entries()) {
      // Revoking a session needs a token of its own each time, or the fuzz would revoke the cast's.
      if (op.method === 'DELETE' && op.path === '/api/v1/session') continue;
      await fc.assert(fc.asyncProperty(requestArb(op), (sent) => send(op, sent)), { numRuns: RUNS_PER_OPERATION, seed: SEED + i, endOnFailure: true });
    }
    // The fuzz reached past validation: some requests were accepted, many refused for their shape or rights.
    expect(statusesSeen.get(400) ?? 0).toBeGreaterThan(50);
    expect([...statusesSeen.keys()].some((s) => s >= 200 && s < 300)).toBe(true);
    expect(statusesSeen.get(401) ?? 0).toBeGreaterThan(10);
  }, 90_000);

  it('DELETE /api/v1/session with fresh, revoked and malformed tokens', async () => {
    const op = operations().find((o) => o.method === 'DELETE' && o.path === '/api/v1/session')!;
    for (const auth of [freshToken, freshToken, 'Bearer ', 'Basic abc', `Bearer ${'x'.repeat(5000)}`, 'Bearer smt_\u0000']) {
      const res = await t.app.inject({ method: 'DELETE', url: '/api/v1/session', headers: { authorization: auth } });
      expect(res.statusCode, auth.slice(0, 40)).toBeLessThan(500);
      expect([...op.statuses, ...GENERIC]).toContain(res.statusCode);
    }
  });

  it('a query number too large to be finite (1e309, coerced to Infinity) is a 400, not a database error', async () => {
    for (const url of ['/api/v1/modifications?offset=1e309', '/api/v1/modifications?limit=Infinity', '/api/v1/modifications?path=1e309']) {
      const res = await t.app.inject({ method: 'GET', url, headers: { authorization: identities['analyst@secas.example']! } });
      expect(res.statusCode, url).toBe(400);
      expect(res.headers['content-type']).toContain('application/problem+json');
    }
  });

  it('prototype-pollution keys in a command payload are dropped, never stored or applied', async () => {
    const body = `{"payload":{"__proto__":{"polluted":true},"constructor":{"prototype":{"polluted":true}},"title":"Pollution","problemStatement":"p","affectedProvisions":["H4.12"],"submissionBasis":"voluntary","iprAccepted":true}}`;
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/draft-proposals', headers: { authorization: identities['proposer@large-supplier.example']!, 'content-type': 'application/json' }, payload: body });
    expect([201, 400]).toContain(res.statusCode);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    if (res.statusCode === 201) {
      const events = await t.app.inject({ method: 'GET', url: `/api/v1/modifications/${res.json().reference}/events`, headers: { authorization: identities['proposer@large-supplier.example']! } });
      expect(events.body).not.toContain('polluted');
    }
  });
});
