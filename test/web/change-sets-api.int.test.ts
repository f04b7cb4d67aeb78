// Change sets over the API (issue "Legal text engine", deliverables 3, 5, 6, 7), on the shipped
// SEC 5.18 excerpt (seeds/code/sec-5.18.txt, stored in every test database).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { bearerFor } from '../support/test-app.ts';
import { appSuite } from '../scenarios/api-client.ts';
import { importCode, indexCode, type Paragraph } from '../../src/domain/legal-text/index.ts';

const CA = 'analyst@secas.example';
const SEED = readFileSync(new URL('../../seeds/code/sec-5.18.txt', import.meta.url), 'utf8');
const base = indexCode(importCode(SEED, { version: '5.18', excerpt: true }));
const textOf = (address: string): string => (base.get(address) as Paragraph).text;
const C72 = 'C7.2 The Code Administrator shall perform those tasks and functions expressly ascribed to it under this Code, and any other tasks and functions as the Panel may assign to the Code Administrator from time to time. In particular, the Code Administrator shall:';

const suite = appSuite();
const { api } = suite;

const record = (body: Record<string, unknown>, as = CA) => api.raw(as, 'POST', '/api/v1/change-sets', body);
const amendF = (id: string, text: string) => record({ id, baseVersion: '5.18', operations: [{ kind: 'amend', target: 'C7.2(f)', text }] });
const versions = async () => (await api.raw(CA, 'GET', '/api/v1/code-versions')).body.versions as string[];

describe('recording a change set (deliverable 3: operations on addresses against a base Code version)', () => {
  it('a change set written as JSON operations is recorded, versioned, and read back with its operations, conflicts and findings', async () => {
    const first = await record({ id: 'CS-JSON', baseVersion: '5.18', operations: [
      { kind: 'amend', target: 'L8.11', text: 'The DCC shall, as soon as is reasonably practicable, submit a Draft Proposal.' },
      { kind: 'insert', address: 'C7.2(g)', after: 'C7.2(f)', text: 'publish the Modification Register;' },
      { kind: 'add-definition', term: 'Change Sub-Committee', text: 'has the meaning given to that expression in Section D2A.1.' },
    ] });
    expect(first.status, JSON.stringify(first.body)).toBe(201);
    expect(first.body).toMatchObject({ id: 'CS-JSON', version: 1, baseVersion: '5.18', source: 'operations', conflicts: [] });
    expect((first.body.operations as { kind: string; address: string }[]).map((o) => [o.kind, o.address])).toEqual([['amend', 'L8.11'], ['insert', 'C7.2(g)'], ['add-definition', 'A1.1[Change Sub-Committee]']]);
    expect(first.body.checkedText).toContain('(g) publish the Modification Register;');
    expect(Array.isArray(first.body.findings)).toBe(true);

    const second = await record({ id: 'CS-JSON', baseVersion: '5.18', operations: [{ kind: 'delete', target: 'C7.2(i)' }] });
    expect(second.status).toBe(201);
    expect(second.body.version).toBe(2);
    const v1 = await api.raw(CA, 'GET', '/api/v1/change-sets/CS-JSON?version=1');
    expect((v1.body.operations as unknown[]).length).toBe(3);
    const latest = await api.raw('proposer@large-supplier.example', 'GET', '/api/v1/change-sets/CS-JSON');
    expect(latest.body).toMatchObject({ version: 2, operations: [{ kind: 'delete', address: 'C7.2(i)' }] });
  });

  it('bad operations are refused with 422 and a detail naming each bad operation; a malformed body is a 400', async () => {
    const bad = await record({ id: 'CS-BAD', baseVersion: '5.18', operations: [{ kind: 'amend', target: 'not an address', text: 'x' }, { kind: 'insert', address: 'C7.2(g)' }] });
    expect(bad.status).toBe(422);
    expect(bad.body.detail).toContain('Operation 1 (amend)');
    expect(bad.body.detail).toContain('Operation 2 (insert) needs the new text');
    const malformed = await record({ id: 'CS-BAD', baseVersion: '5.18', operations: [{ kind: 'merge-silently', target: 'C7.2' }] });
    expect(malformed.status).toBe(400);
    expect(malformed.headers['content-type']).toContain('application/problem+json');
    const both = await record({ id: 'CS-BAD', baseVersion: '5.18', operations: [], documentId: 'LT-X' });
    expect(both.status).toBe(422);
    expect((await record({ id: 'CS-BAD', baseVersion: '9.99', operations: [{ kind: 'delete', target: 'C7.2(i)' }] })).status).toBe(422);
  });

  it('an operation that cannot apply to its base is refused as a conflict, never stored', async () => {
    const res = await record({ id: 'CS-MISSING', baseVersion: '5.18', operations: [{ kind: 'amend', target: 'C7.9', text: 'No such clause.' }] });
    expect(res.status).toBe(409);
    expect(res.body.conflicts).toEqual([expect.objectContaining({ kind: 'target-missing', address: 'C7.9' })]);
    expect((await api.raw(CA, 'GET', '/api/v1/change-sets/CS-MISSING')).status).toBe(404);
  });

  it('a new version recorded with a stale If-Match is refused with 412; the current ETag is accepted', async () => {
    const current = await api.raw(CA, 'GET', '/api/v1/change-sets/CS-JSON');
    expect(current.headers.etag).toBe('"2"');
    const body = { id: 'CS-JSON', baseVersion: '5.18', operations: [{ kind: 'delete', target: 'F1.4' }] };
    const stale = await api.raw(CA, 'POST', '/api/v1/change-sets', body, { 'if-match': '"1"' });
    expect(stale.status).toBe(412);
    const fresh = await api.raw(CA, 'POST', '/api/v1/change-sets', body, { 'if-match': '"2"' });
    expect(fresh.status).toBe(201);
    expect(fresh.headers.etag).toBe('"3"');
  });

  it('a repeat with the same Idempotency-Key answers the first version and records nothing; another body with the key is refused', async () => {
    const body = { id: 'CS-IDEM', baseVersion: '5.18', operations: [{ kind: 'delete', target: 'F1.4' }] };
    const first = await api.raw(CA, 'POST', '/api/v1/change-sets', body, { 'idempotency-key': 'cs-idem-1' });
    const again = await api.raw(CA, 'POST', '/api/v1/change-sets', body, { 'idempotency-key': 'cs-idem-1' });
    expect([first.status, again.status]).toEqual([201, 201]);
    expect(again.body.version).toBe(1);
    expect(await suite.t.services.store.streamVersion('change-set-CS-IDEM')).toBe(1);
    const other = await api.raw(CA, 'POST', '/api/v1/change-sets', { ...body, operations: [{ kind: 'delete', target: 'F1.6' }] }, { 'idempotency-key': 'cs-idem-1' });
    expect(other.status).toBe(422);
    expect(other.body.type).toBe('idempotency-key-reused');
  });

  it('only the Code Administrator records a change set (authorisation decided in the domain)', async () => {
    const res = await record({ id: 'CS-PARTY', baseVersion: '5.18', operations: [{ kind: 'delete', target: 'C7.2(i)' }] }, 'proposer@large-supplier.example');
    expect(res.status).toBe(403);
    expect(res.body.type).toBe('not-entitled');
  });
});

