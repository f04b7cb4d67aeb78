// Random command sequences from random actors (architecture.md "Testing"):
// (1) no accepted command yields a transition that is not in the rulebook's table (or the
//     supplementary steps) for the state it was decided in, for that command;
// (2) replaying all accepted events deep-equals the live folded state;
// (3) an action availableActions offers is never refused as not-entitled.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CURRENT_RULEBOOK } from '../rulebook/registry.ts';
import type { StateId } from '../rulebook/types.ts';
import { availableActions } from './available-actions.ts';
import type { CommandName, ModificationCommand } from './commands.ts';
import type { DomainFacts } from './context.ts';
import { decide } from './decide.ts';
import { dueTimers } from './due-timers.ts';
import { evolve, replay } from './evolve.ts';
import type { ModificationState } from './state.ts';
import { SUPPLEMENTARY_STEPS } from './steps.ts';
import { ACTORS, cmd, ctxFor, DAY, PAYLOADS, T0, type ActorName } from './test-support.ts';

const ft = { changeKind: 'typographical-error', panelDecision: { for: 9, against: 0, abstain: 0 }, summary: 'Typo', legalTextDocumentId: 'LT-FT', legalTextBaseline: '5.18' };
const conditions = ['declared-organisation', 'relevant-expertise', 'conflict-of-interest-declared'];

const POOL: readonly ModificationCommand[] = [
  cmd('record-critical-friend-review', { commentsDocumentId: 'CF' }),
  cmd('record-ca-support', { summary: 'Help' }),
  cmd('revise-problem-statement', { problemStatement: 'v2' }),
  cmd('record-screening', PAYLOADS.screening()),
  cmd('record-screening', { outcome: 'invalid', reason: 'Out of scope' }),
  cmd('agree-problem-statement', { problemStatementVersion: 1 }),
  cmd('agree-problem-statement', { problemStatementVersion: 2 }),
  cmd('request-conversion', {}),
  cmd('convert', PAYLOADS.convert()),
  cmd('convert', PAYLOADS.convert({ route: 'report', path: 2, proposedSolution: PAYLOADS.solution() })),
  cmd('send-back', { reasons: 'Back' }),
  cmd('send-back', { reasons: 'Back', target: 'RefinementProcess' }),
  cmd('raise-fast-track', ft),
  cmd('object-to-fast-track', { reasons: 'No' }),
  cmd('establish-working-group', { termsOfReferenceDocumentId: 'TOR' }),
  cmd('appoint-working-group-member', { memberUserId: 'u1', name: 'U1', conditionsMet: conditions }),
  cmd('nominate-working-group-member', { nomineeUserId: 'u2', name: 'U2', conditionsMet: conditions }),
  cmd('amend-proposed-solution', PAYLOADS.solution()),
  cmd('raise-alternative-solution', { ...PAYLOADS.solution(), wgVote: { for: 3, against: 1, rationale: 'Better' } }),
  cmd('request-dcc-assessment', { type: 'impact' }),
  cmd('record-dcc-assessment', { type: 'impact', costGbp: 1, implementationEstimate: '1m', documentId: 'IA' }),
  cmd('open-consultation', { kind: 'refinement', documentId: 'RC' }),
  cmd('open-consultation', { kind: 'mrc', documentId: 'MRC' }),
  cmd('respond-to-consultation', { response: 'Yes' }),
  cmd('close-consultation', { kind: 'refinement' }),
  cmd('close-consultation', { kind: 'mrc' }),
  cmd('make-representation', { purposeAndEffect: 'Effect', evidenceSummary: 'Evidence', forumLimb: 'i' }),
  cmd('make-representation', { purposeAndEffect: 'Effect' }),
  cmd('record-advice', { summary: 'Advice' }),
  cmd('complete-refinement', { dccImpactAssessmentWaived: true }),
  cmd('issue-modification-report', PAYLOADS.mr({ representations: [{ representationId: 'REP-1', evidenceSummary: 'S' }, { representationId: 'REP-2', evidenceSummary: 'S' }] })),
  cmd('approve-report-consultation', { opensOn: '2025-03-10', closesOn: '2025-04-30' }),
  cmd('open-ballot', {}),
  cmd('cast-vote', PAYLOADS.vote('approve')),
  cmd('cast-vote', PAYLOADS.vote('reject')),
  cmd('close-vote', {}),
  cmd('record-baseline-recheck', { legalTextDocumentId: 'LT-1', secVersion: '5.19' }),
  cmd('lodge-appeal', { grounds: ['not-better-facilitating-objectives'], statement: 'No' }),
  cmd('decide-appeal', { outcome: 'uphold', reasons: 'R' }),
  cmd('decide-appeal', { outcome: 'remit', reasons: 'R' }),
  cmd('attach-final-modification-report', { documentId: 'FMR' }),
  cmd('decide', { outcome: 'approve', reasons: 'R', decisionLetterDocumentId: 'DL' }),
  cmd('decide', { outcome: 'reject', reasons: 'R', decisionLetterDocumentId: 'DL' }),
  cmd('schedule-implementation', { implementationDate: '2025-03-03' }),
  cmd('mark-implemented', { secVersion: '5.19' }),
  cmd('withdraw', {}),
  cmd('adopt', {}),
  cmd('suspend-for-scr', { scrId: 'SCR-1', scopeItems: ['Smart meter data access'], reasons: 'Scope' }),
  cmd('resume-after-scr', { disposition: 'resume', reasons: 'Ended' }),
  cmd('resume-after-scr', { disposition: 'close', reasons: 'Subsumed' }),
  cmd('request-urgency', { reasons: 'Urgent' }),
  cmd('decide-urgency', { granted: true, reasons: 'OK', waivedGuards: ['mr-content-complete'] }),
  cmd('determine-path', { path: 2, reasons: 'R' }),
  cmd('determine-path', { path: 3, reasons: 'R' }),
  cmd('expire-timer', { timer: 'TM04' }),
  cmd('expire-timer', { timer: 'TM05' }),
  cmd('expire-timer', { timer: 'TM06' }),
];

