// Generated documents (issue: Notifications, documents and feeds, item 6) and the proposal
// export (item 7), on a Self-Governance proposal driven through the JSON API: the Modification
// Report carries every SSC representation made at Draft Proposal stage with its evidence
// summary (G7.22(b)), both solutions and the DCC costs; each version's bytes hash to the
// sha256 in its DocumentGenerated event; Party text is shown, never interpreted.
import { createHash } from 'node:crypto';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/test-app.ts';
import { ApiCast } from '../scenarios/api-client.ts';
import { bearerFor } from '../support/test-app.ts';
import { REPRESENTATIONS, SOLUTIONS, XSS, toDecision, toReport } from './drive.ts';
import { PDF } from './uploads-samples.ts';

let t: TestApp;
let api: ApiCast;
let ref: string;
const sha = (b: Buffer | Uint8Array) => createHash('sha256').update(b).digest('hex');

/** The text of a .docx: every w:t, entities decoded, paragraphs on their own lines. */
async function docxText(bytes: Buffer): Promise<{ xml: string; text: string }> {
  const zip = await JSZip.loadAsync(bytes);
  const xml = await zip.file('word/document.xml')!.async('string');
  const text = xml
    .split(/<\/w:p>/)
    .map((p) => [...p.matchAll(/<w:(?:t|delText)(?:\s[^>]*)?>([^<]*)<\/w:(?:t|delText)>/g)].map((m) => m[1]).join(''))
    .join('\n')
    .replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');
  return { xml, text };
}

async function download(email: string, href: string) {
  const res = await t.app.inject({ method: 'GET', url: href, headers: { authorization: await bearerFor(t.app, email) } });
  return res;
}

beforeAll(async () => {
  t = await startTestApp({ SECMOD_CLOCK: 'manual' });
  api = new ApiCast(t.app);
  ref = await toReport(api, { title: `Exchange window ${XSS}` });
});
afterAll(async () => t.close());

