// Given/when/then for every command: allowed, refused (not entitled, with the clause relied
// on) and repeated (refused or accepted, as the rules say — each decider documents which).
import { describe, expect, it } from 'vitest';
import type { DomainFacts } from './context.ts';
import type { CommandName, PayloadOf } from './commands.ts';
import { COMMAND_NAMES } from './commands.ts';
import { decide } from './decide.ts';
import { replay } from './evolve.ts';
import { ACTORS, cmd, ctxFor, expectRefused, lifecycle, PAYLOADS, Stream, VOTERS, type ActorName } from './test-support.ts';
import type { RefusalCode } from '../shared/decision.ts';

interface Case<C extends CommandName = CommandName> {
  readonly command: C;
  readonly given: () => Stream;
  readonly actor: ActorName;
  readonly payload: PayloadOf<C>;
  readonly facts?: Partial<DomainFacts>;
  readonly refusedActor: ActorName;
  readonly clause: string;
  /** `accepted`, or the refusal code of a repeat. */
  readonly repeat: 'accepted' | RefusalCode;
}

const c = <C extends CommandName>(x: Case<C>): Case => x as unknown as Case;
const at = (state: Parameters<typeof lifecycle>[0], then?: (s: Stream) => void) => () => {
  const s = lifecycle(state);
  then?.(s);
  return s;
};
const ft = { changeKind: 'typographical-error', panelDecision: { for: 9, against: 0, abstain: 0 }, summary: 'Typo', legalTextDocumentId: 'LT-FT', legalTextBaseline: '5.18' };
const conditions = ['declared-organisation', 'relevant-expertise', 'conflict-of-interest-declared'];
const scrLive = { scr: { id: 'SCR-1', live: true, ended: false, scope: ['Smart meter data access'] } };
const scrEnded = { scr: { id: 'SCR-1', live: false, ended: true, scope: ['Smart meter data access'] } };
const toS13 = (s: Stream) => {
  s.run('authority', 'determine-path', { path: 2, reasons: 'Material' });
  for (const v of VOTERS) s.run(v, 'cast-vote', PAYLOADS.vote());
  s.run('secretariat', 'close-vote', {});
};

