// Test helpers: demo actors mirroring the demo cast (architecture.md "Demo cast"), Change
// Board seats, a Stream that decides and folds commands, and `lifecycle` to drive a
// proposal to a given state along the Self-Governance path (or another path).
import { expect } from 'vitest';
import { CURRENT_RULEBOOK } from '../rulebook/registry.ts';
import type { Rulebook } from '../rulebook/rulebook.ts';
import type { StateId } from '../rulebook/types.ts';
import type { Refusal } from '../shared/decision.ts';
import type { RoleAssignment, RoleId } from '../parties/roles.ts';
import type { OrganisationKind, PartyCategory } from '../parties/organisation.ts';
import type { Seat } from '../voting/types.ts';
import type { CommandName, ModificationCommand, PayloadOf } from './commands.ts';
import type { Actor, CommandContext, DomainFacts } from './context.ts';
import { decide } from './decide.ts';
import type { ModificationEvent } from './events.ts';
import { evolve } from './evolve.ts';
import type { ModificationState } from './state.ts';

const role = (r: RoleId, extra: Partial<RoleAssignment> = {}): RoleAssignment => ({ assignmentId: `${r}-${extra.seat ?? ''}`, role: r, from: '2018-11-01', ...extra });
const user = (userId: string, organisationId: string | undefined, organisationKind: OrganisationKind | undefined, roles: RoleAssignment[], extra: Partial<Actor> = {}): Actor => ({
  userId, name: userId, ...(organisationId ? { organisationId } : {}), ...(organisationKind ? { organisationKind } : {}), roles, ...extra,
});
const party = (userId: string, organisationId: string, partyCategory: PartyCategory, roles: RoleAssignment[] = [role('party-user')]): Actor =>
  user(userId, organisationId, 'party', roles, { partyCategory, votingGroupId: `vg-${organisationId}` });
const cbRole = (seat: string, organisationId: string) => role('change-board-member', { body: 'change-board', seat, organisationId });

export const ACTORS = {
  proposer: party('proposer@large-supplier.example', 'northern-lights-energy', 'large-supplier'),
  proposerColleague: party('colleague@large-supplier.example', 'northern-lights-energy', 'large-supplier'),
  smallSupplier: party('proposer@small-supplier.example', 'brightside-supply', 'small-supplier'),
  otherParty: party('proposer@other-party.example', 'helix-metering-services', 'other-sec-party'),
  defaulting: party('proposer@defaulting-supplier.example', 'harbour-energy-supply', 'small-supplier'),
  analyst: user('analyst@secas.example', 'secas', 'code-administrator', [role('code-administrator', { body: 'code-administrator' })]),
  secretariat: user('secretariat@secas.example', 'secas', 'code-administrator', [role('secretariat', { body: 'secretariat' })]),
  panelChair: user('panel.chair@panel.example', 'sec-panel', 'panel', [role('panel-chair', { body: 'panel' })]),
  cscMember: user('csc.member@csc.example', 'change-sub-committee', 'change-sub-committee', [role('csc-member', { body: 'change-sub-committee' })]),
  cbLarge: party('cb@large-supplier.example', 'northern-lights-energy', 'large-supplier', [cbRole('large-supplier', 'northern-lights-energy')]),
  cbSmall: party('cb@small-supplier.example', 'brightside-supply', 'small-supplier', [cbRole('small-supplier', 'brightside-supply')]),
  cbElec: party('cb@elec-network.example', 'meridian-power-networks', 'electricity-network', [cbRole('electricity-network', 'meridian-power-networks')]),
  cbGas: party('cb@gas-network.example', 'fenland-gas-networks', 'gas-network', [cbRole('gas-network', 'fenland-gas-networks')]),
  cbOther: party('cb@other-party.example', 'helix-metering-services', 'other-sec-party', [cbRole('other-sec-party', 'helix-metering-services')]),
  cbHarbour: party('cb@defaulting-supplier.example', 'harbour-energy-supply', 'small-supplier', [cbRole('small-supplier', 'harbour-energy-supply')]),
  consumer: user('consumer@citizens-advice.example', 'citizens-advice', 'citizens-advice', [role('consumer-body-user'), cbRole('consumer', 'citizens-advice')]),
  wgMember: party('wg.member@other-party.example', 'helix-metering-services', 'other-sec-party', [role('working-group-member', { body: 'working-group' })]),
  dcc: user('dcc@dcc.example', 'dcc', 'dcc', [role('dcc-user')]),
  authority: user('authority@ofgem.example', 'ofgem', 'authority', [role('authority-decision-maker', { body: 'authority' })]),
  ssc: user('ssc@ssc.example', 'ssc', 'ssc', [role('ssc-representative', { body: 'ssc' })]),
  sscMember: user('ssc.member@ssc.example', 'ssc', 'ssc', [role('ssc-member', { body: 'ssc' })]),
  pma: user('pma@smki-pma.example', 'smki-pma', 'smki-pma', [role('smki-pma-representative', { body: 'smki-pma' })]),
  pmaMember: user('pma.member@smki-pma.example', 'smki-pma', 'smki-pma', [role('smki-pma-member', { body: 'smki-pma' })]),
  tabasc: user('tabasc@tabasc.example', 'tabasc', 'tabasc', [role('tabasc-representative', { body: 'tabasc' })]),
  forum: user('forum@alt-han.example', 'alt-han-forum', 'alt-han-forum', [role('alt-han-forum-representative', { body: 'alt-han-forum' })]),
  system: { userId: 'system', roles: [], system: true } as Actor,
} satisfies Record<string, Actor>;