const FACTS: readonly Partial<DomainFacts>[] = [
  {},
  { scr: { id: 'SCR-1', live: true, ended: false, scope: ['Smart meter data access'] } },
  { scr: { id: 'SCR-1', live: false, ended: true, scope: ['Smart meter data access'] } },
  { secVersionsAfterBaseline: ['5.19'] },
  { legalTextChecked: false },
];

const ACTOR_NAMES = Object.keys(ACTORS) as ActorName[];
const ROWS = [...CURRENT_RULEBOOK.transitions, ...SUPPLEMENTARY_STEPS];
const AWAY: readonly string[] = ['withdraw', 'suspend-for-scr', 'send-back'];

const resumeStateOf = (s: ModificationState): StateId | undefined => s.withdrawal?.resumeState ?? s.suspension?.resumeState;

const step = fc.record({
  actor: fc.constantFrom(...ACTOR_NAMES),
  command: fc.nat({ max: POOL.length - 1 }),
  facts: fc.nat({ max: FACTS.length - 1 }),
  advanceDays: fc.constantFrom(0, 0, 0, 0, 1, 7, 30),
  guided: fc.constantFrom(true, true, true, false),
  pick: fc.nat(),
});

describe('property: random command sequences', () => {
  it('only table transitions are taken, replay equals the live state, and offered actions are entitled', () => {
    fc.assert(fc.property(fc.array(step, { minLength: 1, maxLength: 80 }), (steps) => {
      let now = T0;
      const created = decide(cmd('create-draft-proposal', PAYLOADS.create()), undefined, ctxFor(ACTORS.proposer, now));
      if (created.kind !== 'accepted') throw new Error('create refused');
      const events = [...created.events];
      let state: ModificationState | undefined = replay(events);
      for (const st of steps) {
        now = new Date(now.getTime() + st.advanceDays * DAY);
        if (!state) break;
        let actor = ACTORS[st.actor];
        const facts = FACTS[st.facts] ?? {};
        let command: ModificationCommand | undefined = POOL[st.command];
        if (st.guided) {
          // Follow what availableActions offers any actor (or what the sweeper would fire), so that runs reach late states.
          const due = dueTimers(state, now);
          const s0: ModificationState = state;
          const offers = ACTOR_NAMES.flatMap((n) => availableActions(s0, ctxFor(ACTORS[n], now, facts)).map((a) => [n, a] as const));
          // Mostly prefer offers that move the proposal on (not withdrawal, suspension or send-back), so runs reach late states.
          const progress = offers.filter(([, a]) => ROWS.find((r) => r.id === a.transition)?.to[0] !== 'self' && !AWAY.includes(a.command));
          const from = progress.length && st.pick % 4 !== 0 ? progress : offers;
          const choice = from[st.pick % Math.max(from.length, 1)];
          if (due.length && st.pick % 2 === 0) {
            actor = ACTORS.system;
            command = due[st.pick % due.length]?.command;
          } else if (choice) {
            const [n, a] = choice;
            actor = ACTORS[n];
            const payloadFits = (p: ModificationCommand) => Object.entries(a.when ?? {}).every(([k, v]) => !(k in p.payload) || String((p.payload as Record<string, unknown>)[k]) === v);
            const candidates = POOL.filter((p) => p.type === a.command && payloadFits(p));
            command = candidates[st.pick % Math.max(candidates.length, 1)] ?? command;
            const d = command ? decide(command, state, ctxFor(actor, now, facts)) : undefined;
            if (d && d.kind === 'refusal' && command?.type === a.command) expect(d.code).not.toBe('not-entitled');
          }
        }
        const ctx = ctxFor(actor, now, facts);
        if (!command) continue;
        const d = decide(command, state, ctx);
        if (d.kind !== 'accepted') continue;
        for (const e of d.events) {
          const before: ModificationState = state as ModificationState;
          const row = ROWS.find((r) => r.id === e.data.transition);
          expect(row, `${e.type} names no known row`).toBeDefined();
          if (!row) return;
          expect(row.command as CommandName).toBe(command.type);
          expect(row.from).toContain(before.state);
          const allowed = row.to.map((t) => (t === 'self' ? before.state : t === 'resume-state' ? resumeStateOf(before) : t));
          expect(allowed).toContain(e.data.to);
          state = evolve(before, e);
          events.push(e);
        }
      }
      expect(replay(events)).toEqual(state);
    }), { numRuns: 150 });
  }, 120_000);
});
