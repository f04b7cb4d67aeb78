import { describe, expect, it } from 'vitest';
import { calendarSettingsOf } from './calendar-settings.ts';
import { citeClause, isKnownClause } from './clauses.ts';
import { cscActingBodyOn } from './acting-body.ts';
import { entitlementCell, entitlementRowsFor } from './entitlements.ts';
import { refusalStatusFor } from './guards.ts';
import { CURRENT_RULEBOOK, RULEBOOK_VERSIONS, rulebookById, rulebookFor, versionInForce } from './registry.ts';
import { SEC_5_18_SECMP0049 } from './sec-5-18-secmp0049.ts';
import { createWorkingDayCalendar } from '../calendar/working-day-calendar.ts';

const rb = SEC_5_18_SECMP0049;
const stateIds = new Set<string>(rb.states.map((s) => s.id));
const guardIds = new Set(rb.guards.map((g) => g.id));
const timerIds = new Set<string>(rb.timers.map((t) => t.id));
const parameterKeys = new Set<string>();
const collect = (node: unknown, path: string[]): void => {
  if (typeof node !== 'object' || node === null) return;
  if ((node as { kind?: unknown }).kind === 'parameter') { parameterKeys.add(path.join('.')); return; }
  for (const [k, v] of Object.entries(node)) collect(v, [...path, k]);
};
collect(rb.parameters, []);

describe('metadata (§1.3 item 1)', () => {
  it('identifies the version, its dates, SEC baseline and sources', () => {
    expect(rb.metadata).toMatchObject({ id: 'sec-5.18+secmp0049', effectiveFrom: '2018-11-01', secBaseline: '5.18', usage: 'executable' });
    expect(rb.metadata.effectiveTo).toBeUndefined();
    expect(rb.metadata.sources.length).toBeGreaterThan(0);
  });

  it('holds sec-legacy-2013 as an import and display-only entry that ends the day before', () => {
    const legacy = RULEBOOK_VERSIONS.find((v) => v.id === 'sec-legacy-2013');
    expect(legacy).toMatchObject({ usage: 'import-display-only', effectiveTo: '2018-10-31' });
  });
});

describe('pinning a version at creation (RB-02 rulebook.pinningPolicy)', () => {
  it('picks sec-5.18+secmp0049 from 1 November 2018', () => {
    expect(rulebookFor('2018-11-01')?.metadata.id).toBe('sec-5.18+secmp0049');
    expect(rulebookFor('2026-06-15')?.metadata.id).toBe('sec-5.18+secmp0049');
  });

  it('reads an instant as a London date (GMT by then: clocks went back on 28 October 2018)', () => {
    expect(rulebookFor(new Date('2018-10-31T23:59:59Z'))).toBeUndefined();
    expect(rulebookFor(new Date('2018-11-01T00:00:00Z'))?.metadata.id).toBe('sec-5.18+secmp0049');
  });

  it('has no executable version before then; the legacy one is display-only', () => {
    expect(rulebookFor('2018-10-31')).toBeUndefined();
    expect(versionInForce('2018-10-31')?.id).toBe('sec-legacy-2013');
    expect(versionInForce('2010-01-01')).toBeUndefined();
  });

  it('finds a recorded version by id (RB-01)', () => {
    expect(rulebookById('sec-5.18+secmp0049')).toBe(CURRENT_RULEBOOK);
    expect(rulebookById('sec-legacy-2013')).toBeUndefined();
  });
});

describe('a published rulebook version is immutable (RB-03)', () => {
  it('is deeply frozen', () => {
    expect(Object.isFrozen(rb)).toBe(true);
    expect(Object.isFrozen(rb.parameters.appeal.windowWd)).toBe(true);
    expect(Object.isFrozen(rb.transitions[0]?.guards)).toBe(true);
    expect(Object.isFrozen(rb.parameters.changeBoard.seats.value[0])).toBe(true);
  });

  it('refuses writes', () => {
    expect(() => { (rb.parameters.appeal.windowWd as { value: number }).value = 30; }).toThrow(TypeError);
    expect(() => { (rb.states as unknown as unknown[]).push({}); }).toThrow(TypeError);
    expect(rb.parameters.appeal.windowWd.value).toBe(15);
  });
});

