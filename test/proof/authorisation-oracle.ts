// The authorisation matrix's oracle and stage checker, shared by the proof files that walk
// proposals through the lifecycle (authorisation-matrix.int.test.ts: S01 to S11 and S19;
// authorisation-matrix-decisions.int.test.ts: S12 to S18 and S20 to S22).
//
// For every command of the modification aggregate × every user of the demo cast × the
// Proposer's organisation in good standing or in default × the stage the proposal stands
// at, the HTTP answer is the one the §4.1 entitlement matrix and the §5.4 transitions table say:
//   no row of the command starts from the current stage       → 409 (whoever asks)
//   a row exists, the caller's columns are all N, `-` or a C whose parameter says no
//                                                              → 403 not-entitled, with the row's clause, logged
//   a row exists and a column allows it                        → listed in GET /actions, or refused by
//                                                                 a guard or precondition (never not-entitled)
// The expectation is computed here, from the rulebook's data (ENTITLEMENTS, TRANSITIONS,
// the supplementary steps and the parameter values) and the demo cast's roles, by this
// module's own reading of the matrix — never by calling the decide/entitlement functions the
// server uses. Nothing is executed that the matrix allows (refusals change nothing), so each
// stage is reached once.
import { afterAll, beforeAll, expect } from 'vitest';
import { Writable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { loadConfig } from '../../src/config.ts';
import { openServices, type Services } from '../../src/app/services.ts';
import { createApp } from '../../src/web/app.ts';
import { DEMO_ORGANISATIONS, DEMO_USERS } from '../../src/app/demo-cast.ts';
import { ENTITLEMENTS } from '../../src/domain/rulebook/entitlements.ts';
import { TRANSITIONS } from '../../src/domain/rulebook/transitions.ts';
import { SUPPLEMENTARY_STEPS } from '../../src/domain/modification/steps.ts';
import { PAYLOAD_SCHEMAS, COMMAND_NAMES } from '../../src/domain/modification/index.ts';
import { SEC_5_18_SECMP0049 } from '../../src/domain/rulebook/sec-5-18-secmp0049.ts';
import type { ActorKind, EntitlementCell, TransitionDefinition } from '../../src/domain/rulebook/types.ts';
import { createTestDatabase, type TestDatabase } from '../support/test-database.ts';
import { ApiCast } from '../scenarios/api-client.ts';
import { exampleOf, type Schema } from './json-schema.ts';

// ---------------------------------------------------------------------------------------
// The oracle: who occupies which matrix column, and what each cell means.

const RULEBOOK = SEC_5_18_SECMP0049;
export const P = RULEBOOK.parameters;
/** The day the walks start; the only date the oracle reads is csc.standUpDate (2019), long past. */
export const TODAY = '2026-03-02';

/** Demo-cast roles → matrix columns (architecture.md "Demo cast"; §4.1 legend). */
const ROLE_COLUMN: Readonly<Record<string, ActorKind | undefined>> = {
  'system-administrator': undefined,
  'code-administrator': 'code-administrator',
  secretariat: 'code-administrator',
  'panel-chair': 'panel',
  'panel-member': 'panel',
  'csc-member': 'csc',
  'change-board-member': 'change-board',
  'working-group-member': 'working-group',
  'dcc-user': 'dcc',
  'consumer-body-user': 'citizens-advice',
  'authority-decision-maker': 'authority',
  'ssc-representative': 'ssc',
  'ssc-member': 'ssc-member',
  'smki-pma-representative': 'smki-pma',
  'smki-pma-member': 'pma-member',
  'tabasc-representative': 'tabasc',
  'alt-han-forum-representative': 'alt-han-forum',
};
/** §3.1: the body whose decisions a role records acts as that body's column. */
const BODY_COLUMN: Readonly<Record<string, ActorKind>> = { panel: 'panel', 'change-sub-committee': 'csc', 'change-board': 'change-board', 'working-group': 'working-group' };

/** Organisations in default: the demo cast's, and any a walk puts in default (MatrixHarness.putInDefault). */
const defaulting = new Set(DEMO_ORGANISATIONS.filter((o) => o.inDefault).map((o) => o.organisationId));
const orgKind = (id: string | undefined) => DEMO_ORGANISATIONS.find((o) => o.organisationId === id)?.kind;

export function columnsOf(email: string, proposerOrg: string | undefined): Set<ActorKind> {
  const user = DEMO_USERS.find((u) => u.email === email)!;
  const out = new Set<ActorKind>();
  for (const r of user.roles) {
    if (r.role === 'party-user') {
      const kind = orgKind(user.organisationId);
      out.add(kind === 'dcc' ? 'dcc' : kind === 'citizens-advice' ? 'citizens-advice' : defaulting.has(user.organisationId!) ? 'defaulting-party' : 'party');
    } else {
      const c = ROLE_COLUMN[r.role];
      if (c) out.add(c);
    }
  }
  for (const [body, recorder] of Object.entries(P.actors.bodyDecisionRecorders.value)) {
    if (BODY_COLUMN[body] && user.roles.some((r) => r.role === recorder)) out.add(BODY_COLUMN[body]);
  }
  // The Proposer is its organisation's Party users (proposer.scope = organisation).
  if (proposerOrg && user.organisationId === proposerOrg && (out.has('party') || out.has('defaulting-party'))) out.add('proposer');
  return out;
}

/** "A Defaulting Party is a Party" (§4.1): a list naming `party` names it too. */
const inList = (list: readonly string[], k: ActorKind) => list.includes(k) || (k === 'defaulting-party' && list.includes('party'));

/**
 * What each parameter named in a cell says about a column: true/false, or 'condition' when it
 * describes a condition a guard checks later (it does not decide entitlement). A parameter
 * this table does not know fails the test, so a new rulebook parameter gets a reading here.
 */
const PARAMETER_READING: Readonly<Record<string, (k: ActorKind) => boolean | 'condition'>> = {
  'appeal.decider': (k) => P.appeal.enabled.value && P.appeal.decider.value === k,
  'appeal.eligibleAppellants': (k) => P.appeal.enabled.value && inList(P.appeal.eligibleAppellants.value, k),
  'authority.sendBackEnabled': () => P.authority.sendBackEnabled.value,
  'csc.actingBody': (k) => (TODAY < P.csc.standUpDate.value ? P.csc.actingBody.value === k : k === 'csc'),
  'dcc.assessmentRequesters': (k) => inList(P.dcc.assessmentRequesters.value, k),
  'defaulting.mayAdopt': () => P.defaulting.mayAdopt.value,
  'defaulting.mayRespondToConsultations': () => P.defaulting.mayRespondToConsultations.value,
  'dp.criticalFriendReviewEnabled': () => P.dp.criticalFriendReviewEnabled.value,
  'dp.panelMaySendBack': () => P.dp.panelMaySendBack.value,
  'entitlement.altHanForumMaySubmit': () => P.entitlement.altHanForumMaySubmit.value,
  'entitlement.citizensAdviceMaySubmit': () => P.entitlement.citizensAdviceMaySubmit.value,
  'entitlement.d13List': () => P.entitlement.d13List.value.includes('all-parties'),
  'fastTrack.objectors': (k) => inList(P.fastTrack.objectors.value, k),
  'fmr.preparedBy': (k) => P.fmr.preparedBy.value === k,
  'mrc.additionalRespondents': (k) => inList(P.mrc.additionalRespondents.value, k),
  'panel.maySendBackReport': () => P.panel.maySendBackReport.value,
  'path.authorityMayDetermine': () => P.path.authorityMayDetermine.value,
  'refinement.completionDecider': (k) => P.refinement.completionDecider.value === k,
  'representations.citizensAdviceMay': () => P.representations.citizensAdviceMay.value,
  'representations.partiesMay': () => P.representations.partiesMay.value,
  'scr.suspensionDeciders': (k) => P.scr.suspensionEnabled.value && inList(P.scr.suspensionDeciders.value, k),
  'urgency.decider': (k) => P.urgency.decider.value === k,
  'urgency.requesters': (k) => inList(P.urgency.requesters.value, k),
  'withdrawal.adoptionEnabled': () => P.withdrawal.adoptionEnabled.value,
  'workingGroup.appointingBody': (k) => P.workingGroup.appointingBody.value === k,
  'workingGroup.caMayAppoint': () => P.workingGroup.caMayAppoint.value,
  'workingGroup.nominators': (k) => inList(P.workingGroup.nominators.value, k),
  // Conditions checked by guards once the caller is entitled:
  'changeBoard.alternateMaySitForSuspendedSeat': () => 'condition',
  'consultation.autoClose': () => 'condition',
  'defaulting.existingProposals': () => 'condition',
  'defaulting.extendDpBarToVotingGroup': () => 'condition',
  'entitlement.memberDeclineMatching': () => 'condition',
  'entitlement.panelMaySubmit': () => 'condition',
  'entitlement.scopeSets': () => 'condition',
  'fastTrack.panelUnanimityRequired': () => 'condition',
  'implementation.autoMarkImplemented': () => 'condition',
  'workingGroup.membershipConditions': () => 'condition',
};

const reading = (parameter: string, k: ActorKind): boolean | 'condition' => {
  const read = PARAMETER_READING[parameter];
  if (!read) throw new Error(`The matrix names parameter ${parameter}: give it a reading in this test`);
  return read(k);
};

/** §4.1: Y, Y+ and D allow (a parameter may still say no); C is the parameter's answer; N and - refuse. */
export function cellAllows(cell: EntitlementCell | undefined, k: ActorKind): boolean {
  if (!cell || cell.mark === 'N' || cell.mark === '-') return false;
  if (!cell.parameter) {
    if (cell.mark === 'C') throw new Error('A C cell without a parameter');
    return true;
  }
  const r = reading(cell.parameter, k);
  if (cell.mark === 'C' && r === 'condition') throw new Error(`C cell decided by a condition parameter ${cell.parameter}`);
  return r !== false;
}

export const ALL_ROWS: readonly TransitionDefinition[] = [...TRANSITIONS, ...SUPPLEMENTARY_STEPS];

/** The matrix row variant in force: the Draft or report send-back, the Refinement Consultation or the MRC. */
const variantOf = (command: string, stage: string): string | undefined =>
  command === 'send-back' ? (stage === 'S04' ? 'draft' : 'report') : command === 'respond-to-consultation' ? (stage === 'S09' ? 'mrc' : 'refinement') : undefined;

/** Commands whose table rows name different callers (send-back: T10/T29 Panel, T40 Authority): the row's actors narrow the matrix. */
const narrowedByRowActors = (command: string) => new Set(ALL_ROWS.filter((r) => r.command === command).map((r) => [...r.actors].sort().join())).size > 1;

type Expectation = { kind: 'no-row'; entitledElsewhere: boolean } | { kind: 'not-entitled'; clauses: string[]; rows: string[] } | { kind: 'entitled'; rows: string[] };

function expected(command: string, stage: string, payload: Record<string, unknown>, columns: Set<ActorKind>): Expectation {
  // A row applies when it starts from the stage and its `when` agrees with the payload's values.
  const rows = ALL_ROWS.filter((r) => r.command === command && r.from.includes(stage as never)
    && Object.entries(r.when ?? {}).every(([key, value]) => payload[key] === undefined || String(payload[key]) === value));
  if (rows.length === 0) return { kind: 'no-row', entitledElsewhere: entitledOn(command, stage, ALL_ROWS.filter((r) => r.command === command), columns) };
  const ids = rows.map((r) => r.id);
  return entitledOn(command, stage, rows, columns) ? { kind: 'entitled', rows: ids } : { kind: 'not-entitled', clauses: rows.map((r) => r.clauses[0]!), rows: ids };
}

function entitledOn(command: string, stage: string, rows: readonly TransitionDefinition[], columns: Set<ActorKind>): boolean {
  const outside = rows.every((r) => r.id.startsWith('X'));
  let entitled: boolean;
  if (outside) {
    entitled = rows.some((r) => [...columns].some((k) => r.actors.includes(k) && (r.actorParameters ?? []).every((p) => reading(p, k) !== false)));
  } else {
    const variant = variantOf(command, stage);
    const matrixRows = ENTITLEMENTS.filter((r) => r.command === command && (variant === undefined || r.variant === undefined || r.variant === variant));
    expect(matrixRows.length, `matrix row for ${command}`).toBeGreaterThan(0);
    entitled = [...columns].some((k) => matrixRows.some((m) => cellAllows(m.cells[k], k))
      && (!narrowedByRowActors(command) || rows.some((r) => r.actors.includes(k))));
  }
  return entitled;
}

// ---------------------------------------------------------------------------------------
// A schema-valid payload per command, with the values that pick the row where a payload does.

function payloadFor(command: string, stage: string): Record<string, unknown> {
  const base = exampleOf(PAYLOAD_SCHEMAS[command as keyof typeof PAYLOAD_SCHEMAS] as Schema) as Record<string, unknown>;
  const consultation = stage === 'S08' || stage === 'S09' ? 'mrc' : 'refinement';
  const extra: Record<string, Record<string, unknown>> = {
    'record-screening': { outcome: 'complete' },
    convert: { route: 'refinement' },
    'open-consultation': { kind: consultation },
    'close-consultation': { kind: consultation },
    'resume-after-scr': { disposition: 'resume' },
  };
  return { ...base, ...(extra[command] ?? {}) };
}

// ---------------------------------------------------------------------------------------
// The stage checker: one app on its own database, its log lines kept to check that each 403
// is logged.

export const EMAILS = DEMO_USERS.map((u) => u.email);

/**
 * `cells`: (user, command) pairs whose expectation was compared with the answer, at least with
 * GET /actions; the others count the requests sent (refusals) or the offers seen (listed).
 */
export interface Tally { cells: number; forbidden: number; conflicts: number; listed: number; guarded: number }

export interface MatrixHarness {
  readonly api: ApiCast;
  readonly totals: Tally;
  /** The same counts stage by stage (a stage checked twice adds up). */
  readonly byStage: Record<string, Tally>;
  /** The stages checked so far, in order. */
  readonly checked: string[];
  /**
   * Every command × every demo user on the proposal as it stands now; nothing allowed is run.
   * `proposerOrg` is the Proposer's organisation (for the Proposer column). Returns the stage.
   */
  checkStage(ref: string, proposerOrg: string): Promise<string>;
  /** Puts an organisation in default (M8.1), in the directory and in the oracle's reading. */
  putInDefault(org: string, reason: string): Promise<void>;
}

/**
 * Starts an app on a database of its own before the file's tests and closes it after.
 * `sampleOffset` shifts which no-row cells are sampled at each stage, so that two files
 * walking different stages do not sample the same (command, user) pairs.
 */
export function matrixHarness(options: { sampleOffset?: number } = {}): MatrixHarness {
  let database: TestDatabase | undefined;
  let services: Services | undefined;
  let app: FastifyInstance | undefined;
  const logLines: string[] = [];
  const api = new ApiCast(() => {
    if (!app) throw new Error('the matrix app is not started yet');
    return app;
  });

  beforeAll(async () => {
    database = await createTestDatabase();
    services = await openServices({ ...loadConfig({ NODE_ENV: 'test', SECMOD_CLOCK: 'manual' }), databaseUrl: database.url }, database.url, { poolSize: 10 });
    const sink = new Writable({ write: (chunk, _enc, done) => { logLines.push(String(chunk)); done(); } });
    app = await createApp(services, { logger: { level: 'info', stream: sink } });
    await app.ready();
    await api.setClock(`${TODAY}T09:00:00Z`);
  });
  afterAll(async () => {
    await app?.close();
    await services?.close();
    await database?.drop();
  });

  const userIds = new Map<string, string>();
  const userIdOf = async (email: string) => {
    if (!userIds.has(email)) userIds.set(email, (await api.raw(email, 'GET', '/api/v1/me')).body.userId as string);
    return userIds.get(email)!;
  };

  const totals: Tally = { cells: 0, forbidden: 0, conflicts: 0, listed: 0, guarded: 0 };
  const checked: string[] = [];
  const byStage: Record<string, Tally> = {};
  const count = (stage: string, kind: keyof Tally) => {
    totals[kind]++;
    (byStage[stage] ??= { cells: 0, forbidden: 0, conflicts: 0, listed: 0, guarded: 0 })[kind]++;
  };

  const refusalLogs = () => logLines.flatMap((l) => {
    try { return [JSON.parse(l) as Record<string, unknown>]; } catch { return []; }
  }).filter((l) => l.msg === 'command refused');

  let stageIndex = options.sampleOffset ?? 0;
  const tried = new Set<string>();
  async function checkStage(ref: string, proposerOrg: string) {
    stageIndex++;
    const stage = (await api.get('analyst@secas.example', ref)).state as string;
    const commands = COMMAND_NAMES.filter((c) => c !== 'create-draft-proposal' && c !== 'expire-timer');
    const forbidden: { email: string; command: string; clause: string }[] = [];
    const emails = [...EMAILS.slice(stageIndex % EMAILS.length), ...EMAILS.slice(0, stageIndex % EMAILS.length)];
    for (const email of emails) {
      const columns = columnsOf(email, proposerOrg);
      const listed = ((await api.raw(email, 'GET', `/api/v1/modifications/${ref}/actions`)).body.actions as { command: string }[]).map((a) => a.command);
      for (const command of commands) {
        const payload = payloadFor(command, stage);
        const want = expected(command, stage, payload, columns);
        const where = `${command} by ${email} [${[...columns].join(',')}] at ${stage}`;
        count(stage, 'cells');
        if (want.kind === 'entitled' && listed.includes(command)) {
          count(stage, 'listed');
          continue; // allowed and offered: not run, so the stage stays put
        }
        expect(listed, `${where}: offered although the matrix says ${want.kind}`).not.toContain(command);
        // To keep the run short, a refusal is sent once per command, table row(s) and set of
        // matrix columns (users with the same columns are the same role: which of them is tried
        // first varies). Not at this stage: every role the matrix entitles elsewhere is tried at
        // the first stage where it has no row, and a sample of the others at every stage.
        if (want.kind === 'no-row' && !want.entitledElsewhere && (commands.indexOf(command) + EMAILS.indexOf(email)) % EMAILS.length !== stageIndex % EMAILS.length) continue;
        const key = [command, want.kind === 'no-row' ? (want.entitledElsewhere ? 'elsewhere' : stage) : want.rows.join('+'), [...columns].sort().join('+')].join('|');
        if (tried.has(key)) continue;
        tried.add(key);
        const res = await api.raw(email, 'POST', `/api/v1/modifications/${ref}/actions/${command}`, { payload });
        expect(res.headers['content-type'], where).toContain('application/problem+json');
        if (want.kind === 'no-row') {
          expect(res.status, `${where}: ${JSON.stringify(res.body)}`).toBe(409);
          count(stage, 'conflicts');
        } else if (want.kind === 'not-entitled') {
          expect(res.status, `${where}: ${JSON.stringify(res.body)}`).toBe(403);
          expect(res.body.type, where).toBe('not-entitled');
          expect(want.clauses, where).toContain(res.body.clause);
          forbidden.push({ email, command, clause: res.body.clause! });
          count(stage, 'forbidden');
        } else {
          // Entitled but a guard or precondition holds it back: any refusal but not-entitled.
          expect([403, 409, 422], `${where}: ${JSON.stringify(res.body)}`).toContain(res.status);
          expect(res.body.type, `${where}: ${JSON.stringify(res.body)}`).not.toBe('not-entitled');
          count(stage, 'guarded');
        }
      }
    }
    // Nothing moved: refusals change nothing.
    expect((await api.get('analyst@secas.example', ref)).state).toBe(stage);
    // Every 403 refusal is logged with who, what and the clause (ASVS V16: authorisation failures).
    const logs = refusalLogs();
    for (const f of forbidden) {
      const userId = await userIdOf(f.email);
      expect(logs.some((l) => l.command === f.command && l.userId === userId && l.clause === f.clause && l.status === 403), `log of ${f.command} by ${f.email}`).toBe(true);
    }
    checked.push(stage);
    return stage;
  }

  async function putInDefault(org: string, reason: string) {
    await services!.directory.recordPartyDefault(org, reason, 'proof');
    defaulting.add(org);
  }

  return { api, totals, byStage, checked, checkStage, putInDefault };
}