const CASES: readonly Case[] = [
  c({ command: 'record-critical-friend-review', given: at('S01'), actor: 'analyst', payload: { commentsDocumentId: 'CF-1' }, refusedActor: 'proposer', clause: 'D:development-stage', repeat: 'accepted' }),
  c({ command: 'record-ca-support', given: at('S01'), actor: 'analyst', payload: { summary: 'Help with Section H' }, refusedActor: 'proposer', clause: 'C7.2(i)', repeat: 'accepted' }),
  c({ command: 'revise-problem-statement', given: at('S02'), actor: 'proposer', payload: { problemStatement: 'v2', final: true }, refusedActor: 'otherParty', clause: 'D:development-stage', repeat: 'accepted' }),
  c({ command: 'record-screening', given: at('S01'), actor: 'analyst', payload: PAYLOADS.screening(), refusedActor: 'proposer', clause: 'F1.6', repeat: 'accepted' }),
  c({ command: 'agree-problem-statement', given: at('S02'), actor: 'cscMember', payload: { problemStatementVersion: 1 }, refusedActor: 'proposer', clause: 'D2A.1', repeat: 'invalid-state' }),
  c({ command: 'request-conversion', given: at('S03'), actor: 'proposer', payload: {}, refusedActor: 'otherParty', clause: 'C7.2(f)', repeat: 'invalid-state' }),
  c({ command: 'convert', given: at('S04'), actor: 'panelChair', payload: PAYLOADS.convert(), refusedActor: 'analyst', clause: 'D3.11', repeat: 'invalid-state' }),
  c({ command: 'send-back', given: at('S04'), actor: 'panelChair', payload: { reasons: 'Not understood' }, refusedActor: 'authority', clause: 'D:send-back', repeat: 'invalid-state' }),
  c({ command: 'raise-fast-track', given: at('S02'), actor: 'panelChair', payload: ft, refusedActor: 'analyst', clause: 'D:fast-track', repeat: 'invalid-state' }),
  c({ command: 'object-to-fast-track', given: at('S02', (s) => s.run('panelChair', 'raise-fast-track', ft)), actor: 'smallSupplier', payload: { reasons: 'Not housekeeping' }, refusedActor: 'analyst', clause: 'D:fast-track', repeat: 'invalid-state' }),
  c({ command: 'establish-working-group', given: at('S04', (s) => s.run('panelChair', 'convert', PAYLOADS.convert())), actor: 'panelChair', payload: { termsOfReferenceDocumentId: 'TOR' }, refusedActor: 'proposer', clause: 'D6.3', repeat: 'invalid-state' }),
  c({ command: 'appoint-working-group-member', given: at('S05'), actor: 'panelChair', payload: { memberUserId: 'u1', name: 'U One', conditionsMet: conditions }, refusedActor: 'otherParty', clause: 'D6.3', repeat: 'invalid-state' }),
  c({ command: 'nominate-working-group-member', given: at('S05'), actor: 'otherParty', payload: { nomineeUserId: 'u2', name: 'U Two' }, refusedActor: 'authority', clause: 'G7.21', repeat: 'invalid-state' }),
  c({ command: 'amend-proposed-solution', given: at('S05'), actor: 'proposer', payload: PAYLOADS.solution({ summary: 'v2' }), refusedActor: 'wgMember', clause: 'D6.15', repeat: 'accepted' }),
  c({ command: 'raise-alternative-solution', given: at('S05'), actor: 'analyst', payload: { ...PAYLOADS.solution(), wgVote: { for: 3, against: 1, rationale: 'Better (a)' } }, refusedActor: 'proposer', clause: 'D6.16', repeat: 'accepted' }),
  c({ command: 'request-dcc-assessment', given: at('S05'), actor: 'panelChair', payload: { type: 'preliminary' }, refusedActor: 'proposer', clause: 'D:dcc-assessments', repeat: 'guard-failed' }),
  c({ command: 'record-dcc-assessment', given: at('S05', (s) => s.run('panelChair', 'request-dcc-assessment', { type: 'impact' })), actor: 'dcc', payload: { type: 'impact', costGbp: 25_000, implementationEstimate: '3 months', documentId: 'IA-1' }, refusedActor: 'analyst', clause: 'D:dcc-assessments', repeat: 'invalid-state' }),
  c({ command: 'open-consultation', given: at('S05'), actor: 'analyst', payload: { kind: 'refinement', documentId: 'RC' }, refusedActor: 'proposer', clause: 'D:refinement-consultation', repeat: 'guard-failed' }),
  c({ command: 'respond-to-consultation', given: at('S05', (s) => s.run('analyst', 'open-consultation', { kind: 'refinement', documentId: 'RC' })), actor: 'otherParty', payload: { response: 'Yes' }, refusedActor: 'authority', clause: 'D7.8', repeat: 'accepted' }),
  c({ command: 'close-consultation', given: at('S05', (s) => s.run('analyst', 'open-consultation', { kind: 'refinement', documentId: 'RC' })), actor: 'analyst', payload: { kind: 'refinement' }, refusedActor: 'proposer', clause: 'D:refinement-consultation', repeat: 'invalid-state' }),
  c({ command: 'make-representation', given: at('S05'), actor: 'ssc', payload: { purposeAndEffect: 'Security', evidenceSummary: 'Audit' }, refusedActor: 'authority', clause: 'G7.22(a)', repeat: 'accepted' }),
  c({ command: 'record-advice', given: at('S05'), actor: 'tabasc', payload: { summary: 'No impact' }, refusedActor: 'proposer', clause: 'F1.4', repeat: 'accepted' }),
  c({ command: 'complete-refinement', given: at('S05'), actor: 'panelChair', payload: {}, refusedActor: 'analyst', clause: 'D:dcc-assessments', repeat: 'invalid-state' }),
  c({ command: 'issue-modification-report', given: at('S06'), actor: 'analyst', payload: PAYLOADS.mr(), refusedActor: 'panelChair', clause: 'D7.1', repeat: 'invalid-state' }),
  c({ command: 'approve-report-consultation', given: at('S07'), actor: 'panelChair', payload: { opensOn: '2025-03-10', closesOn: '2025-03-31' }, refusedActor: 'analyst', clause: 'D7.8', repeat: 'invalid-state' }),
  c({ command: 'open-ballot', given: at('S10'), actor: 'secretariat', payload: {}, refusedActor: 'proposer', clause: 'D8', repeat: 'invalid-state' }),
  c({ command: 'cast-vote', given: at('S10+ballot'), actor: 'cbLarge', payload: PAYLOADS.vote(), refusedActor: 'proposer', clause: 'D8', repeat: 'conflict' }),
  c({ command: 'close-vote', given: at('S10+ballot', (s) => { for (const v of VOTERS) s.run(v, 'cast-vote', PAYLOADS.vote()); }), actor: 'secretariat', payload: {}, refusedActor: 'proposer', clause: 'D8', repeat: 'invalid-state' }),
  c({ command: 'record-baseline-recheck', given: at('S05'), actor: 'analyst', payload: { legalTextDocumentId: 'LT-1', secVersion: '5.19' }, refusedActor: 'proposer', clause: 'D:legal-text-baseline', repeat: 'accepted' }),
  c({ command: 'lodge-appeal', given: at('S11'), actor: 'otherParty', payload: { grounds: ['not-better-facilitating-objectives'], statement: 'No' }, refusedActor: 'authority', clause: 'D:self-governance-appeals', repeat: 'invalid-state' }),
  c({ command: 'decide-appeal', given: at('S11', (s) => s.run('otherParty', 'lodge-appeal', { grounds: ['not-better-facilitating-objectives'], statement: 'No' })), actor: 'authority', payload: { outcome: 'uphold', reasons: 'Sound' }, refusedActor: 'panelChair', clause: 'D:self-governance-appeals', repeat: 'invalid-state' }),
  c({ command: 'attach-final-modification-report', given: at('S10+ballot', toS13), actor: 'analyst', payload: { documentId: 'FMR-1' }, refusedActor: 'proposer', clause: 'D:authority-decision', repeat: 'accepted' }),
  c({ command: 'decide', given: at('S10+ballot', (s) => { toS13(s); s.run('analyst', 'attach-final-modification-report', { documentId: 'FMR-1' }); }), actor: 'authority', payload: { outcome: 'approve', reasons: 'Better facilitates', decisionLetterDocumentId: 'DL-1' }, refusedActor: 'panelChair', clause: 'D:authority-decision', repeat: 'invalid-state' }),
  c({ command: 'schedule-implementation', given: at('S15'), actor: 'panelChair', payload: { implementationDate: '2025-06-26', releaseId: 'REL-2025-06' }, refusedActor: 'analyst', clause: 'C2.3(d)', repeat: 'invalid-state' }),
  c({ command: 'mark-implemented', given: at('S16'), actor: 'analyst', payload: { secVersion: '5.19' }, refusedActor: 'panelChair', clause: 'C2.3(d)', repeat: 'invalid-state' }),
  c({ command: 'withdraw', given: at('S05'), actor: 'proposer', payload: { reason: 'No longer needed' }, refusedActor: 'otherParty', clause: 'D:withdrawal', repeat: 'invalid-state' }),
  c({ command: 'adopt', given: at('S05', (s) => s.run('proposer', 'withdraw', {})), actor: 'otherParty', payload: {}, refusedActor: 'defaulting', clause: 'D:adoption', repeat: 'invalid-state' }),
  c({ command: 'suspend-for-scr', given: at('S05'), actor: 'authority', payload: { scrId: 'SCR-1', scopeItems: ['Smart meter data access'], reasons: 'In scope' }, facts: scrLive, refusedActor: 'proposer', clause: 'A1.1', repeat: 'invalid-state' }),
  c({ command: 'resume-after-scr', given: at('S05', (s) => s.run('authority', 'suspend-for-scr', { scrId: 'SCR-1', scopeItems: ['Smart meter data access'], reasons: 'In scope' }, scrLive)), actor: 'panelChair', payload: { disposition: 'resume', reasons: 'Ended' }, facts: scrEnded, refusedActor: 'proposer', clause: 'A1.1', repeat: 'invalid-state' }),
  c({ command: 'request-urgency', given: at('S05'), actor: 'proposer', payload: { reasons: 'Consumer detriment' }, refusedActor: 'otherParty', clause: 'D:urgent-modifications', repeat: 'invalid-state' }),
  c({ command: 'decide-urgency', given: at('S05', (s) => s.run('proposer', 'request-urgency', { reasons: 'Detriment' })), actor: 'authority', payload: { granted: false, reasons: 'Criteria not met' }, refusedActor: 'panelChair', clause: 'D:urgent-modifications', repeat: 'guard-failed' }),
  c({ command: 'determine-path', given: at('S05'), actor: 'authority', payload: { path: 2, reasons: 'Material' }, refusedActor: 'panelChair', clause: 'D:path-determination', repeat: 'accepted' }),
  c({ command: 'expire-timer', given: at('S11', (s) => s.passTimer('TM04')), actor: 'system', payload: { timer: 'TM04' }, refusedActor: 'analyst', clause: 'D:self-governance-appeals', repeat: 'invalid-state' }),
];