describe('states (§5.2)', () => {
  it('has S01 to S22 with the terminal states S17, S18, S20 and S22', () => {
    expect(rb.states.map((s) => s.id)).toEqual(Array.from({ length: 22 }, (_, i) => `S${String(i + 1).padStart(2, '0')}`));
    expect(rb.states.filter((s) => s.terminal).map((s) => s.id)).toEqual(['S17', 'S18', 'S20', 'S22']);
  });
});

describe('transitions (§5.4)', () => {
  it('has T01 to T51 in order', () => {
    expect(rb.transitions.map((t) => t.id)).toEqual(Array.from({ length: 51 }, (_, i) => `T${String(i + 1).padStart(2, '0')}`));
  });

  it.each(rb.transitions.map((t) => [t.id, t] as const))('%s references known states, guards, timers, clauses and parameters', (_id, t) => {
    for (const s of t.from) expect(stateIds.has(s), s).toBe(true);
    for (const s of t.to) expect(s === 'self' || s === 'resume-state' || stateIds.has(s), s).toBe(true);
    for (const g of t.guards) expect(guardIds.has(g), g).toBe(true);
    for (const tm of [...(t.timers?.starts ?? []), ...(t.timers?.stops ?? [])]) expect(timerIds.has(tm), tm).toBe(true);
    for (const c of t.clauses) expect(isKnownClause(rb.clauseMap, c), c).toBe(true);
    for (const k of [...(t.parameters ?? []), ...(t.actorParameters ?? [])]) expect(parameterKeys.has(k), k).toBe(true);
    expect(t.actors.length).toBeGreaterThan(0);
    expect(t.source).not.toBe('');
  });

  it('only T01 starts from no state, and no transition leaves a terminal state', () => {
    expect(rb.transitions.filter((t) => t.from.length === 0).map((t) => t.id)).toEqual(['T01']);
    const terminal = new Set(rb.states.filter((s) => s.terminal).map((s) => s.id));
    expect(rb.transitions.filter((t) => t.from.some((s) => terminal.has(s))).map((t) => t.id)).toEqual([]);
  });

  it('every non-terminal state has a way out', () => {
    for (const s of rb.states.filter((x) => !x.terminal)) {
      const out = rb.transitions.filter((t) => t.from.includes(s.id) && t.to.some((to) => to !== 'self'));
      expect(out.length, s.id).toBeGreaterThan(0);
    }
  });

  it('expire-timer is executed only by the system actor (§5.5)', () => {
    for (const t of rb.transitions.filter((x) => x.command === 'expire-timer')) expect(t.actors).toEqual(['system']);
  });

  it('send-back has three rows and close-vote three outcomes', () => {
    expect(rb.transitions.filter((t) => t.command === 'send-back').map((t) => t.id)).toEqual(['T10', 'T29', 'T40']);
    expect(rb.transitions.filter((t) => t.command === 'close-vote').map((t) => t.id)).toEqual(['T33', 'T34', 'T35']);
  });
});

describe('guard catalogue (§5.3)', () => {
  it('maps rights to 403, state to 409 and content to 422', () => {
    for (const g of rb.guards) expect(g.status).toBe({ rights: 403, state: 409, content: 422 }[g.kind]);
    expect(rb.guards.find((g) => g.id === 'seat-active')?.status).toBe(403);
    expect(rb.guards.find((g) => g.id === 'within-window')?.status).toBe(409);
    expect(rb.guards.find((g) => g.id === 'quorum')?.status).toBe(422);
  });

  it('has unique ids, and every parameter and clause it names exists', () => {
    expect(guardIds.size).toBe(rb.guards.length);
    for (const g of rb.guards) {
      for (const k of g.parameters ?? []) expect(parameterKeys.has(k), k).toBe(true);
      for (const c of g.clauses) expect(isKnownClause(rb.clauseMap, c), c).toBe(true);
    }
  });

  it('where guards of several kinds fail, rights beats state beats content', () => {
    expect(refusalStatusFor(['content', 'state', 'rights'])).toBe(403);
    expect(refusalStatusFor(['content', 'state'])).toBe(409);
    expect(refusalStatusFor(['content'])).toBe(422);
    expect(refusalStatusFor([])).toBeUndefined();
  });
});