export type ActorName = keyof typeof ACTORS;

const seat = (seatId: string, category: Seat['category'], memberId: string | undefined, extra: Partial<Seat> = {}): Seat => ({
  seatId, body: 'change-board', category, ...(memberId ? { memberId } : {}), voting: true, suspended: false, termStart: '2024-01-01', termEnd: '2026-12-31', ...extra,
});

/** The Change Board: one seat per demo member; Harbour's seat is suspended (M8.5(c)(i)); DCC and Chair observe. */
export const SEATS: readonly Seat[] = [
  seat('cb-large-nle', 'large-supplier', ACTORS.cbLarge.userId, { votingGroupId: 'vg-northern-lights' }),
  seat('cb-small-1', 'small-supplier', ACTORS.cbSmall.userId),
  seat('cb-small-2', 'small-supplier', ACTORS.cbHarbour.userId, { suspended: true, votingGroupId: 'vg-harbour' }),
  seat('cb-elec', 'electricity-network', ACTORS.cbElec.userId),
  seat('cb-gas', 'gas-network', ACTORS.cbGas.userId),
  seat('cb-other-1', 'other-sec-party', ACTORS.cbOther.userId),
  seat('cb-consumer', 'consumer', ACTORS.consumer.userId),
  seat('cb-dcc', 'dcc', ACTORS.dcc.userId, { voting: false }),
  seat('cb-chair', 'chair', undefined, { voting: false }),
];

export const VOTERS: readonly ActorName[] = ['cbLarge', 'cbSmall', 'cbElec', 'cbGas', 'cbOther', 'consumer'];

/** Monday 3 March 2025, 10:00 London. */
export const T0 = new Date('2025-03-03T10:00:00Z');
export const DAY = 86_400_000;

export const factsFor = (actor: Actor, extra: Partial<DomainFacts> = {}): DomainFacts => ({
  actorOrganisationDefaulting: actor.organisationId === 'harbour-energy-supply',
  changeBoardSeats: SEATS,
  legalTextChecked: true,
  ...extra,
});

export const ctxFor = (actor: Actor, now: Date = T0, facts: Partial<DomainFacts> = {}, rulebook: Rulebook = CURRENT_RULEBOOK, reference = 14): CommandContext => ({
  now, rulebook, actor, facts: factsFor(actor, facts), reference,
});