describe('a change set derived from a legal-text document (excerpt semantics)', () => {
  const document = async (documentId: string, text: string) =>
    expect((await api.raw(CA, 'POST', '/api/v1/legal-text-documents', { documentId, baseline: '5.18', text })).status).toBe(201);

  it('an excerpt that omits a limb leaves it unchanged (C7.2 quoting only (f) does not delete C7.2(i))', async () => {
    await document('LT-EXCERPT', `Section C – Governance\n\n${C72}\n    (f) facilitate a process whereby Parties can submit a Draft Proposal to the Code Administrator;\n`);
    const res = await record({ id: 'CS-EXCERPT', documentId: 'LT-EXCERPT' });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body).toMatchObject({ source: 'document', documentId: 'LT-EXCERPT', documentVersion: 1 });
    expect(res.body.operations).toEqual([expect.objectContaining({ kind: 'amend', address: 'C7.2(f)' })]);
    const redline = await api.raw(CA, 'GET', '/api/v1/change-sets/CS-EXCERPT/redline');
    expect(redline.status).toBe(200);
    const entries = redline.body.entries as { address: string; status: string; segments: { op: string; text: string }[] }[];
    expect(entries.map((e) => [e.address, e.status])).toEqual([['C7.2', 'changed']]);
    // (i) is still there, untouched: nothing of it is deleted.
    expect(entries[0]!.segments.filter((s) => s.op === 'delete').map((s) => s.text).join('')).not.toContain('without prejudice');
    expect(redline.body.html).toContain('<ins');
  });

  it('a provision whose whole text is "[Deleted]" is deleted explicitly', async () => {
    await document('LT-DELETE', `Section C – Governance\n\n${C72}\n    (i) [Deleted]\n`);
    const res = await record({ id: 'CS-DELETE', documentId: 'LT-DELETE' });
    expect(res.status).toBe(201);
    expect(res.body.operations).toEqual([expect.objectContaining({ kind: 'delete', address: 'C7.2(i)' })]);
  });

  it('a document that changes nothing it quotes is refused with a human detail', async () => {
    await document('LT-SAME', `Section C – Governance\n\n${C72}\n    (f) ${textOf('C7.2(f)')}\n`);
    const res = await record({ id: 'CS-SAME', documentId: 'LT-SAME' });
    expect(res.status).toBe(422);
    expect(res.body.detail).toContain('makes no change');
  });

  it('the redline is also served as HTML, with the drafter’s text escaped', async () => {
    expect((await amendF('CS-HTML', 'facilitate a <b>Draft Proposal</b> process;')).status).toBe(201);
    const res = await suite.t.app.inject({ method: 'GET', url: '/api/v1/change-sets/CS-HTML/redline?format=html', headers: { authorization: await bearerFor(suite.t.app, CA) } });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/html');
    expect(res.body).toContain('&lt;b&gt;');
    expect(res.body).not.toContain('<b>');
  });
});