describe('timers (§7.2)', () => {
  it('has TM01 to TM15, each naming parameters that exist', () => {
    expect(rb.timers.map((t) => t.id)).toEqual(Array.from({ length: 15 }, (_, i) => `TM${String(i + 1).padStart(2, '0')}`));
    for (const t of rb.timers) for (const k of t.keys) expect(parameterKeys.has(k), k).toBe(true);
  });

  it('hard timers end in a command executed by system', () => {
    for (const t of rb.timers.filter((x) => x.kind === 'hard' && x.id !== 'TM13')) expect(t.onExpiry.command).toBeDefined();
  });
});

describe('entitlement matrix (§4.1)', () => {
  it('a Defaulting Party may not create a Draft Proposal (M8.5(b), note 2)', () => {
    const [row] = entitlementRowsFor(rb.entitlements, 'create-draft-proposal');
    expect(row && entitlementCell(row, 'defaulting-party')).toMatchObject({ mark: 'N', note: 2 });
  });

  it('the DCC may and must submit (Y+ D, note 4)', () => {
    const [row] = entitlementRowsFor(rb.entitlements, 'create-draft-proposal');
    expect(row && entitlementCell(row, 'dcc')).toMatchObject({ mark: 'Y+', duty: true, note: 4 });
  });

  it('the DCC may respond to a Refinement Consultation but not to the MRC (note 28)', () => {
    const [refinement] = entitlementRowsFor(rb.entitlements, 'respond-to-consultation', 'refinement');
    const [mrc] = entitlementRowsFor(rb.entitlements, 'respond-to-consultation', 'mrc');
    expect(refinement && entitlementCell(refinement, 'dcc').mark).toBe('Y');
    expect(mrc && entitlementCell(mrc, 'dcc')).toMatchObject({ mark: 'N', note: 28 });
  });

  it('only the Proposer (and a defaulting Proposer) may amend the Proposed Solution (D6.15)', () => {
    const [row] = entitlementRowsFor(rb.entitlements, 'amend-proposed-solution');
    const allowed = Object.entries(row?.cells ?? {}).filter(([, c]) => c.mark === 'Y' || c.mark === 'Y+').map(([a]) => a);
    expect(allowed.sort()).toEqual(['defaulting-party', 'proposer']);
  });

  it('every C cell names an existing parameter that decides it', () => {
    for (const r of rb.entitlements) {
      for (const [actor, cell] of Object.entries(r.cells)) {
        if (cell.mark === 'C') expect(cell.parameter, `${r.command} ${actor}`).toBeDefined();
        if (cell.parameter) expect(parameterKeys.has(cell.parameter), cell.parameter).toBe(true);
      }
    }
  });

  it('every command in the matrix has a transition, and only system may expire timers', () => {
    const commands = new Set(rb.transitions.map((t) => t.command));
    for (const r of rb.entitlements) expect(commands.has(r.command), r.command).toBe(true);
    const [expire] = entitlementRowsFor(rb.entitlements, 'expire-timer');
    expect(expire && entitlementCell(expire, 'system').mark).toBe('D');
    expect(expire && entitlementCell(expire, 'panel').mark).toBe('-');
  });
});

describe('clause map (§1.3 item 2; CFG-04 clauseMap.unconfirmedClauses)', () => {
  it.each([
    ['D3.11', 'Initial Consideration by the Panel'],
    ['D2A.1', 'Establishment of the Change Sub-Committee'],
    ['D1.3', 'Persons Entitled to Submit Draft Proposals'],
    ['D9A.2', 'Authority Power to Develop a Proposed Variation'],
    ['D9A.11', 'Authority Decision'],
    ['D5.7', 'Significant Code Review: Backstop Direction'],
  ])('%s is "%s"', (id, heading) => {
    expect(citeClause(rb.clauseMap, rb.parameters.clauseMap.unconfirmedClauses.value, id).label).toBe(`${id} ${heading}`);
  });

  it.each(['D6.15', 'D6.16', 'G7.19', 'G7.20', 'G7.21', 'G7.22', 'F1.6', 'L1.18', 'L1.19', 'M8.5', 'M5.1', 'C7.2'])('%s is mapped', (id) => {
    expect(rb.clauseMap[id]?.heading).toBeTruthy();
  });

  it('cites a limb under its numbered clause: M8.5(c)(i)', () => {
    expect(citeClause(rb.clauseMap, 'x', 'M8.5(c)(i)')).toMatchObject({ confirmed: true, label: 'M8.5(c)(i) Suspension of rights of a Defaulting Party' });
  });

  it('shows an unconfirmed clause as "Section D (clause to be confirmed)", never a guessed number', () => {
    const label = rb.parameters.clauseMap.unconfirmedClauses.value;
    expect(citeClause(rb.clauseMap, label, 'D:withdrawal').label).toBe('Section D (clause to be confirmed): Withdrawal by the Proposer (D5 in the 2013 layout)');
    expect(citeClause(rb.clauseMap, label, 'D12.9')).toEqual({ id: 'D12.9', confirmed: false, label: 'Section D (clause to be confirmed)' });
  });
});

