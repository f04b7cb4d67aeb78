// Drives proposals through the JSON API (app.inject) to an open Change Board ballot, for the
// cast-vote bench: the same steps as test/proof/drive.ts, without the test runner.
import type { FastifyInstance } from 'fastify';

const LEGAL_TEXT = 'Section H – DCC Services\n\nH4.12 The Supplier Party shall give notice of a meter exchange no later than 5 Working Days before the exchange.\n';
const DRAFT = { title: 'Bench ballot', problemStatement: 'A problem for the cast-vote bench.', affectedProvisions: ['H4.12'], submissionBasis: 'voluntary', iprAccepted: true };
export const CHANGE_BOARD = ['cb@large-supplier.example', 'cb@small-supplier.example', 'cb@elec-network.example', 'cb@gas-network.example', 'cb@other-party.example', 'consumer@citizens-advice.example'];

export class BenchApi {
  private readonly tokens = new Map<string, string>();
  constructor(private readonly app: FastifyInstance) {}

  async token(email: string): Promise<string> {
    let t = this.tokens.get(email);
    if (!t) {
      const res = await this.app.inject({ method: 'POST', url: '/api/v1/session', payload: { email, password: 'secmod-demo' } });
      if (res.statusCode !== 201) throw new Error(`sign-in ${email}: ${res.statusCode}`);
      t = `Bearer ${res.json<{ token: string }>().token}`;
      this.tokens.set(email, t);
    }
    return t;
  }

  async call(email: string, method: 'GET' | 'POST' | 'PUT', url: string, payload?: unknown): Promise<Record<string, unknown>> {
    const res = await this.app.inject({ method, url, headers: { authorization: await this.token(email) }, ...(payload !== undefined ? { payload: payload as object } : {}) });
    if (res.statusCode >= 300) throw new Error(`${method} ${url} by ${email}: ${res.statusCode} ${res.body}`);
    return res.json<Record<string, unknown>>();
  }

  act(email: string, ref: string, command: string, payload: Record<string, unknown> = {}) {
    return this.call(email, 'POST', `/api/v1/modifications/${ref}/actions/${command}`, { payload }) as Promise<{ reference: string }>;
  }

  async openBallot(title: string): Promise<{ ref: string; solutionId: string }> {
    const { reference } = (await this.call('proposer@large-supplier.example', 'POST', '/api/v1/draft-proposals', { payload: { ...DRAFT, title } })) as { reference: string };
    await this.act('analyst@secas.example', reference, 'record-screening', { outcome: 'complete', tabasc: 'unlikely', sscSoaa: 'unlikely', sscMaterialSecurity: 'unlikely', smkiPma: 'unlikely', crossCode: 'none' });
    await this.act('csc.member@csc.example', reference, 'agree-problem-statement', { problemStatementVersion: 1 });
    await this.act('proposer@large-supplier.example', reference, 'request-conversion');
    const ref = (await this.act('panel.chair@panel.example', reference, 'convert', { route: 'refinement', path: 3, pathReasons: 'No material effect', timetable: { summary: 'Short' }, workingGroupRequired: true })).reference;
    await this.act('panel.chair@panel.example', ref, 'establish-working-group', { termsOfReferenceDocumentId: 'TOR-1' });
    await this.act('proposer@large-supplier.example', ref, 'amend-proposed-solution', { summary: 'Five days', legalTextDocumentId: `LT-${ref}`, legalTextBaseline: '5.18', affectsDccSystems: false });
    await this.act('analyst@secas.example', ref, 'open-consultation', { kind: 'refinement', documentId: 'RC-1' });
    await this.act('analyst@secas.example', ref, 'close-consultation', { kind: 'refinement' });
    await this.act('panel.chair@panel.example', ref, 'complete-refinement');
    await this.call('analyst@secas.example', 'POST', '/api/v1/legal-text-documents', { documentId: `LT-${ref}`, modification: ref, baseline: '5.18', text: LEGAL_TEXT });
    const rulebook = (await this.call('analyst@secas.example', 'GET', '/api/v1/rulebook')) as { parameters: { key: string; value: unknown }[] };
    const sections = rulebook.parameters.find((p) => p.key === 'mr.requiredSections')!.value as string[];
    await this.act('analyst@secas.example', ref, 'issue-modification-report', { reportDocumentId: 'MR-1', sections, representations: [] });
    await this.act('panel.chair@panel.example', ref, 'approve-report-consultation', { opensOn: '2026-03-09', closesOn: '2026-03-27' });
    await this.act('analyst@secas.example', ref, 'open-consultation', { kind: 'mrc', documentId: 'MRC-1' });
    await this.act('analyst@secas.example', ref, 'close-consultation', { kind: 'mrc' });
    await this.act('secretariat@secas.example', ref, 'open-ballot');
    const ballot = (await this.call('secretariat@secas.example', 'GET', `/api/v1/modifications/${ref}`)).ballot as { solutionIds: string[] };
    return { ref, solutionId: ballot.solutionIds[0]! };
  }

  async setClock(instant: string): Promise<void> {
    await this.call('admin@secmod.example', 'PUT', '/api/v1/admin/clock', { instant });
  }
}