export const cmd = <C extends CommandName>(type: C, payload: PayloadOf<C>): ModificationCommand => ({ type, payload }) as ModificationCommand;

export const expectRefused = (d: ReturnType<typeof decide>, code: Refusal['code'], clause?: string, status?: number): Refusal => {
  expect(d.kind).toBe('refusal');
  const r = d as Refusal;
  expect(r.code).toBe(code);
  if (clause !== undefined) expect(r.clause).toBe(clause);
  if (status !== undefined) expect(r.status).toBe(status);
  return r;
};

/** A stream under test: decides commands at `now` and folds the accepted events. */
export class Stream {
  events: ModificationEvent[] = [];
  state: ModificationState | undefined;
  now: Date = T0;
  facts: Partial<DomainFacts> = {};
  rulebook: Rulebook = CURRENT_RULEBOOK;

  ctx(actor: ActorName | Actor, facts: Partial<DomainFacts> = {}): CommandContext {
    const a = typeof actor === 'string' ? ACTORS[actor] : actor;
    return ctxFor(a, this.now, { ...this.facts, ...facts }, this.rulebook);
  }

  try<C extends CommandName>(actor: ActorName | Actor, type: C, payload: PayloadOf<C>, facts: Partial<DomainFacts> = {}) {
    const d = decide(cmd(type, payload), this.state, this.ctx(actor, facts));
    if (d.kind === 'accepted') {
      for (const e of d.events) this.state = evolve(this.state, e);
      this.events.push(...d.events);
    }
    return d;
  }

  /** Runs a command that must be accepted; returns its events. */
  run<C extends CommandName>(actor: ActorName | Actor, type: C, payload: PayloadOf<C>, facts: Partial<DomainFacts> = {}): ModificationEvent[] {
    const d = this.try(actor, type, payload, facts);
    if (d.kind !== 'accepted') throw new Error(`${type} by ${typeof actor === 'string' ? actor : actor.userId} in ${this.state?.state ?? '—'} refused: ${d.code} ${d.message}`);
    return [...d.events];
  }

  advance(ms: number): this {
    this.now = new Date(this.now.getTime() + ms);
    return this;
  }

  /** Moves the clock just past a timer's due instant. */
  passTimer(timer: keyof ModificationState['timers']): this {
    const t = this.state?.timers[timer];
    if (!t) throw new Error(`Timer ${timer} is not set`);
    this.now = new Date(Date.parse(t.dueAt) + 1000);
    return this;
  }

  get s(): ModificationState {
    if (!this.state) throw new Error('No stream yet');
    return this.state;
  }
}

export const PAYLOADS = {
  create: (extra: Partial<PayloadOf<'create-draft-proposal'>> = {}): PayloadOf<'create-draft-proposal'> => ({
    title: 'Clarify the meter exchange notification window',
    problemStatement: 'Suppliers read the notification window in H4 differently, causing failed exchanges.',
    affectedProvisions: ['H4.12'],
    submissionBasis: 'voluntary',
    iprAccepted: true,
    ...extra,
  }),
  screening: (extra: Partial<PayloadOf<'record-screening'>> = {}): PayloadOf<'record-screening'> => ({
    outcome: 'complete', tabasc: 'unlikely', sscSoaa: 'unlikely', sscMaterialSecurity: 'unlikely', smkiPma: 'unlikely', crossCode: 'none', ...extra,
  }),
  convert: (extra: Partial<PayloadOf<'convert'>> = {}): PayloadOf<'convert'> => ({
    route: 'refinement', path: 3, pathReasons: 'No material effect under the Path 2 criteria', timetable: { summary: 'Refinement to June, Change Board July' }, workingGroupRequired: true, ...extra,
  }),
  solution: (extra: Partial<PayloadOf<'amend-proposed-solution'>> = {}): PayloadOf<'amend-proposed-solution'> => ({
    summary: 'Fix the notification window at 5 Working Days', legalTextDocumentId: 'LT-1', legalTextBaseline: '5.18', affectsDccSystems: false, ...extra,
  }),
  mr: (extra: Partial<PayloadOf<'issue-modification-report'>> = {}): PayloadOf<'issue-modification-report'> => ({
    reportDocumentId: 'MR-1', sections: [...CURRENT_RULEBOOK.parameters.mr.requiredSections.value], representations: [], ...extra,
  }),
  vote: (choice: 'approve' | 'reject' | 'abstain' = 'approve', solutionId = 'proposed'): PayloadOf<'cast-vote'> => ({
    solutionId, choice, rationale: 'Better facilitates SEC Objective (a)', objectives: { a: 'better' },
  }),
};

