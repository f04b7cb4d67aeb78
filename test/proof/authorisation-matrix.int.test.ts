// Proof suite (security): the authorisation matrix, generated from the rulebook, for a
// proposal walked from S01 to S11 (Path 3, up to the Self-Governance appeal window) and for
// the same route with its Proposer's organisation put in default (S05, then S19). The oracle
// and the stage checker (authorisation-oracle.ts) say what each cell must answer: 409 where no
// row of the command starts from the stage, 403 not-entitled with the row's clause (and
// logged) where the caller's columns refuse, otherwise offered in GET /actions or held back by
// a guard — computed from the rulebook's data and the demo cast's roles, never by calling the
// server's decide/entitlement functions. Nothing the matrix allows is run, so each stage is
// reached once. The stages after the decision and the other routes (S12 to S18, S20 to S22)
// are walked in authorisation-matrix-decisions.int.test.ts.
import { describe, expect, it } from 'vitest';
import { ENTITLEMENTS, MATRIX_COLUMNS } from '../../src/domain/rulebook/entitlements.ts';
import { TRANSITIONS } from '../../src/domain/rulebook/transitions.ts';
import { CHANGE_BOARD, DRAFT, SCREENING } from '../scenarios/api-client.ts';
import { EMAILS, P, TODAY, cellAllows, columnsOf, matrixHarness } from './authorisation-oracle.ts';

const matrix = matrixHarness();
const { api, totals } = matrix;
const checkStage = (ref: string, org: string) => matrix.checkStage(ref, org);

const LARGE = 'proposer@large-supplier.example';
const ANALYST = 'analyst@secas.example';
const CHAIR = 'panel.chair@panel.example';