describe('reference data', () => {
  it('has the eight SEC Objectives, five Party Categories and three paths with their deciders', () => {
    expect(Object.keys(rb.reference.secObjectives)).toEqual(['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h']);
    expect(Object.keys(rb.reference.partyCategories)).toHaveLength(5);
    expect(rb.reference.paths.map((p) => [p.id, p.decider])).toEqual([[1, 'authority'], [2, 'authority'], [3, 'change-board']]);
    for (const p of rb.reference.paths) expect(rb.parameters.path.deciders.value[p.id]).toBe(p.decider);
  });

  it('holds six Path 2 criteria, three appeal grounds, four Fast-Track kinds and the CFG-58 MR sections', () => {
    expect(rb.reference.path2Criteria).toHaveLength(6);
    expect(rb.reference.appealGrounds.map((g) => g.id)).toEqual(rb.parameters.appeal.grounds.value);
    expect(rb.reference.fastTrackCriteria.map((g) => g.id)).toEqual(rb.parameters.fastTrack.criteria.value);
    expect(rb.reference.mrRequiredSections.map((g) => g.id)).toContain('ssc-representations');
  });

  it('scope sets: SOAA is Section G; SMKI documents include the L1.17(d) list; DCCKI excludes the CPS (L13.42)', () => {
    expect(rb.parameters.scope.soaa.value.provisions).toContain('G');
    expect(rb.parameters.scope.smkiSecDocuments.value.documents).toEqual(expect.arrayContaining(['SMKI Compliance Policy', 'SMKI RAPP', 'SMKI Recovery Procedure']));
    expect(rb.parameters.scope.dccki.value.excludes).toContain('DCCKI CPS');
  });

  it('Change Board default seats (§10.3): DCC and Chair do not vote; Large Suppliers sit one per Voting Group', () => {
    const seats = rb.parameters.changeBoard.seats.value;
    expect(seats.filter((s) => !s.voting).map((s) => s.category)).toEqual(['dcc', 'chair']);
    expect(seats.find((s) => s.category === 'large-supplier')?.seats).toBe('one-per-voting-group');
    expect(seats.find((s) => s.category === 'consumer')).toMatchObject({ seats: 1, voting: true });
  });
});

describe('artefacts per stage (§8)', () => {
  it('every gate names a known transition', () => {
    const transitionIds = new Set(rb.transitions.map((t) => t.id));
    for (const a of rb.artefacts) for (const g of a.gate?.split(', ') ?? []) expect(transitionIds.has(g), g).toBe(true);
    expect(rb.artefacts.length).toBeGreaterThanOrEqual(20);
  });
});

describe('rulebook parameters drive other modules', () => {
  it('the calendar settings come from calendar.*', () => {
    const cal = createWorkingDayCalendar(calendarSettingsOf(rb));
    expect(cal.settings).toMatchObject({ timezone: 'Europe/London', deadlineTime: '23:59:59', workingWeekdays: [1, 2, 3, 4, 5] });
    expect(cal.isWorkingDay('2026-12-25')).toBe(false);
  });

  it('the Panel acts as the CSC until csc.standUpDate, then the Change Sub-Committee (RB-05)', () => {
    expect(cscActingBodyOn(rb, '2019-04-07')).toBe('panel');
    expect(cscActingBodyOn(rb, '2019-04-08')).toBe('change-sub-committee');
  });
});
