// SCR and ALV records, given/when/then (R-A-08, §6.7).
import { describe, expect, it } from 'vitest';
import { CURRENT_RULEBOOK } from '../rulebook/registry.ts';
import { ACTORS } from '../modification/test-support.ts';
import type { Actor } from '../modification/context.ts';
import type { Decision } from '../shared/decision.ts';
import { alvDirectedFrom, decideAlv, decidePhaseEndNotice, decideScr, decideStart, type RecordContext } from './decide.ts';
import type { AlvCommand, ScrCommand } from './commands.ts';
import type { AlvEvent, ScrEvent } from './events.ts';
import { isExempted, phaseOf, replayAlv, replayScr, type ScrLinks } from './state.ts';

const ctx = (actor: Actor = ACTORS.authority, now = '2019-03-01T10:00:00Z'): RecordContext => ({ now: new Date(now), rulebook: CURRENT_RULEBOOK, actor });
const events = <E>(d: Decision<E>): E[] => {
  if (d.kind !== 'accepted') throw new Error(JSON.stringify(d));
  return [...d.events];
};
const started = (noticeDate = '2019-01-10'): ScrEvent[] =>
  events(decideStart({ subject: 'Smart meter data access', noticeDate, startBasis: 'notice' }, 'SCR-001', ctx()));
const run = (history: ScrEvent[], command: Exclude<ScrCommand, { type: 'start' }>, c = ctx(), links: ScrLinks = {}) => decideScr(command, replayScr(history), c, links);

describe('Significant Code Review Phase (R-A-08, A1.1)', () => {
  it('A1.1 limb (d): phaseEnd is the conclusion document date plus 28 calendar days, whatever the Working Day calendar', () => {
    const h = started();
    h.push(...events<ScrEvent>(run(h, { type: 'record-conclusion', payload: { conclusionDocumentDate: '2019-03-01', documentId: 'CONC-1' } })));
    const s = replayScr(h)!;
    expect(phaseOf(s, {}, '2019-03-28')).toMatchObject({ phaseEnd: '2019-03-29', endedBy: 'd', live: true, ended: false });
    expect(phaseOf(s, {}, '2019-03-29')).toMatchObject({ live: false, ended: true });
  });

  it('A1.1 limb (a): an SCR Draft Proposal created on 2019-03-20 ends the phase that day (earlier than limb (d))', () => {
    const h = started();
    h.push(...events<ScrEvent>(run(h, { type: 'record-conclusion', payload: { conclusionDocumentDate: '2019-03-01', documentId: 'CONC-1' } })));
    expect(phaseOf(replayScr(h)!, { scrDraftProposal: { reference: 'DP020', date: '2019-03-20' } }, '2019-03-20')).toMatchObject({ phaseEnd: '2019-03-20', endedBy: 'a', ended: true });
  });

  it('A1.1 limb (b): an ALV decided on 2019-03-10 ends the phase that day', () => {
    const h = started();
    h.push(...events<ScrEvent>(run(h, { type: 'record-conclusion', payload: { conclusionDocumentDate: '2019-03-01', documentId: 'CONC-1' } })));
    expect(phaseOf(replayScr(h)!, { alvDecisionDates: ['2019-03-10'] }, '2019-03-05')).toMatchObject({ phaseEnd: '2019-03-10', endedBy: 'b', live: true });
  });

  it('A1.1 limb (c): a "no modification required" conclusion ends the phase on its date', () => {
    const h = started();
    h.push(...events<ScrEvent>(run(h, { type: 'record-no-modification-conclusion', payload: { conclusionDate: '2019-02-15', documentId: 'NMC-1', reasons: 'No change needed' } })));
    expect(phaseOf(replayScr(h)!, {}, '2019-03-01')).toMatchObject({ phaseEnd: '2019-02-15', endedBy: 'c', ended: true });
    expect(run(h, { type: 'record-alv-direction', payload: { title: 'x', directionDate: '2019-02-20', documentId: 'D' } })).toMatchObject({ code: 'invalid-state', status: 409, clause: 'A1.1' });
  });

  it('D5.7 and D9A.2: the phase may start by a backstop direction or an ALV direction; only the Authority starts it (403)', () => {
    expect(events<ScrEvent>(decideStart({ subject: 's', noticeDate: '2019-01-10', startBasis: 'backstop-direction' }, 'SCR-002', ctx()))[0]?.clauseRefs).toEqual(['D5.7', 'A1.1']);
    expect(events<ScrEvent>(decideStart({ subject: 's', noticeDate: '2019-01-10', startBasis: 'alv-direction' }, 'SCR-003', ctx()))[0]?.clauseRefs).toEqual(['D9A.2', 'A1.1']);
    expect(decideStart({ subject: 's', noticeDate: '2019-01-10', startBasis: 'notice' }, 'SCR-004', ctx(ACTORS.panelChair))).toMatchObject({ code: 'not-entitled', status: 403, clause: 'A1.1' });
    expect(run(started(), { type: 'record-backstop-direction', payload: { directionDate: '2019-02-01', documentId: 'BD' } }, ctx(ACTORS.dcc))).toMatchObject({ code: 'not-entitled', status: 403, clause: 'D5.7' });
  });

  it('refuses dates that are not calendar dates, in the future or before the notice (422), and a second conclusion (409)', () => {
    expect(decideStart({ subject: 's', noticeDate: '2019-02-30', startBasis: 'notice' }, 'SCR-9', ctx())).toMatchObject({ code: 'invalid-input', status: 422 });
    expect(decideStart({ subject: 's', noticeDate: '2019-04-01', startBasis: 'notice' }, 'SCR-9', ctx())).toMatchObject({ code: 'invalid-input', status: 422 });
    const h = started();
    expect(run(h, { type: 'record-conclusion', payload: { conclusionDocumentDate: '2019-01-01', documentId: 'C' } })).toMatchObject({ status: 422 });
    h.push(...events<ScrEvent>(run(h, { type: 'record-conclusion', payload: { conclusionDocumentDate: '2019-02-01', documentId: 'C' } })));
    expect(run(h, { type: 'record-conclusion', payload: { conclusionDocumentDate: '2019-02-02', documentId: 'C2' } })).toMatchObject({ code: 'invalid-state', status: 409 });
  });
});