/** The Self-Governance happy path, in order, each step reaching the state named. */
type StepFn = (s: Stream) => void;
const STEPS: ReadonlyArray<readonly [StateId | 'S10+ballot', StepFn]> = [
  ['S01', (s) => { s.run('proposer', 'create-draft-proposal', PAYLOADS.create()); }],
  ['S02', (s) => { s.run('analyst', 'record-screening', PAYLOADS.screening()); }],
  ['S03', (s) => { s.run('cscMember', 'agree-problem-statement', { problemStatementVersion: 1 }); }],
  ['S04', (s) => { s.run('proposer', 'request-conversion', {}); }],
  ['S05', (s) => {
    s.run('panelChair', 'convert', PAYLOADS.convert());
    s.run('panelChair', 'establish-working-group', { termsOfReferenceDocumentId: 'TOR-1' });
    s.run('proposer', 'amend-proposed-solution', PAYLOADS.solution());
  }],
  ['S06', (s) => {
    s.run('analyst', 'open-consultation', { kind: 'refinement', documentId: 'RC-1' });
    s.run('otherParty', 'respond-to-consultation', { response: 'Supportive' });
    s.run('analyst', 'close-consultation', { kind: 'refinement' });
    s.run('panelChair', 'complete-refinement', {});
  }],
  ['S07', (s) => { s.run('analyst', 'issue-modification-report', PAYLOADS.mr()); }],
  ['S08', (s) => { s.run('panelChair', 'approve-report-consultation', { opensOn: '2025-03-10', closesOn: '2025-03-31' }); }],
  ['S09', (s) => { s.run('analyst', 'open-consultation', { kind: 'mrc', documentId: 'MRC-1' }); }],
  ['S10', (s) => {
    s.run('smallSupplier', 'respond-to-consultation', { response: 'Agree' });
    s.run('analyst', 'close-consultation', { kind: 'mrc' });
  }],
  ['S10+ballot', (s) => { s.run('secretariat', 'open-ballot', {}); }],
  ['S11', (s) => {
    for (const v of VOTERS) for (const sol of s.s.ballot?.solutionIds ?? []) s.run(v, 'cast-vote', PAYLOADS.vote('approve', sol));
    s.run('secretariat', 'close-vote', {});
  }],
  ['S15', (s) => { s.passTimer('TM04').run('system', 'expire-timer', { timer: 'TM04' }); }],
  ['S16', (s) => { s.run('panelChair', 'schedule-implementation', { implementationDate: s.now.toISOString().slice(0, 10), releaseId: 'REL-2025-06' }); }],
  ['S17', (s) => { s.run('analyst', 'mark-implemented', { secVersion: '5.19' }); }],
];

/** Drives a fresh stream along the Self-Governance path until `target` is reached. */
export const lifecycle = (target: StateId | 'S10+ballot', setup?: (s: Stream) => void): Stream => {
  const s = new Stream();
  setup?.(s);
  for (const [reached, step] of STEPS) {
    step(s);
    if (reached === target) return s;
  }
  throw new Error(`lifecycle does not reach ${target}`);
};
