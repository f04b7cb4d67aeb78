// Supporting documents in the portal: the GOV.UK file-upload form on the proposal (CSRF,
// Post/Redirect/Get, errors with an error summary), the proposal page's list with download
// links, and the same entitlement as the API.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PageSession, startTestApp, type TestApp } from '../support/test-app.ts';
import { ApiCast, DRAFT } from '../scenarios/api-client.ts';
import { HTML, PDF, PNG } from './uploads-samples.ts';

const LIMIT = 100_000;
let t: TestApp;
let dp: string;

beforeAll(async () => {
  t = await startTestApp({}, { uploadLimitBytes: LIMIT });
  dp = (await new ApiCast(t.app).raise('proposer@large-supplier.example', DRAFT)).reference;
});
afterAll(async () => t?.close());

type Part = { name: string; fileName?: string; type?: string; content: string | Buffer };

function multipart(parts: Part[]) {
  const boundary = '----WebKitFormBoundarySecmodPortalTest';
  const chunks: Buffer[] = [];
  for (const p of parts) {
    const disposition = `form-data; name="${p.name}"${p.fileName !== undefined ? `; filename="${p.fileName}"` : ''}`;
    chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: ${disposition}\r\n${p.type ? `Content-Type: ${p.type}\r\n` : ''}\r\n`), Buffer.from(p.content), Buffer.from('\r\n'));
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(chunks), contentType: `multipart/form-data; boundary=${boundary}` };
}

async function signedIn(email: string) {
  const page = new PageSession(t.app);
  await page.signIn(email);
  return page;
}

/** Posts the upload form as a browser would: the CSRF token from the form, multipart body. */
async function postForm(page: PageSession, parts: Part[], options: { csrf?: boolean } = {}) {
  const token = await page.csrfToken(`/proposals/${dp}/documents/new`);
  const form = multipart([...(options.csrf === false ? [] : [{ name: '_csrf', content: token }]), ...parts]);
  return t.app.inject({ method: 'POST', url: `/proposals/${dp}/documents`, headers: { cookie: page.cookieHeader, 'content-type': form.contentType }, payload: form.payload });
}

const flashCookie = (setCookie: string | string[] | undefined) => [setCookie].flat().filter((c): c is string => !!c).map((c) => c.split(';')[0] ?? '').find((c) => c.startsWith('secmod_flash='));

describe('attaching a supporting document in the portal', () => {
  it('the Proposer sees the link on the proposal page and a GOV.UK file-upload form with a CSRF token', async () => {
    const page = await signedIn('proposer@large-supplier.example');
    const proposal = await page.get(`/proposals/${dp}`);
    expect(proposal.body).toContain('data-qa="attach-document"');
    expect(proposal.body).toContain('data-qa="no-supporting-documents"');
    const form = await page.get(`/proposals/${dp}/documents/new`);
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain('enctype="multipart/form-data"');
    expect(form.body).toMatch(/<input class="govuk-file-upload[^>]*type="file"|type="file"[^>]*class="govuk-file-upload/);
    expect(form.body).toMatch(/name="_csrf" value="[^"]+"/);
  });

  it('uploads with Post/Redirect/Get: 303 to the proposal, which lists the document with a working download link', async () => {
    const page = await signedIn('proposer@large-supplier.example');
    const res = await postForm(page, [
      { name: 'supportingDocument', fileName: 'network-diagram.png', type: 'text/html', content: PNG },
      { name: 'description', content: 'Network diagram <b>v2</b>' },
    ]);
    expect(res.statusCode, res.body).toBe(303);
    expect(res.headers.location).toBe(`/proposals/${dp}#supporting-documents`);
    const flash = flashCookie(res.headers['set-cookie']);
    expect(flash).toBeDefined();
    const proposal = await t.app.inject({ method: 'GET', url: `/proposals/${dp}`, headers: { cookie: `${page.cookieHeader}; ${flash}` } });
    expect(proposal.body).toContain('Document attached: network-diagram.png');
    expect(proposal.body).toContain('data-qa="supporting-document"');
    expect(proposal.body).toContain('Network diagram &lt;b&gt;v2&lt;/b&gt;');
    expect(proposal.body).toContain('Supporting Document Attached');
    const href = /data-qa="supporting-document"[\s\S]*?href="([^"]+)"/.exec(proposal.body)![1]!;
    expect(href).toMatch(new RegExp(`^/proposals/${dp}/documents/sd-\\d+-\\d+$`));
    // Anyone may read it: the Modification Register is public.
    const down = await t.app.inject({ method: 'GET', url: href });
    expect(down.statusCode).toBe(200);
    expect(down.headers['content-type']).toBe('image/png');
    expect(down.headers['content-disposition']).toMatch(/^attachment; filename="network-diagram\.png"/);
    expect(down.headers['x-content-type-options']).toBe('nosniff');
    expect(down.rawPayload.equals(PNG)).toBe(true);
    // The same document is not served under another proposal's reference.
    expect((await t.app.inject({ method: 'GET', url: href.replace(`/proposals/${dp}/`, '/proposals/DP999/') })).statusCode).toBe(404);
  });

  it('a post without the CSRF token is refused (403) and stores nothing', async () => {
    const page = await signedIn('proposer@large-supplier.example');
    const before = await t.services.database.db.selectFrom('supporting_documents').select('document_id').execute();
    const res = await postForm(page, [{ name: 'supportingDocument', fileName: 'x.pdf', type: 'application/pdf', content: PDF }], { csrf: false });
    expect(res.statusCode).toBe(403);
    expect(await t.services.database.db.selectFrom('supporting_documents').select('document_id').execute()).toHaveLength(before.length);
  });

  it('no file: the form again with "Select a file" in an error summary and the title prefixed "Error:"', async () => {
    const page = await signedIn('proposer@large-supplier.example');
    const res = await postForm(page, [{ name: 'supportingDocument', fileName: '', type: 'application/octet-stream', content: '' }, { name: 'description', content: 'kept' }]);
    expect(res.statusCode).toBe(422);
    expect(res.body).toContain('govuk-error-summary');
    expect(res.body).toContain('href="#supportingDocument"');
    expect(res.body).toMatch(/<title>Error: /);
    expect(res.body).toContain('>kept</textarea>');
  });

  it('HTML named .pdf: the form again with the reason (415)', async () => {
    const page = await signedIn('proposer@large-supplier.example');
    const res = await postForm(page, [{ name: 'supportingDocument', fileName: 'evidence.pdf', type: 'application/pdf', content: HTML }]);
    expect(res.statusCode).toBe(415);
    expect(res.body).toContain('govuk-error-summary');
    expect(res.body).toContain('HTML, SVG or XML markup');
  });

  it('too large: the form again with the limit (413), whether or not the body fits the request limit', async () => {
    const page = await signedIn('proposer@large-supplier.example');
    const over = Buffer.concat([PDF, Buffer.alloc(LIMIT, 0x20)]);
    const res = await postForm(page, [{ name: 'supportingDocument', fileName: 'big.pdf', type: 'application/pdf', content: over }]);
    expect(res.statusCode).toBe(413);
    expect(res.body).toContain('The selected file must be smaller than 97 KB');
    const huge = Buffer.concat([PDF, Buffer.alloc(LIMIT + 70 * 1024, 0x20)]);
    const res2 = await postForm(page, [{ name: 'supportingDocument', fileName: 'huge.pdf', type: 'application/pdf', content: huge }]);
    expect(res2.statusCode).toBe(413);
    expect(res2.body).toContain('The selected file must be smaller than');
  });

  it('a Party with no part in the proposal sees no link, and the form is refused with the reason (403)', async () => {
    const page = await signedIn('proposer@small-supplier.example');
    expect((await page.get(`/proposals/${dp}`)).body).not.toContain('data-qa="attach-document"');
    const form = await page.get(`/proposals/${dp}/documents/new`);
    expect(form.statusCode).toBe(403);
    expect(form.body).toContain('Only the Proposer’s organisation');
  });

  it('signed out: the documents are listed, the form asks to sign in (401)', async () => {
    const proposal = await t.app.inject({ method: 'GET', url: `/proposals/${dp}` });
    expect(proposal.body).toContain('data-qa="supporting-document"');
    expect(proposal.body).not.toContain('data-qa="attach-document"');
    expect((await t.app.inject({ method: 'GET', url: `/proposals/${dp}/documents/new` })).statusCode).toBe(401);
    const form = multipart([{ name: 'supportingDocument', fileName: 'anon.pdf', content: PDF }]);
    const post = await t.app.inject({ method: 'POST', url: `/proposals/${dp}/documents`, headers: { 'content-type': form.contentType }, payload: form.payload });
    expect(post.statusCode).toBe(401);
  });
});