describe('Authority-Led Variation lifecycle (D9A.2, D9A.11)', () => {
  const directed = () => {
    const h = started();
    const [dir] = events<ScrEvent>(run(h, { type: 'record-alv-direction', payload: { title: 'Data access rules', directionDate: '2019-02-01', documentId: 'DIR-1' } }));
    if (dir?.type !== 'ScrAlvDirectionRecorded') throw new Error('no direction');
    expect(dir.data.alvId).toBe('SCR-001-ALV-1');
    return [alvDirectedFrom(dir, 'SCR-001')];
  };
  const alv = (h: AlvEvent[], command: AlvCommand, c = ctx()) => decideAlv(command, replayAlv(h), c);

  it('D9A.2 → D9A.11: Directed → AwaitingAuthorityDecision → Approved → ImplementationScheduled → Implemented', () => {
    const h = directed();
    expect(replayAlv(h)?.state).toBe('Directed');
    expect(alv(h, { type: 'decide', payload: { outcome: 'approve', reasons: 'r', decisionLetterDocumentId: 'DL' } })).toMatchObject({ code: 'invalid-state', status: 409 });
    expect(alv(h, { type: 'submit-for-decision', payload: {} })).toMatchObject({ code: 'guard-failed', guards: ['alv-consultation-held'], status: 422 });
    h.push(...events<AlvEvent>(alv(h, { type: 'submit-for-decision', payload: { consultationDocumentId: 'CONS-1' } })));
    expect(alv(h, { type: 'decide', payload: { outcome: 'approve', reasons: 'r', decisionLetterDocumentId: 'DL' } }, ctx(ACTORS.panelChair))).toMatchObject({ code: 'not-entitled', status: 403, clause: 'D9A.11' });
    const decided = events<AlvEvent>(alv(h, { type: 'decide', payload: { outcome: 'approve', reasons: 'r', decisionLetterDocumentId: 'DL' } }, ctx(ACTORS.authority, '2019-03-10T12:00:00Z')));
    expect(decided[0]).toMatchObject({ type: 'AlvDecided', data: { scrId: 'SCR-001', decisionDate: '2019-03-10' }, clauseRefs: ['D9A.11', 'A1.1'] });
    h.push(...decided);
    h.push(...events<AlvEvent>(alv(h, { type: 'schedule-implementation', payload: { implementationDate: '2019-06-27' } })));
    expect(alv(h, { type: 'mark-implemented', payload: { secVersion: '6.0' } }, ctx(ACTORS.authority, '2019-06-26T12:00:00Z'))).toMatchObject({ code: 'invalid-state', status: 409 });
    h.push(...events<AlvEvent>(alv(h, { type: 'mark-implemented', payload: { secVersion: '6.0' } }, ctx(ACTORS.authority, '2019-06-27T12:00:00Z'))));
    expect(replayAlv(h)).toMatchObject({ state: 'Implemented', implementation: { implementationDate: '2019-06-27', secVersion: '6.0' } });
  });

  it('D9A.11: a rejected ALV cannot be scheduled', () => {
    const h = directed();
    h.push(...events<AlvEvent>(alv(h, { type: 'submit-for-decision', payload: { consultationDocumentId: 'C' } })));
    h.push(...events<AlvEvent>(alv(h, { type: 'decide', payload: { outcome: 'reject', reasons: 'r', decisionLetterDocumentId: 'DL' } })));
    expect(replayAlv(h)?.state).toBe('Rejected');
    expect(alv(h, { type: 'schedule-implementation', payload: { implementationDate: '2019-06-27' } })).toMatchObject({ code: 'invalid-state', status: 409 });
  });
});