describe('the authorisation matrix', () => {
  it('reads every cell of the matrix (each column, each parameter) and covers all the demo cast', () => {
    for (const row of ENTITLEMENTS) for (const k of MATRIX_COLUMNS) cellAllows(row.cells[k], k);
    const covered = new Set(EMAILS.flatMap((e) => [...columnsOf(e, 'northern-lights-energy')]));
    for (const k of MATRIX_COLUMNS) expect(covered, `no demo user in column ${k}`).toContain(k);
  });

  it('T01 create-draft-proposal: `-` and N cells are refused 403 with the clause; a Defaulting Party is refused under M8.5(b); Parties, the DCC and Citizens Advice may submit', async () => {
    const row = ENTITLEMENTS.find((r) => r.command === 'create-draft-proposal')!;
    const t01 = TRANSITIONS.find((t) => t.id === 'T01')!;
    for (const email of EMAILS) {
      const columns = [...columnsOf(email, undefined)];
      const res = await api.raw(email, 'POST', '/api/v1/draft-proposals', { payload: { ...DRAFT, title: `Matrix T01 by ${email}` } });
      const where = `create-draft-proposal by ${email} [${columns.join(',')}]`;
      if (columns.includes('defaulting-party')) {
        expect(res.status, where).toBe(403);
        expect(res.body.guards, where).toContain('not-defaulting');
        expect(res.body.clause, where).toBe('M8.5(b)');
      } else if (!columns.some((k) => cellAllows(row.cells[k], k))) {
        expect(res.status, `${where}: ${JSON.stringify(res.body)}`).toBe(403);
        expect(t01.clauses, where).toContain(res.body.clause);
        expect(res.headers['content-type'], where).toContain('application/problem+json');
      } else if (columns.some((k) => ['party', 'dcc', 'citizens-advice'].includes(k))) {
        // Notes 1, 3, 4: these submit on the voluntary basis.
        expect(res.status, `${where}: ${JSON.stringify(res.body)}`).toBe(201);
      } else {
        // Y+ cells with a note (Authority: SCR only; Panel: L10.24(c); SSC/PMA: scope, members after their body) — never 5xx.
        expect([201, 403, 422], `${where}: ${JSON.stringify(res.body)}`).toContain(res.status);
      }
    }
  });

  it('every command × every demo user, stage by stage from S01 to S11 of a proposal raised by a Party in good standing', async () => {
    await api.setClock(`${TODAY}T09:00:00Z`);
    const org = 'northern-lights-energy';
    const { reference } = await api.raise(LARGE, { ...DRAFT, title: 'Matrix walk' });
    const seen: string[] = [];
    seen.push(await checkStage(reference, org)); // S01
    await api.act(ANALYST, reference, 'record-screening', SCREENING);
    seen.push(await checkStage(reference, org)); // S02
    await api.act('csc.member@csc.example', reference, 'agree-problem-statement', { problemStatementVersion: 1 });
    seen.push(await checkStage(reference, org)); // S03
    await api.act(LARGE, reference, 'request-conversion', {});
    seen.push(await checkStage(reference, org)); // S04
    const ref = (await api.act(CHAIR, reference, 'convert', { route: 'refinement', path: 3, pathReasons: 'No material effect', timetable: { summary: 'Short' }, workingGroupRequired: true })).reference;
    await api.act(CHAIR, ref, 'establish-working-group', { termsOfReferenceDocumentId: 'TOR-1' });
    await api.act(LARGE, ref, 'amend-proposed-solution', { summary: 'Five days', legalTextDocumentId: `LT-${ref}`, legalTextBaseline: '5.18', affectsDccSystems: false });
    await api.act(ANALYST, ref, 'open-consultation', { kind: 'refinement', documentId: 'RC-1' });
    seen.push(await checkStage(ref, org)); // S05, consultation open
    await api.act(ANALYST, ref, 'close-consultation', { kind: 'refinement' });
    await api.act(CHAIR, ref, 'complete-refinement', {});
    seen.push(await checkStage(ref, org)); // S06
    const drafted = await api.raw(ANALYST, 'POST', '/api/v1/legal-text-documents', { documentId: `LT-${ref}`, modification: ref, baseline: '5.18', text: 'Section H – DCC Services\n\nH4.12 The Supplier Party shall give notice no later than 5 Working Days before the exchange.\n' });
    expect(drafted.status).toBe(201);
    await api.act(ANALYST, ref, 'issue-modification-report', { reportDocumentId: 'MR-1', sections: P.mr.requiredSections.value, representations: [] });
    seen.push(await checkStage(ref, org)); // S07
    await api.act(CHAIR, ref, 'approve-report-consultation', { opensOn: '2026-03-09', closesOn: '2026-03-27' });
    seen.push(await checkStage(ref, org)); // S08
    await api.act(ANALYST, ref, 'open-consultation', { kind: 'mrc', documentId: 'MRC-1' });
    seen.push(await checkStage(ref, org)); // S09
    await api.act(ANALYST, ref, 'close-consultation', { kind: 'mrc' });
    await api.act('secretariat@secas.example', ref, 'open-ballot', {});
    seen.push(await checkStage(ref, org)); // S10, ballot open
    const ballot = (await api.get(ANALYST, ref)).ballot as { solutionIds: string[] };
    for (const member of CHANGE_BOARD) {
      for (const solutionId of ballot.solutionIds) await api.act(member, ref, 'cast-vote', { solutionId, choice: 'approve', rationale: 'Better facilitates SEC Objective (a)', objectives: { a: 'better' } });
    }
    await api.act('secretariat@secas.example', ref, 'close-vote', {}, { onBehalfOf: 'change-board' });
    seen.push(await checkStage(ref, org)); // S11, the Self-Governance appeal window
    expect(seen).toEqual(['S01', 'S02', 'S03', 'S04', 'S05', 'S06', 'S07', 'S08', 'S09', 'S10', 'S11']);
  }, 120_000); // about 30 s on a two-core machine; 85 s seen with the whole int suite running beside it

  it('the same proposal when its Proposer\'s organisation is put in default: Refinement, then the Withdrawal Notice', async () => {
    await api.setClock(`${TODAY}T10:00:00Z`);
    const PROPOSER = 'proposer@gas-network.example';
    const org = 'fenland-gas-networks';
    const { reference } = await api.raise(PROPOSER, { ...DRAFT, title: 'Matrix walk, Proposer in default' });
    await api.act(ANALYST, reference, 'record-screening', SCREENING);
    await api.act('csc.member@csc.example', reference, 'agree-problem-statement', { problemStatementVersion: 1 });
    await api.act(PROPOSER, reference, 'request-conversion', {});
    const ref = (await api.act(CHAIR, reference, 'convert', { route: 'refinement', path: 3, pathReasons: 'No material effect', timetable: { summary: 'Short' }, workingGroupRequired: true })).reference;
    await matrix.putInDefault(org, 'M8.1 proof: charges unpaid');
    expect(columnsOf(PROPOSER, org)).toEqual(new Set(['defaulting-party', 'proposer']));
    expect(await checkStage(ref, org)).toBe('S05');
    // A Defaulting Proposer may still withdraw (T43, Y+40), which opens the adoption window.
    await api.act(PROPOSER, ref, 'withdraw', { reason: 'In default' });
    expect(await checkStage(ref, org)).toBe('S19');
  });

  it('tried enough of the matrix to mean something: hundreds of 403s, 409s and offered actions', () => {
    expect(totals.forbidden).toBeGreaterThan(500);
    expect(totals.conflicts).toBeGreaterThan(300);
    expect(totals.listed).toBeGreaterThan(300);
    expect(totals.guarded).toBeGreaterThan(10);
  });
});