describe('consolidating a SEC Release (deliverable 5)', () => {
  it('two change sets amending the same paragraph are reported as a conflict, never merged, and nothing is stored', async () => {
    expect((await amendF('CS-A', 'facilitate a process for Draft Proposals (A);')).status).toBe(201);
    expect((await amendF('CS-B', 'facilitate a process for Draft Proposals (B);')).status).toBe(201);
    const res = await api.raw(CA, 'POST', '/api/v1/consolidations', { base: '5.18', version: '5.20', changeSets: ['CS-A', 'CS-B'], store: true });
    expect(res.status).toBe(409);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.body.conflicts).toEqual([expect.objectContaining({ kind: 'overlap', address: 'C7.2(f)', changeSet: 'CS-B', other: { changeSet: 'CS-A', operation: 0 } })]);
    expect(await versions()).not.toContain('5.20');
  });

  it('several change sets apply in order and the result is stored as the next Code version by the Code Administrator', async () => {
    expect((await record({ id: 'CS-F16', baseVersion: '5.18', operations: [{ kind: 'amend', target: 'F1.6', text: 'The Code Administrator shall monitor Draft Proposals.' }] })).status).toBe(201);
    const preview = await api.raw('proposer@large-supplier.example', 'POST', '/api/v1/consolidations', { base: '5.18', version: '5.19', changeSets: ['CS-A', 'CS-F16'] });
    expect(preview.status).toBe(200);
    expect(preview.body.stored).toBe(false);
    expect((preview.body.redline as { entries: { address: string }[] }).entries.map((e) => e.address)).toEqual(['C7.2', 'F1.6']);
    expect((await api.raw('proposer@large-supplier.example', 'POST', '/api/v1/consolidations', { base: '5.18', version: '5.19', changeSets: ['CS-A', 'CS-F16'], store: true })).status).toBe(403);
    const stored = await api.raw(CA, 'POST', '/api/v1/consolidations', { base: '5.18', version: '5.19', changeSets: ['CS-A', 'CS-F16'], store: true });
    expect(stored.status, JSON.stringify(stored.body)).toBe(201);
    expect(stored.body).toMatchObject({ stored: true, version: '5.19', changeSets: [{ id: 'CS-A', version: 1 }, { id: 'CS-F16', version: 1 }] });
    expect(await versions()).toContain('5.19');
    const code = indexCode((await suite.t.services.legalTexts.codeVersion('5.19'))!);
    expect((code.get('C7.2(f)') as Paragraph).text).toBe('facilitate a process for Draft Proposals (A);');
    expect(code.has('C7.2(i)')).toBe(true);
    expect((await api.raw(CA, 'POST', '/api/v1/consolidations', { base: '5.18', version: '5.19', changeSets: ['CS-A'], store: true })).status).toBe(409);
  });
});