describe('Exemption from an SCR and the end of its phase (A1.1; scr.exemptionsAllowed, scr.autoResumeOnPhaseEnd)', () => {
  const DP = { references: ['DP007', 'MP007'] };
  it('the Authority exempts a named proposal once; others may not (403); an unknown proposal is refused (422)', () => {
    const h = started();
    const exempt = { type: 'exempt-proposal', payload: { reference: 'MP007', reasons: 'Outside the review in substance', documentId: 'OFG-1' } } as const;
    expect(decideScr(exempt, replayScr(h), ctx(ACTORS.panelChair), {}, DP)).toMatchObject({ code: 'not-entitled', status: 403, clause: 'A1.1' });
    expect(decideScr(exempt, replayScr(h), ctx(), {}, undefined)).toMatchObject({ code: 'invalid-input', status: 422 });
    h.push(...events<ScrEvent>(decideScr(exempt, replayScr(h), ctx(), {}, DP)));
    expect(isExempted(replayScr(h)!, ['DP007'])).toBe(true);
    expect(decideScr(exempt, replayScr(h), ctx(), {}, DP)).toMatchObject({ code: 'conflict', status: 409 });
  });
  it('exemptions are refused when the rulebook switches them off (scr.exemptionsAllowed = false)', () => {
    const off = { ...CURRENT_RULEBOOK, parameters: { ...CURRENT_RULEBOOK.parameters, scr: { ...CURRENT_RULEBOOK.parameters.scr, exemptionsAllowed: { ...CURRENT_RULEBOOK.parameters.scr.exemptionsAllowed, value: false } } } };
    const d = decideScr({ type: 'exempt-proposal', payload: { reference: 'DP007', reasons: 'r' } }, replayScr(started()), { ...ctx(), rulebook: off as typeof CURRENT_RULEBOOK }, {}, DP);
    expect(d).toMatchObject({ code: 'invalid-state', status: 409 });
  });
  it('TM13: once the phase has ended the System notes it once, naming the suspended proposals; before then nothing', () => {
    const h = started();
    h.push(...events<ScrEvent>(run(h, { type: 'record-conclusion', payload: { conclusionDocumentDate: '2019-03-01', documentId: 'CONC-1' } })));
    const at = (day: string) => ({ now: new Date(`${day}T12:00:00Z`), rulebook: CURRENT_RULEBOOK });
    expect(events(decidePhaseEndNotice(replayScr(h)!, {}, at('2019-03-28'), ['DP003']))).toEqual([]);
    const noted = events(decidePhaseEndNotice(replayScr(h)!, {}, at('2019-03-29'), ['MP004', 'DP003']));
    expect(noted).toMatchObject([{ type: 'ScrPhaseEndNoted', data: { phaseEnd: '2019-03-29', endedBy: 'd', suspendedProposals: ['DP003', 'MP004'] } }]);
    h.push(...noted);
    expect(events(decidePhaseEndNotice(replayScr(h)!, {}, at('2019-04-02'), ['DP003']))).toEqual([]);
  });
});
