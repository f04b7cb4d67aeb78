// Drives a proposal through the JSON API to the Change Board ballot, for the proof suite.
import { expect } from 'vitest';
import type { ApiCast } from '../scenarios/api-client.ts';
import { DRAFT } from '../scenarios/api-client.ts';

const LEGAL_TEXT = 'Section H – DCC Services\n\nH4.12 The Supplier Party shall give notice of a meter exchange no later than 5 Working Days before the exchange.\n';

export async function toOpenBallot(api: ApiCast, title: string): Promise<{ ref: string; solutionId: string }> {
  await api.setClock('2026-03-02T09:00:00Z');
  const { reference } = await api.raise('proposer@large-supplier.example', { ...DRAFT, title });
  await api.act('analyst@secas.example', reference, 'record-screening', { outcome: 'complete', tabasc: 'unlikely', sscSoaa: 'unlikely', sscMaterialSecurity: 'unlikely', smkiPma: 'unlikely', crossCode: 'none' });
  await api.act('csc.member@csc.example', reference, 'agree-problem-statement', { problemStatementVersion: 1 });
  await api.act('proposer@large-supplier.example', reference, 'request-conversion', {});
  const ref = (await api.act('panel.chair@panel.example', reference, 'convert', { route: 'refinement', path: 3, pathReasons: 'No material effect', timetable: { summary: 'Short' }, workingGroupRequired: true })).reference;
  await api.act('panel.chair@panel.example', ref, 'establish-working-group', { termsOfReferenceDocumentId: 'TOR-1' });
  await api.act('proposer@large-supplier.example', ref, 'amend-proposed-solution', { summary: 'Five days', legalTextDocumentId: `LT-${ref}`, legalTextBaseline: '5.18', affectsDccSystems: false });
  await api.act('analyst@secas.example', ref, 'open-consultation', { kind: 'refinement', documentId: 'RC-1' });
  await api.act('analyst@secas.example', ref, 'close-consultation', { kind: 'refinement' });
  await api.act('panel.chair@panel.example', ref, 'complete-refinement', {});
  const drafted = await api.raw('analyst@secas.example', 'POST', '/api/v1/legal-text-documents', { documentId: `LT-${ref}`, modification: ref, baseline: '5.18', text: LEGAL_TEXT });
  expect(drafted.status).toBe(201);
  const sections = ((await api.raw('analyst@secas.example', 'GET', '/api/v1/rulebook')).body.parameters as { key: string; value: unknown }[]).find((p) => p.key === 'mr.requiredSections')!.value as string[];
  await api.act('analyst@secas.example', ref, 'issue-modification-report', { reportDocumentId: 'MR-1', sections, representations: [] });
  await api.act('panel.chair@panel.example', ref, 'approve-report-consultation', { opensOn: '2026-03-09', closesOn: '2026-03-27' });
  await api.act('analyst@secas.example', ref, 'open-consultation', { kind: 'mrc', documentId: 'MRC-1' });
  await api.act('analyst@secas.example', ref, 'close-consultation', { kind: 'mrc' });
  await api.act('secretariat@secas.example', ref, 'open-ballot', {});
  const ballot = (await api.get('secretariat@secas.example', ref)).ballot as { solutionIds: string[] };
  return { ref, solutionId: ballot.solutionIds[0]! };
}