describe('rebasing onto a newer Code version (deliverable 6)', () => {
  it('rebasing onto an unchanged base moves every operation over, and nothing is stored until asked', async () => {
    expect((await api.raw(CA, 'POST', '/api/v1/code-versions', { version: '5.18.1', text: SEED })).status).toBe(201);
    const res = await api.raw(CA, 'POST', '/api/v1/change-sets/CS-JSON/rebase', { onto: '5.18.1' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ from: '5.18', onto: '5.18.1', conflicts: [], toCheck: [] });
    expect((res.body.moved as { kind: string; address: string }[]).map((o) => [o.kind, o.address])).toEqual([['delete', 'F1.4']]);
    expect((await api.raw(CA, 'GET', '/api/v1/change-sets/CS-JSON')).body.baseVersion).toBe('5.18');
  });

  it('an operation whose target changed is a conflict with both texts, and recording such a rebase is refused', async () => {
    // 5.19 (stored above) amended C7.2(f); CS-B amends the same paragraph of 5.18.
    const res = await api.raw(CA, 'POST', '/api/v1/change-sets/CS-B/rebase', { onto: '5.19' });
    expect(res.status).toBe(200);
    expect(res.body.moved).toEqual([]);
    expect(res.body.conflicts).toEqual([expect.objectContaining({
      kind: 'target-changed', address: 'C7.2(f)',
      oldBaseText: expect.stringContaining(textOf('C7.2(f)')),
      newBaseText: expect.stringContaining('facilitate a process for Draft Proposals (A);'),
    })]);
    const recorded = await api.raw(CA, 'POST', '/api/v1/change-sets/CS-B/rebase', { onto: '5.19', record: true });
    expect(recorded.status).toBe(409);
    expect((recorded.body.conflicts as unknown[]).length).toBe(1);
    expect((await api.raw(CA, 'GET', '/api/v1/change-sets/CS-B')).body).toMatchObject({ version: 1, baseVersion: '5.18' });
  });

  it('a clean rebase says which drafting must be checked, and recording it is an explicit act that makes a new version', async () => {
    expect((await record({ id: 'CS-I', baseVersion: '5.18', operations: [{ kind: 'amend', target: 'C7.2(i)', text: 'provide support to the Proposer of a Draft Proposal;' }] })).status).toBe(201);
    const preview = await api.raw(CA, 'POST', '/api/v1/change-sets/CS-I/rebase', { onto: '5.19' });
    expect(preview.body.conflicts).toEqual([]);
    expect(preview.body.toCheck).toEqual([expect.objectContaining({ address: 'C7.2(f)' })]);
    expect((await api.raw('proposer@large-supplier.example', 'POST', '/api/v1/change-sets/CS-I/rebase', { onto: '5.19', record: true })).status).toBe(403);
    const recorded = await api.raw(CA, 'POST', '/api/v1/change-sets/CS-I/rebase', { onto: '5.19', record: true });
    expect(recorded.status).toBe(201);
    expect(recorded.body.recordedVersion).toBe(2);
    expect((await api.raw(CA, 'GET', '/api/v1/change-sets/CS-I')).body).toMatchObject({ version: 2, baseVersion: '5.19', source: 'rebase', rebasedFrom: '5.18', conflicts: [] });
  });
});

describe('repeating a recording write with its Idempotency-Key', () => {
  it('a recorded rebase repeated with the same key answers the first outcome and records no second version', async () => {
    expect((await record({ id: 'CS-IDEM-R', baseVersion: '5.18', operations: [{ kind: 'amend', target: 'L8.11', text: 'The DCC shall submit a Draft Proposal.' }] })).status).toBe(201);
    const send = () => api.raw(CA, 'POST', '/api/v1/change-sets/CS-IDEM-R/rebase', { onto: '5.19', record: true }, { 'idempotency-key': 'rebase-idem-1' });
    const first = await send();
    expect(first.status, JSON.stringify(first.body)).toBe(201);
    const again = await send();
    expect(again.status).toBe(201);
    expect(again.body).toEqual(first.body);
    expect((await api.raw(CA, 'GET', '/api/v1/change-sets/CS-IDEM-R')).body).toMatchObject({ version: 2, baseVersion: '5.19' });
    // Without the key the same request is a new act: the change set is already on 5.19.
    expect((await api.raw(CA, 'POST', '/api/v1/change-sets/CS-IDEM-R/rebase', { onto: '5.19', record: true })).status).toBe(422);
    const other = await api.raw(CA, 'POST', '/api/v1/change-sets/CS-IDEM-R/rebase', { onto: '5.18.1', record: true }, { 'idempotency-key': 'rebase-idem-1' });
    expect(other.status).toBe(422);
    expect(other.body.type).toBe('idempotency-key-reused');
  });

  it('a stored consolidation repeated with the same key answers the first 201 and stores nothing more', async () => {
    const body = { base: '5.18', version: '5.21', changeSets: ['CS-F16'], store: true };
    const first = await api.raw(CA, 'POST', '/api/v1/consolidations', body, { 'idempotency-key': 'release-idem-1' });
    expect(first.status, JSON.stringify(first.body)).toBe(201);
    const again = await api.raw(CA, 'POST', '/api/v1/consolidations', body, { 'idempotency-key': 'release-idem-1' });
    expect(again.status).toBe(201);
    expect(again.body).toEqual(first.body);
    const events = await suite.t.services.store.readStream('code-version-5.21');
    expect(events).toHaveLength(1);
    expect((await api.raw(CA, 'POST', '/api/v1/consolidations', body)).status).toBe(409);
  });
});
