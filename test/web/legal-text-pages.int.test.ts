// Legal text in the portal: the drafting checker on any text, and a proposal's legal text
// with its findings and its redline against the base SEC version.
import { describe, expect, it } from 'vitest';
import { PageSession } from '../support/test-app.ts';
import { appSuite, DRAFT, SCREENING } from '../scenarios/api-client.ts';

const suite = appSuite();
const { api } = suite;

describe('check legal text', () => {
  it('runs the drafting checker on pasted text and lists the findings with their lines', async () => {
    const page = new PageSession(suite.t.app);
    await page.signIn('analyst@secas.example');
    const token = await page.csrfToken('/legal-text/check');
    const res = await page.post('/legal-text/check', { _csrf: token, baseline: '5.18', text: 'Section C – Governance\n\nD2.3 The Panel shall act.\nDeleted: text\n' });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('data-rule="clause-section-mismatch"');
    expect(res.body).toContain('data-rule="revision-residue"');
  });

  it('validates the form (empty text, unknown version) with the GOV.UK error summary', async () => {
    const page = new PageSession(suite.t.app);
    await page.signIn('analyst@secas.example');
    const res = await page.post('/legal-text/check', { _csrf: await page.csrfToken('/legal-text/check'), baseline: '9.99', text: '' });
    expect(res.statusCode).toBe(422);
    expect(res.body).toContain('href="#text"');
    expect(res.body).toContain('href="#baseline"');
  });

  it('needs a signed-in user', async () => {
    expect((await suite.t.app.inject({ method: 'GET', url: '/legal-text/check' })).statusCode).toBe(401);
  });
});

describe("a proposal's legal text", () => {
  it('shows each legal-text document with its findings and its redline against the base version', async () => {
    const { reference } = await api.raise('proposer@large-supplier.example', DRAFT);
    await api.act('analyst@secas.example', reference, 'record-screening', SCREENING);
    await api.act('csc.member@csc.example', reference, 'agree-problem-statement', { problemStatementVersion: 1 });
    await api.act('proposer@large-supplier.example', reference, 'request-conversion', {});
    const mp = (await api.act('panel.chair@panel.example', reference, 'convert', { route: 'refinement', path: 3, pathReasons: 'None', timetable: { summary: 'Short' }, workingGroupRequired: true })).reference;
    await api.act('proposer@large-supplier.example', mp, 'amend-proposed-solution', { summary: 'Amend C7.2(f)', legalTextDocumentId: 'LT-PAGE', legalTextBaseline: '5.18', affectsDccSystems: false });
    const text = 'Section C – Governance\n\nC7.2 The Code Administrator shall perform those tasks and functions expressly ascribed to it under this Code. In particular, the Code Administrator shall:\n    (f) facilitate a process whereby Parties can submit a <b>Draft Proposal</b> to the Code Administrator;\n';
    expect((await api.raw('analyst@secas.example', 'POST', '/api/v1/legal-text-documents', { documentId: 'LT-PAGE', modification: mp, baseline: '5.18', text })).status).toBe(201);
    const res = await suite.t.app.inject({ method: 'GET', url: `/proposals/${mp}/legal-text` });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('data-qa="legal-text-document"');
    expect(res.body).toContain('data-qa="redline"');
    expect(res.body).toMatch(/<ins[^>]*>/);
    expect(res.body).toMatch(/<del[^>]*>/);
    // What a drafter typed is shown, never run.
    expect(res.body).toContain('&lt;b&gt;');
    expect(res.body).toContain('&lt;/b&gt;');
    expect(res.body).not.toContain('<b>');
  });
});