describe('the Modification Report', () => {
  it('only the Code Administrator generates documents; refusals are problem+json with a detail', async () => {
    const proposer = await api.raw('proposer@large-supplier.example', 'POST', `/api/v1/modifications/${ref}/documents/generate`, { kind: 'modification-report' });
    expect(proposer.status).toBe(403);
    expect(proposer.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(proposer.body.detail).toMatch(/Code Administrator/);
    const badKind = await api.raw('analyst@secas.example', 'POST', `/api/v1/modifications/${ref}/documents/generate`, { kind: 'invoice' });
    expect(badKind.status).toBe(400);
    expect(badKind.body.detail).toBeTruthy();
    const unknown = await api.raw('analyst@secas.example', 'POST', '/api/v1/modifications/MP999/documents/generate', { kind: 'modification-report' });
    expect(unknown.status).toBe(404);
    const nonsense = await api.raw('analyst@secas.example', 'POST', '/api/v1/modifications/%3Cx%3E/documents/generate', { kind: 'modification-report' });
    expect(nonsense.status).toBe(404);
    // Not before the Change Board has voted.
    const early = await api.raw('analyst@secas.example', 'POST', `/api/v1/modifications/${ref}/documents/generate`, { kind: 'conclusions-report' });
    expect(early.status).toBe(409);
    expect(early.body.detail).toMatch(/Change Board/);
  });

  it('the .docx holds every SSC representation made at Draft Proposal stage with its evidence summary, both solutions, the DCC costs and the legal text as tracked changes', async () => {
    const res = await api.raw('analyst@secas.example', 'POST', `/api/v1/modifications/${ref}/documents/generate`, { kind: 'modification-report' });
    expect(res.status).toBe(201);
    const meta = res.body as unknown as { documentId: string; version: number; sha256: string; bytes: number; href: string; mediaType: string };
    expect(meta.version).toBe(1);
    const file = await download('proposer@small-supplier.example', meta.href);
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    expect(file.headers['content-disposition']).toMatch(/^attachment; filename="MP\d{3}-modification-report-v1\.docx"$/);
    expect(file.headers['x-content-type-options']).toBe('nosniff');
    const bytes = file.rawPayload;
    expect(bytes.length).toBe(meta.bytes);
    // The stored hash is the hash of what is downloaded, and the event log holds the same hash.
    expect(sha(bytes)).toBe(meta.sha256);
    const event = await t.services.database.db.selectFrom('events').select(['type', 'data']).where('stream_id', '=', `document-${meta.documentId}`).executeTakeFirstOrThrow();
    expect(event.type).toBe('DocumentGenerated');
    expect(event.data).toMatchObject({ documentId: meta.documentId, kind: 'modification-report', version: 1, sha256: sha(bytes), bytes: bytes.length, mediaType: meta.mediaType });

    const { xml, text } = await docxText(bytes);
    for (const r of REPRESENTATIONS) {
      expect(text).toContain(r.purposeAndEffect);
      expect(text).toContain(`Summary of supporting evidence: ${r.summary}`);
    }
    expect(text.match(/made at Draft Proposal stage/g)).toHaveLength(2);
    expect(text).toContain(SOLUTIONS.proposed);
    expect(text).toContain(SOLUTIONS.alternative);
    expect(text).toContain('Proposed Solution');
    expect(text).toContain('Alternative Solution 1');
    expect(text).toContain('£25,000');
    expect(text).toContain('Three months after approval');
    expect(text).toContain('Supportive of the 10 day window');
    expect(text).toContain('Path 3: Self-Governance Modification');
    // Every D7.3 section of the rulebook, in order.
    const sections = ((await api.raw('analyst@secas.example', 'GET', '/api/v1/rulebook')).body.parameters as { key: string; value: unknown }[]).find((p) => p.key === 'mr.requiredSections')!.value as string[];
    expect(sections.length).toBeGreaterThan(5);
    expect(text).toMatch(/1\. Proposer and problem statement/);
    expect(text).toMatch(new RegExp(`${sections.length}\\. Other representations and advice`));
    // Annex A: the legal text against SEC 5.18, as real tracked changes.
    expect(text).toContain('Annex A: Legal text');
    expect(xml).toMatch(/<w:ins [^>]*w:author="SECAS/);
    expect(text).toContain('H4.12 The Supplier Party shall give notice');
    // Markup typed by Parties is literal text, never markup.
    expect(text).toContain(XSS);
    expect(xml).not.toMatch(/<script|<img/i);
  });

  it('the PDF is printed by headless Chromium and the HTML behind it escapes Party text', async () => {
    const res = await api.raw('analyst@secas.example', 'POST', `/api/v1/modifications/${ref}/documents/generate`, { kind: 'modification-report', format: 'pdf' });
    expect(res.status).toBe(201);
    const file = await download('authority@ofgem.example', (res.body as { href: string }).href);
    expect(file.headers['content-type']).toBe('application/pdf');
    expect(file.rawPayload.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(sha(file.rawPayload)).toBe(res.body.sha256);
    const html = (await t.services.documents.render(Number(ref.slice(2)), 'modification-report', 'html')).bytes.toString('utf8');
    expect(html).not.toMatch(/<script|<img/i);
    expect(html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
    expect(html).toContain(`Summary of supporting evidence: ${REPRESENTATIONS[0]!.summary}`);
  });

  it('versions are immutable: generating again makes version 2, and stored bytes cannot be changed', async () => {
    const again = await api.raw('analyst@secas.example', 'POST', `/api/v1/modifications/${ref}/documents/generate`, { kind: 'modification-report' });
    expect(again.status).toBe(201);
    expect(again.body.version).toBe(2);
    const list = await api.raw('proposer@gas-network.example', 'GET', `/api/v1/modifications/${ref}/documents`);
    expect(list.status).toBe(200);
    const docs = list.body.documents as { kind: string; format: string; version: number }[];
    expect(docs.map((d) => `${d.kind}.${d.format}@${d.version}`)).toEqual(['modification-report.docx@1', 'modification-report.docx@2', 'modification-report.pdf@1']);
    await expect(t.services.database.db.updateTable('generated_documents').set({ sha256: '0'.repeat(64) }).execute()).rejects.toThrow(/immutable/);
    await expect(t.services.database.db.deleteFrom('generated_documents').execute()).rejects.toThrow(/immutable/);
    const missing = await api.raw('analyst@secas.example', 'GET', `/api/v1/documents/${(again.body as { documentId: string }).documentId}/versions/9`);
    expect(missing.status).toBe(404);
    expect(missing.body.detail).toMatch(/no version 9/);
    const junk = await api.raw('analyst@secas.example', 'GET', '/api/v1/documents/..%2F..%2Fetc/versions/abc');
    expect(junk.status).toBe(404);
  });

  it('after the vote: the response form, the Conclusions Report and the Final Modification Report', async () => {
    const form = await api.raw('analyst@secas.example', 'POST', `/api/v1/modifications/${ref}/documents/generate`, { kind: 'consultation-response-form' });
    expect(form.status).toBe(201);
    const formText = (await docxText((await download('analyst@secas.example', (form.body as { href: string }).href)).rawPayload)).text;
    expect(formText).toContain('Question 1: Does the Proposed Solution better facilitate the SEC Objectives');
    expect(formText).toContain('Which solution do you prefer');

    await toDecision(api, ref);
    const conclusions = await api.raw('analyst@secas.example', 'POST', `/api/v1/modifications/${ref}/documents/generate`, { kind: 'conclusions-report' });
    expect(conclusions.status).toBe(201);
    const cText = (await docxText((await download('analyst@secas.example', (conclusions.body as { href: string }).href)).rawPayload)).text;
    expect(cText).toContain('Change Board decision');
    expect(cText).toMatch(/Proposed Solution: approve 6, reject 0, abstain 0/);
    expect(cText).toContain('Modification Report Consultation');

    const fmr = await api.raw('analyst@secas.example', 'POST', `/api/v1/modifications/${ref}/documents/generate`, { kind: 'final-modification-report' });
    expect(fmr.status).toBe(201);
    const fText = (await docxText((await download('authority@ofgem.example', (fmr.body as { href: string }).href)).rawPayload)).text;
    for (const r of REPRESENTATIONS) expect(fText).toContain(r.summary);
    expect(fText).toContain('Change Board decision');
  });
});

describe('the export for the Authority or an appeal', () => {
  it('is one .zip with the event stream and its hashes, the state, every document version and every supporting document', async () => {
    const attached = await t.app.inject({
      method: 'POST', url: `/api/v1/modifications/${ref}/documents`, payload: PDF,
      headers: { authorization: await bearerFor(t.app, 'proposer@large-supplier.example'), 'content-type': 'application/pdf', 'content-disposition': 'attachment; filename="business-case.pdf"' },
    });
    expect(attached.statusCode, attached.body).toBe(201);
    const supportingId = (attached.json() as { documentId: string }).documentId;
    const other = await api.raw('proposer@small-supplier.example', 'GET', `/api/v1/modifications/${ref}/export`);
    expect(other.status).toBe(403);
    expect(other.body.detail).toMatch(/Authority/);

    for (const email of ['authority@ofgem.example', 'analyst@secas.example', 'proposer@large-supplier.example']) {
      const res = await download(email, `/api/v1/modifications/${ref}/export`);
      expect(res.statusCode, email).toBe(200);
      expect(res.headers['content-type']).toBe('application/zip');
      expect(res.headers['content-disposition']).toBe(`attachment; filename="${ref}-export.zip"`);
    }
    const res = await download('authority@ofgem.example', `/api/v1/modifications/${ref}/export`);
    const zip = await JSZip.loadAsync(res.rawPayload);
    const events = JSON.parse(await zip.file('events.json')!.async('string')) as { events: { position: number; hash: string; prevHash: string; type: string }[] };
    const stored = await t.services.database.db.selectFrom('events').select(['position', 'hash']).where('stream_id', '=', `modification-${Number(ref.slice(2))}`).orderBy('position').execute();
    expect(events.events.map((e) => [e.position, e.hash])).toEqual(stored.map((e) => [e.position, e.hash]));
    expect(events.events[0]!.type).toBe('DraftProposalSubmitted');
    const proposal = JSON.parse(await zip.file('proposal.json')!.async('string')) as { reference: string; state: { state: string; representations: unknown[] } };
    expect(proposal.reference).toBe(ref);
    expect(proposal.state.state).toBe('S11');
    expect(proposal.state.representations).toHaveLength(2);
    const documents = (await api.raw('authority@ofgem.example', 'GET', `/api/v1/modifications/${ref}/documents`)).body.documents as { documentId: string; version: number; fileName: string; sha256: string }[];
    expect(documents.length).toBe(6);
    for (const d of documents) {
      const entry = zip.file(`documents/${d.documentId}/v${d.version}/${d.fileName}`);
      expect(entry, d.fileName).not.toBeNull();
      expect(sha(await entry!.async('nodebuffer'))).toBe(d.sha256);
    }
    const docEvents = JSON.parse(await zip.file('document-events.json')!.async('string')) as { events: { type: string; data: { sha256: string } }[] };
    expect(docEvents.events.map((e) => e.data.sha256).sort()).toEqual(documents.map((d) => d.sha256).sort());
    const supporting = zip.file(`supporting-documents/${supportingId}/business-case.pdf`);
    expect(supporting).not.toBeNull();
    expect(sha(await supporting!.async('nodebuffer'))).toBe(sha(PDF));
    const manifest = JSON.parse(await zip.file('manifest.json')!.async('string')) as { files: { path: string; sha256: string }[] };
    for (const f of manifest.files) expect(sha(await zip.file(f.path)!.async('nodebuffer'))).toBe(f.sha256);
  });
});
