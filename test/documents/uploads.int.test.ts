// Supporting document uploads through the API (issue "Proof suite" item 13): the type is told
// from the bytes, never from the name or the declared Content-Type; the size is limited; the
// name is metadata only; the bytes are stored by their SHA-256 and served back as an
// attachment that no browser will sniff; each upload is a SupportingDocumentAttached event on
// the proposal's stream; who may upload is the domain's rule.
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearerFor, startTestApp, type TestApp } from '../support/test-app.ts';
import { ApiCast, DRAFT } from '../scenarios/api-client.ts';
import { CSV, HTML, office, PDF, PNG } from './uploads-samples.ts';

const LIMIT = 100_000;
let t: TestApp;
let api: ApiCast;
let dp: string;
const sha = (b: Buffer | Uint8Array) => createHash('sha256').update(b).digest('hex');

beforeAll(async () => {
  t = await startTestApp({}, { uploadLimitBytes: LIMIT });
  api = new ApiCast(t.app);
  dp = (await api.raise('proposer@large-supplier.example', DRAFT)).reference;
});
afterAll(async () => t?.close());

async function upload(email: string | undefined, bytes: Buffer, headers: Record<string, string>, url = `/api/v1/modifications/${dp}/documents`) {
  const auth = email ? { authorization: await bearerFor(t.app, email) } : {};
  return t.app.inject({ method: 'POST', url, headers: { ...auth, ...headers }, payload: bytes });
}

const raw = (email: string | undefined, bytes: Buffer, fileName: string, contentType = 'application/octet-stream') =>
  upload(email, bytes, { 'content-type': contentType, 'content-disposition': `attachment; filename="${fileName}"` });

const PROPOSER = 'proposer@large-supplier.example';

