// Drives a Self-Governance proposal (copied from test/scenarios/self-governance.int.test.ts)
// to an issued Modification Report, and on to the Change Board's decision, for document tests.
import { expect } from 'vitest';
import type { ApiCast } from '../scenarios/api-client.ts';
import { CHANGE_BOARD, DRAFT } from '../scenarios/api-client.ts';

export const XSS = '<script>alert("x")</script><img src=x onerror=alert(1)>';
export const LEGAL_TEXT = 'Section H – DCC Services\n\nH4.12 The Supplier Party shall give notice of a meter exchange no later than 5 Working Days before the exchange.\n';

export const REPRESENTATIONS = [
  { by: 'ssc@ssc.example', purposeAndEffect: 'Exchange notices carry device security credentials.', evidenceDocumentIds: ['SSC-EV-1'], summary: 'Credentials travel with the notice; see SSC-EV-1.' },
  { by: 'ssc.member@ssc.example', purposeAndEffect: `A member's view: the window affects key rotation ${XSS}`, evidenceDocumentIds: ['SSC-EV-2'], summary: `Key rotation needs 7 days (SSC-EV-2) ${XSS}` },
];

export const SOLUTIONS = { proposed: 'Fix the window at 5 Working Days', alternative: 'Fix the window at 10 Working Days' };

/** To S07 (report issued); returns the MP reference. */
export async function toReport(api: ApiCast, options: { title?: string; legalTextId?: string } = {}): Promise<string> {
  const lt = options.legalTextId ?? 'LT-1';
  await api.setClock('2026-03-02T09:00:00Z');
  const dp = await api.raise('proposer@large-supplier.example', { ...DRAFT, title: options.title ?? DRAFT.title });
  const ref = dp.reference;
  await api.act('analyst@secas.example', ref, 'record-screening', { outcome: 'complete', tabasc: 'unlikely', sscSoaa: 'likely', sscMaterialSecurity: 'unlikely', smkiPma: 'unlikely', crossCode: 'none' });
  // Both SSC representations are made at Draft Proposal stage (G7.22(b): they must reach the report).
  for (const r of REPRESENTATIONS) await api.act(r.by, ref, 'make-representation', { purposeAndEffect: r.purposeAndEffect, evidenceDocumentIds: r.evidenceDocumentIds });
  await api.act('csc.member@csc.example', ref, 'agree-problem-statement', { problemStatementVersion: 1 });
  await api.act('proposer@large-supplier.example', ref, 'request-conversion', {});
  const mp = await api.act('panel.chair@panel.example', ref, 'convert', { route: 'refinement', path: 3, pathReasons: 'No material effect under the Path 2 criteria', timetable: { summary: 'Refinement to June' }, workingGroupRequired: true });
  const mpRef = mp.reference;
  await api.act('panel.chair@panel.example', mpRef, 'establish-working-group', { termsOfReferenceDocumentId: 'TOR-1' });
  await api.act('proposer@large-supplier.example', mpRef, 'amend-proposed-solution', { summary: SOLUTIONS.proposed, legalTextDocumentId: lt, legalTextBaseline: '5.18', affectsDccSystems: false });
  await api.act('wg.member@other-party.example', mpRef, 'raise-alternative-solution', {
    summary: SOLUTIONS.alternative, legalTextDocumentId: lt, legalTextBaseline: '5.18', affectsDccSystems: false,
    wgVote: { for: 4, against: 1, rationale: 'Better facilitates SEC Objective (a)', objectives: { a: 'better' } },
  });
  await api.act('panel.chair@panel.example', mpRef, 'request-dcc-assessment', { type: 'impact' });
  await api.act('dcc@dcc.example', mpRef, 'record-dcc-assessment', { type: 'impact', costGbp: 25_000, implementationEstimate: 'Three months after approval', documentId: 'IA-7' });
  await api.act('analyst@secas.example', mpRef, 'open-consultation', { kind: 'refinement', documentId: 'RC-1' });
  await api.act('proposer@other-party.example', mpRef, 'respond-to-consultation', { response: 'Supportive of the 10 day window' });
  await api.act('analyst@secas.example', mpRef, 'close-consultation', { kind: 'refinement' });
  await api.act('panel.chair@panel.example', mpRef, 'complete-refinement', {});
  const drafted = await api.raw('analyst@secas.example', 'POST', '/api/v1/legal-text-documents', { documentId: lt, modification: mpRef, baseline: '5.18', text: LEGAL_TEXT });
  expect(drafted.status).toBe(201);
  const state = await api.get('analyst@secas.example', mpRef);
  const reps = state.representations as { representationId: string; authorUserId: string }[];
  const sections = ((await api.raw('analyst@secas.example', 'GET', '/api/v1/rulebook')).body.parameters as { key: string; value: unknown }[]).find((p) => p.key === 'mr.requiredSections')!.value as string[];
  await api.act('analyst@secas.example', mpRef, 'issue-modification-report', {
    reportDocumentId: 'MR-1', sections,
    representations: reps.map((r, i) => ({ representationId: r.representationId, evidenceSummary: REPRESENTATIONS[i]!.summary })),
  });
  return mpRef;
}

/** From S07 to the Change Board's Path 3 decision (S11). */
export async function toDecision(api: ApiCast, mpRef: string): Promise<void> {
  await api.act('panel.chair@panel.example', mpRef, 'approve-report-consultation', { opensOn: '2026-03-09', closesOn: '2026-03-27' });
  await api.act('analyst@secas.example', mpRef, 'open-consultation', { kind: 'mrc', documentId: 'MRC-1' });
  await api.act('proposer@small-supplier.example', mpRef, 'respond-to-consultation', { response: 'Agree' });
  await api.act('analyst@secas.example', mpRef, 'close-consultation', { kind: 'mrc' });
  await api.act('secretariat@secas.example', mpRef, 'open-ballot', {});
  const ballot = (await api.get('secretariat@secas.example', mpRef)).ballot as { solutionIds: string[] };
  for (const member of CHANGE_BOARD) {
    for (const solutionId of ballot.solutionIds) {
      await api.act(member, mpRef, 'cast-vote', { solutionId, choice: 'approve', rationale: 'Better facilitates SEC Objective (a)', objectives: { a: 'better' } });
    }
  }
  const decided = await api.act('secretariat@secas.example', mpRef, 'close-vote', {}, { onBehalfOf: 'change-board' });
  expect(decided.state.id).toBe('S11');
}