describe('every command: allowed, refused, repeated', () => {
  it('covers every command name', () => {
    expect(new Set([...CASES.map((x) => x.command), 'create-draft-proposal'])).toEqual(new Set(COMMAND_NAMES));
  });

  describe.each(CASES.map((x) => [x.command, x] as const))('%s', (_name, k) => {
    it('given the state, when the entitled actor runs it, then it is accepted with clause references', () => {
      const s = k.given();
      const before = s.events.length;
      const events = s.run(k.actor, k.command, k.payload as never, k.facts);
      expect(events.length).toBeGreaterThan(0);
      for (const e of events) expect(e.clauseRefs.length).toBeGreaterThan(0);
      expect(replay(s.events)).toEqual(s.state);
      expect(s.events.length).toBe(before + events.length);
    });
    it(`when an actor without the right runs it, then 403 not-entitled citing ${k.clause}`, () => {
      const s = k.given();
      expectRefused(s.try(k.refusedActor, k.command, k.payload as never, k.facts), 'not-entitled', k.clause, 403);
    });
    it(`when repeated, then ${k.repeat}`, () => {
      const s = k.given();
      s.run(k.actor, k.command, k.payload as never, k.facts);
      const d = s.try(k.actor, k.command, k.payload as never, k.facts);
      if (k.repeat === 'accepted') expect(d.kind).toBe('accepted');
      else expect(d).toMatchObject({ kind: 'refusal', code: k.repeat, status: 409 });
    });
  });

  describe('create-draft-proposal (T01)', () => {
    it('is accepted for an entitled Party, starts TM01 and pins the rulebook version (RB-02)', () => {
      const s = new Stream();
      const [e] = s.run('proposer', 'create-draft-proposal', PAYLOADS.create());
      expect(e?.clauseRefs).toContain('D1.3');
      expect(s.s).toMatchObject({ state: 'S01', stateName: 'DraftSubmitted', rulebookVersion: 'sec-5.18+secmp0049', references: { dp: 'DP014' }, phase: 'draft' });
      expect(s.s.timers.TM01?.kind).toBe('soft');
    });
    it('is refused for the Authority outside an SCR (entitled-submitter, 403) and for a solution in a DP (problem-statement-only, 422)', () => {
      expectRefused(decide(cmd('create-draft-proposal', PAYLOADS.create()), undefined, ctxFor(ACTORS.authority)), 'guard-failed', 'D1.3', 403);
      const r = expectRefused(decide(cmd('create-draft-proposal', PAYLOADS.create({ proposedSolution: 'Do X' })), undefined, ctxFor(ACTORS.proposer)), 'guard-failed', undefined, 422);
      expect(r.guards).toEqual(['problem-statement-only']);
    });
    it('when repeated on an existing stream, then 409 invalid-state', () => {
      const s = lifecycle('S01');
      expectRefused(s.try('proposer', 'create-draft-proposal', PAYLOADS.create()), 'invalid-state', 'D1.3', 409);
    });
  });

  it('a command that matches no row for the state is refused 409 invalid-state', () => {
    const s = lifecycle('S17');
    for (const name of COMMAND_NAMES) {
      if (name === 'create-draft-proposal') continue;
      expect(s.try('panelChair', name, {} as never)).toMatchObject({ code: 'invalid-state', status: 409 });
    }
  });
});