describe('uploading a supporting document (API)', () => {
  it('the Proposer attaches a PDF: 201 with its SHA-256, and the download is the same bytes', async () => {
    const res = await raw(PROPOSER, PDF, 'business-case.pdf', 'application/pdf');
    expect(res.statusCode, res.body).toBe(201);
    const doc = res.json<{ documentId: string; sha256: string; bytes: number; mediaType: string; fileName: string; href: string; secMaterials: boolean }>();
    expect(doc).toMatchObject({ sha256: sha(PDF), bytes: PDF.length, mediaType: 'application/pdf', fileName: 'business-case.pdf', secMaterials: true });
    expect(res.headers.location).toBe(doc.href);
    const down = await t.app.inject({ method: 'GET', url: doc.href, headers: { authorization: await bearerFor(t.app, 'proposer@small-supplier.example') } });
    expect(down.statusCode).toBe(200);
    expect(sha(down.rawPayload)).toBe(doc.sha256);
    expect(down.rawPayload.equals(PDF)).toBe(true);
    expect(down.headers['content-type']).toBe('application/pdf');
    expect(down.headers['content-disposition']).toMatch(/^attachment; filename="business-case\.pdf"/);
    expect(down.headers.etag).toBe(`"${doc.sha256}"`);
  });

  it('the upload is an event on the proposal’s stream, with its SHA-256, and is on the proposal', async () => {
    const res = await raw(PROPOSER, CSV, 'costs.csv', 'text/csv');
    expect(res.statusCode, res.body).toBe(201);
    const { documentId } = res.json<{ documentId: string }>();
    const events = (await api.raw(PROPOSER, 'GET', `/api/v1/modifications/${dp}/events`)).body.events as { type: string; data: Record<string, unknown>; metadata?: Record<string, unknown> }[];
    const attached = events.filter((e) => e.type === 'SupportingDocumentAttached');
    expect(attached.map((e) => e.data.documentId)).toContain(documentId);
    const event = attached.find((e) => e.data.documentId === documentId)!;
    expect(event.data).toMatchObject({ sha256: sha(CSV), bytes: CSV.length, mediaType: 'text/csv; charset=utf-8', fileName: 'costs.csv', secMaterials: true });
    const state = await api.get(PROPOSER, dp);
    expect((state.supportingDocuments as { documentId: string }[]).map((d) => d.documentId)).toContain(documentId);
    const list = await t.app.inject({ method: 'GET', url: `/api/v1/modifications/${dp}/supporting-documents` });
    expect(list.statusCode).toBe(200);
    expect(list.json<{ documents: { documentId: string }[] }>().documents.map((d) => d.documentId)).toContain(documentId);
  });

  it('over the size limit is 413 problem+json, raw or multipart, and nothing is recorded', async () => {
    const before = (await api.get(PROPOSER, dp)).supportingDocuments as unknown[];
    const big = Buffer.concat([PDF, Buffer.alloc(LIMIT + MULTIPART_ROOM, 0x20)]);
    const res = await raw(PROPOSER, big, 'huge.pdf');
    expect(res.statusCode).toBe(413);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.json<{ detail: string }>().detail).toBeTruthy();
    // Within the body limit (which leaves room for a form) but over the file limit.
    const justOver = Buffer.concat([PDF, Buffer.alloc(LIMIT - PDF.length + 1, 0x20)]);
    expect((await raw(PROPOSER, justOver, 'over.pdf')).statusCode).toBe(413);
    const form = multipart([{ name: 'file', fileName: 'over.pdf', type: 'application/pdf', content: justOver }]);
    const viaForm = await upload(PROPOSER, form.body, { 'content-type': form.contentType });
    expect(viaForm.statusCode).toBe(413);
    expect(viaForm.json<{ detail: string }>().detail).toMatch(/smaller than/);
    expect((await api.get(PROPOSER, dp)).supportingDocuments).toHaveLength(before.length);
  });

  it('a file named .pdf whose content is HTML is refused, and so is any markup', async () => {
    const res = await raw(PROPOSER, HTML, 'evidence.pdf', 'application/pdf');
    expect(res.statusCode).toBe(415);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.json<{ detail: string }>().detail).toMatch(/markup/);
    expect((await raw(PROPOSER, HTML, 'page.html', 'text/html')).statusCode).toBe(415);
  });

  it('a file named .pdf whose content is plain text is refused as mislabelled (422)', async () => {
    const res = await raw(PROPOSER, Buffer.from('just some notes\n'), 'notes.pdf', 'application/pdf');
    expect(res.statusCode).toBe(422);
    expect(res.json<{ detail: string; type: string }>()).toMatchObject({ type: 'type-mismatch' });
    expect(res.json<{ detail: string }>().detail).toMatch(/named \.pdf but its content is plain text/);
  });

  it('a PNG declared as text/html is stored as image/png and served as an attachment with nosniff', async () => {
    const res = await raw(PROPOSER, PNG, 'diagram.png', 'text/html');
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json<{ mediaType: string }>().mediaType).toBe('image/png');
    const down = await t.app.inject({ method: 'GET', url: res.json<{ href: string }>().href });
    expect(down.statusCode).toBe(200);
    expect(down.headers['content-type']).toBe('image/png');
    expect(down.headers['content-disposition']).toMatch(/^attachment;/);
    expect(down.headers['x-content-type-options']).toBe('nosniff');
    expect(String(down.headers['content-security-policy'])).toContain('sandbox');
    expect(down.rawPayload.equals(PNG)).toBe(true);
  });

  it('a path-traversal file name is only a name: kept as "passwd.txt", never a path', async () => {
    const res = await raw(PROPOSER, Buffer.from('root:x:0:0:root:/root:/bin/bash\n'), '../../etc/passwd', 'text/plain');
    expect(res.statusCode, res.body).toBe(201);
    const doc = res.json<{ fileName: string; documentId: string; href: string }>();
    expect(doc.fileName).toBe('passwd.txt');
    expect(doc.documentId).toMatch(/^sd-\d+-\d+$/);
    const down = await t.app.inject({ method: 'GET', url: doc.href });
    expect(down.headers['content-disposition']).toBe(`attachment; filename="passwd.txt"; filename*=UTF-8''passwd.txt`);
    const row = await t.services.database.db.selectFrom('supporting_documents').select(['file_name']).where('document_id', '=', doc.documentId).executeTakeFirstOrThrow();
    expect(row.file_name).toBe('passwd.txt');
  });

  it('multipart/form-data with a description works as well; the same bytes twice are stored once', async () => {
    const docx = await office('docx');
    const form = multipart([{ name: 'description', content: 'Business case (Word)' }, { name: 'file', fileName: 'case.docx', type: 'application/msword', content: docx }]);
    const first = await upload(PROPOSER, form.body, { 'content-type': form.contentType });
    expect(first.statusCode, first.body).toBe(201);
    expect(first.json()).toMatchObject({ description: 'Business case (Word)', mediaType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document' });
    const again = await upload(PROPOSER, form.body, { 'content-type': form.contentType });
    expect(again.statusCode).toBe(201);
    expect(again.json<{ documentId: string }>().documentId).not.toBe(first.json<{ documentId: string }>().documentId);
    const copies = await t.services.database.db.selectFrom('document_contents').select('sha256').where('sha256', '=', sha(docx)).execute();
    expect(copies).toHaveLength(1);
  });

  it('a raw body without any Content-Type is typed from its bytes too; control characters leave the description', async () => {
    const res = await upload(PROPOSER, PNG, { 'content-disposition': "attachment; filename*=UTF-8''%C3%BCbersicht.png" });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ mediaType: 'image/png', fileName: 'übersicht.png' });
    const form = multipart([{ name: 'description', content: 'Evidence\u0000 for\u001b the SSC\nrepresentation' }, { name: 'file', fileName: 'evidence.pdf', content: PDF }]);
    const withNul = await upload(PROPOSER, form.body, { 'content-type': form.contentType });
    expect(withNul.statusCode, withNul.body).toBe(201);
    expect(withNul.json<{ description: string }>().description).toBe('Evidence for the SSC\nrepresentation');
  });

  it('a user not entitled to act on the proposal is refused 403 with the reason, before the body is read', async () => {
    const res = await raw('proposer@small-supplier.example', PDF, 'interloper.pdf');
    expect(res.statusCode).toBe(403);
    expect(res.json<{ type: string; detail: string }>()).toMatchObject({ type: 'not-entitled' });
    expect(res.json<{ detail: string }>().detail).toMatch(/Only the Proposer’s organisation, the Code Administrator, the Panel/);
  });

  it('the Code Administrator and the Change Sub-Committee may attach to a Draft Proposal', async () => {
    expect((await raw('analyst@secas.example', PDF, 'screening-notes.pdf')).statusCode).toBe(201);
    expect((await raw('csc.member@csc.example', PNG, 'csc.png')).statusCode).toBe(201);
  });

  it('anonymous uploads are 401; an unknown proposal is 404', async () => {
    const res = await raw(undefined, PDF, 'anon.pdf');
    expect(res.statusCode).toBe(401);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect((await upload(PROPOSER, PDF, { 'content-type': 'application/pdf' }, '/api/v1/modifications/DP999/documents')).statusCode).toBe(404);
  });

  it('reading: the Modification Register is public, so anyone may download; an unknown id is 404', async () => {
    const res = await raw(PROPOSER, PDF, 'public.pdf');
    const down = await t.app.inject({ method: 'GET', url: res.json<{ href: string }>().href });
    expect(down.statusCode).toBe(200);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/documents/sd-999-1' })).statusCode).toBe(404);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/documents/..%2F..%2Fetc%2Fpasswd' })).statusCode).toBe(404);
  });

  it('the OpenAPI document describes the upload next to the generated documents’ list', async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/api/v1/openapi.json' })).json<{ paths: Record<string, Record<string, unknown>> }>();
    expect(Object.keys(doc.paths['/api/v1/modifications/{reference}/documents']!).sort()).toEqual(['get', 'post']);
    expect(doc.paths['/api/v1/documents/{documentId}']).toBeDefined();
  });
});

const MULTIPART_ROOM = 64 * 1024;

function multipart(parts: { name: string; fileName?: string; type?: string; content: string | Buffer }[]) {
  const boundary = '----secmodTestBoundary' + Math.random().toString(16).slice(2);
  const chunks: Buffer[] = [];
  for (const p of parts) {
    const disposition = `form-data; name="${p.name}"${p.fileName !== undefined ? `; filename="${p.fileName}"` : ''}`;
    chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: ${disposition}\r\n${p.type ? `Content-Type: ${p.type}\r\n` : ''}\r\n`), Buffer.from(p.content), Buffer.from('\r\n'));
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { body: Buffer.concat(chunks), contentType: `multipart/form-data; boundary=${boundary}` };
}
