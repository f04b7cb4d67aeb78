// What each generated document says (sec-process.md §8), as pure functions of a proposal's
// record: the Modification Report with the D7.3 sections of `mr.requiredSections` (CFG-58)
// and every Security Sub-Committee representation with its evidence summary, including those
// made at Draft Proposal stage (G7.22(b), R-G-09); the consultation response form; the
// Conclusions Report (consultation conclusions and the Change Board outcome); and the Final
// Modification Report for the Authority. No I/O: names and legal text arrive in the input.
import type { Redline } from '../domain/legal-text/index.ts';
import type { Rulebook } from '../domain/rulebook/index.ts';
import type { BallotState, Consultation, ModificationState, Representation, Solution } from '../domain/modification/state.ts';
import { currentVersion } from '../domain/modification/state.ts';
import { STATES } from '../domain/rulebook/states.ts';
import type { DocBlock, DocumentContent, DocumentKind } from './document-model.ts';
import { KIND_TITLES } from './document-model.ts';

/** A legal-text document of the solutions, with its redline when the base Code version is stored. */
export interface LegalTextAnnex {
  readonly documentId: string;
  readonly version?: number;
  readonly baseline?: string;
  /** Why there are no tracked changes, when there are none. */
  readonly missing?: string;
  readonly text?: string;
  readonly redline?: Redline;
}

export interface ReportInput {
  readonly kind: DocumentKind;
  readonly reference: string;
  readonly state: ModificationState;
  readonly rulebook: Rulebook;
  /** ISO 8601 instant of generation. */
  readonly generatedAt: string;
  readonly author: string;
  readonly userName: (userId: string) => string;
  readonly organisationName: (organisationId: string) => string;
  readonly legalText: readonly LegalTextAnnex[];
}

export class DocumentNotAvailableError extends Error {}

const SSC_AUTHORS: readonly string[] = ['ssc', 'ssc-member'];
const day = (iso: string | undefined): string => (iso ? iso.slice(0, 10) : '—');
const gbp = (n: number): string => `£${n.toLocaleString('en-GB')}`;
const stateName = (id: string): string => STATES.find((s) => s.id === id)?.name.replace(/([a-z])([A-Z])/g, '$1 $2') ?? id;

const AUTHOR_KINDS: Readonly<Record<string, string>> = {
  ssc: 'Security Sub-Committee',
  'ssc-member': 'Security Sub-Committee Member',
  'alt-han-forum': 'Alt HAN Forum',
  'smki-pma': 'SMKI PMA',
  'pma-member': 'SMKI PMA Member',
  tabasc: 'TABASC',
  'citizens-advice': 'Citizens Advice',
  dcc: 'DCC',
  party: 'Party',
  proposer: 'Proposer',
};
const authorKind = (k: string): string => AUTHOR_KINDS[k] ?? k;

/** "Proposed Solution" or "Alternative Solution n", in the order the solutions were raised. */
export function solutionLabels(state: ModificationState): Map<string, string> {
  let alt = 0;
  return new Map(state.solutions.map((s) => [s.solutionId, s.kind === 'proposed' ? 'Proposed Solution' : `Alternative Solution ${++alt}`]));
}

class Builder {
  readonly blocks: DocBlock[] = [];
  h(level: 1 | 2 | 3, text: string): this {
    this.blocks.push({ kind: 'heading', level, text });
    return this;
  }
  p(text: string, note = false): this {
    this.blocks.push({ kind: 'paragraph', text, ...(note ? { note } : {}) });
    return this;
  }
  facts(rows: readonly (readonly [string, string])[]): this {
    this.blocks.push({ kind: 'facts', rows });
    return this;
  }
  table(header: readonly string[], rows: readonly (readonly string[])[]): this {
    this.blocks.push({ kind: 'table', header, rows });
    return this;
  }
  list(items: readonly string[]): this {
    if (items.length > 0) this.blocks.push({ kind: 'list', items });
    return this;
  }
  push(...blocks: DocBlock[]): this {
    this.blocks.push(...blocks);
    return this;
  }
}

/** The evidence summary the report gives a representation: the one recorded with the issued MR, else the author's own. */
function evidenceSummaryOf(state: ModificationState, r: Representation): string | undefined {
  const inReport = state.modificationReport?.representations.find((x) => x.representationId === r.representationId)?.evidenceSummary;
  const summary = inReport && inReport.trim() !== '' ? inReport : r.evidenceSummary;
  return summary && summary.trim() !== '' ? summary : undefined;
}

function representationBlocks(b: Builder, input: ReportInput, r: Representation, index: number): void {
  const summary = evidenceSummaryOf(input.state, r);
  b.h(3, `Representation ${index}: ${authorKind(r.authorKind)} (${r.phase === 'draft' ? 'made at Draft Proposal stage' : 'made at Modification Proposal stage'})`);
  b.facts([
    ['Representation', r.representationId],
    ['Made by', `${input.userName(r.authorUserId)}${r.authorOrganisationId ? `, ${input.organisationName(r.authorOrganisationId)}` : ''} (${authorKind(r.authorKind)})`],
    ...(r.jointWith.length ? [['Jointly with', r.jointWith.map(input.userName).join(', ')] as const] : []),
    ['Made on', day(r.at)],
    ['Stage', r.phase === 'draft' ? 'Draft Proposal' : 'Modification Proposal'],
    ...(r.forumLimb ? [['Z1.6(a) limb', `(${r.forumLimb})`] as const] : []),
    ['Evidence', r.evidenceDocumentIds.length ? r.evidenceDocumentIds.join(', ') : 'None supplied'],
  ]);
  b.p(`Purpose and effect addressed: ${r.purposeAndEffect}`);
  b.p(summary ? `Summary of supporting evidence: ${summary}` : 'Summary of supporting evidence: not yet provided. The report cannot be issued without it (G7.22(b)).', !summary);
}

function solutionBlocks(b: Builder, input: ReportInput, s: Solution, label: string): void {
  const v = currentVersion(s);
  b.h(3, `${label} (${s.solutionId})`);
  if (!v) {
    b.p('No text has been recorded for this solution yet.', true);
    return;
  }
  b.p(v.summary);
  b.facts([
    ['Version', String(v.version)],
    ['Recorded by', `${input.userName(v.byUserId)} on ${day(v.at)}`],
    ['Legal text', v.legalTextDocumentId ? `${v.legalTextDocumentId} against SEC ${v.legalTextBaseline ?? '(baseline not stated)'} (Annex A)` : 'Not yet drafted'],
    ['Affects DCC systems', v.affectsDccSystems ? 'Yes' : 'No'],
  ]);
}

type SectionWriter = (b: Builder, input: ReportInput) => void;

const SECTIONS: Readonly<Record<string, SectionWriter>> = {
  'proposer-and-problem-statement': (b, { state, userName, organisationName }) => {
    const agreed = state.problemStatements.find((p) => p.version === state.agreedProblemStatementVersion);
    const latest = agreed ?? state.problemStatements[state.problemStatements.length - 1];
    b.facts([
      ['Proposer', `${state.proposer.name ?? userName(state.proposer.userId)}${state.proposer.organisationId ? `, ${organisationName(state.proposer.organisationId)}` : ''}`],
      ['Raised as Draft Proposal', `${state.references.dp} on ${day(state.createdAt)}`],
      ...(state.references.mp ? [['Converted to Modification Proposal', `${state.references.mp} on ${day(state.convertedAt)}`] as const] : []),
      ['Affected SEC provisions', state.affectedProvisions.join(', ') || 'None stated'],
      ['Submission basis', state.submissionBasis],
    ]);
    if (latest) b.p(`Problem statement${agreed ? ` (version ${agreed.version}, agreed)` : ` (version ${latest.version})`}: ${latest.text}`);
  },
  'solutions-and-legal-text': (b, input) => {
    const labels = solutionLabels(input.state);
    if (input.state.solutions.length === 0) b.p('No solution has been recorded yet.', true);
    for (const s of input.state.solutions) solutionBlocks(b, input, s, labels.get(s.solutionId)!);
    b.p('The legal text of every solution is set out in Annex A, with its changes to the Code as tracked changes.');
  },
  'working-group-conclusions': (b, { state, userName }) => {
    const wg = state.workingGroup;
    if (!wg) {
      b.p(state.workingGroupRequired === false ? 'The Panel decided that no Working Group was needed.' : 'No Working Group has been established.');
    } else {
      b.p(`A Working Group was established on ${day(wg.establishedAt)}${wg.termsOfReferenceDocumentId ? ` with terms of reference ${wg.termsOfReferenceDocumentId}` : ''}.`);
      b.list(wg.members.map((m) => `${m.name || userName(m.userId)} (${m.via === 'ssc-nomination' ? 'nominated by the Security Sub-Committee' : m.via})`));
    }
    const labels = solutionLabels(state);
    const votes = state.solutions.filter((s) => s.wgVote);
    if (votes.length) {
      b.table(['Solution', 'For', 'Against', 'Abstain', 'Rationale'], votes.map((s) => [labels.get(s.solutionId)!, String(s.wgVote!.for), String(s.wgVote!.against), String(s.wgVote!.abstain ?? 0), s.wgVote!.rationale]));
    }
  },
  'objectives-assessment': (b, { state, rulebook }) => {
    const objectives = Object.entries(rulebook.reference.secObjectives);
    const labels = solutionLabels(state);
    const rationale = state.solutions.filter((s) => s.wgVote).map((s) => `${labels.get(s.solutionId)!}: ${s.wgVote!.rationale}`);
    if (rationale.length) b.p(`The Working Group's assessment: ${rationale.join(' ')}`);
    const ballot = latestBallot(state);
    const views = (k: string) => {
      if (!ballot) return '—';
      const counts = { better: 0, neutral: 0, worse: 0 };
      for (const v of ballot.votes) {
        const view = (v.objectives as Record<string, 'better' | 'neutral' | 'worse' | undefined>)[k];
        if (view) counts[view]++;
      }
      return `better ${counts.better}, neutral ${counts.neutral}, worse ${counts.worse}`;
    };
    b.table(['SEC Objective', 'Change Board members’ views'], objectives.map(([k, text]) => [`(${k}) ${text}`, views(k)]));
  },
  'dcc-assessment-and-costs': (b, { state }) => {
    if (state.dccAssessments.length === 0) b.p(state.dccImpactAssessmentWaived ? 'The DCC Impact Assessment was waived.' : 'No DCC assessment has been requested.');
    else {
      b.table(['Assessment', 'Requested', 'Cost', 'Implementation estimate', 'Document'], state.dccAssessments.map((a) => [
        `${a.type === 'impact' ? 'Impact Assessment' : 'Preliminary Assessment'}${a.urgent ? ' (urgent)' : ''}`,
        day(a.requestedAt),
        a.result ? gbp(a.result.costGbp) : 'Awaited',
        a.result?.implementationEstimate ?? 'Awaited',
        a.result?.documentId ?? '—',
      ]));
      if (state.dccImpactAssessmentWaived) b.p('The DCC Impact Assessment was waived.');
    }
  },
  'consultation-summary': (b, input) => {
    if (input.state.consultations.length === 0) b.p('No consultation has been held yet.');
    for (const c of input.state.consultations) consultationBlocks(b, input, c);
  },
  'implementation-approach-and-date': (b, { state }) => {
    const impl = state.implementation;
    b.facts([
      ['Timetable', state.timetable ? `${state.timetable.summary} (set by the ${state.timetable.by === 'panel' ? 'Panel' : 'Authority'})` : 'Not yet set'],
      ['Implementation Date', impl?.implementationDate ?? 'To be set by the Panel after the decision (C2.3(d))'],
      ...(impl?.releaseId ? [['SEC Release', impl.releaseId] as const] : []),
      ...(impl?.secVersion ? [['Implemented in SEC version', impl.secVersion] as const] : []),
    ]);
  },
  'path-and-reasons': (b, { state, rulebook }) => {
    const path = rulebook.reference.paths.find((p) => p.id === state.path);
    b.facts([
      ['Path', path ? `Path ${path.id}: ${path.name} (${path.clause})` : 'Not yet determined'],
      ['Reasons', state.pathReasons ?? '—'],
      ['Route', state.route === 'report' ? 'Straight to the Report Phase' : state.route === 'refinement' ? 'Refinement Process' : '—'],
      ['Fast-Track', state.fastTrack ? 'Yes' : 'No'],
      ['Urgency', state.urgency],
      ['Current stage', stateName(state.state)],
      ['Rulebook', state.rulebookVersion],
    ]);
  },
  'cross-code-impacts': (b, { state }) => {
    const s = state.screening;
    if (!s) {
      b.p('The proposal has not been screened yet.');
      return;
    }
    b.p(s.screens?.crossCode === 'impact' ? 'Screening found an impact on other Energy Codes (C2.3(l)).' : 'Screening found no impact on other Energy Codes.');
    b.list(s.crossCodeLinks.map((l) => `${l.code}: ${l.changeReference}`));
  },
  'ssc-representations': (b, input) => {
    const ssc = input.state.representations.filter((r) => SSC_AUTHORS.includes(r.authorKind));
    b.p('Every written representation of the Security Sub-Committee and its Members on the Draft Proposal or the Modification Proposal, each with a summary of its supporting evidence (G7.22(b)).');
    if (ssc.length === 0) b.p('The Security Sub-Committee and its Members have made no representation.');
    ssc.forEach((r, i) => representationBlocks(b, input, r, i + 1));
  },
  'other-representations-and-advice': (b, input) => {
    const others = input.state.representations.filter((r) => !SSC_AUTHORS.includes(r.authorKind));
    if (others.length === 0) b.p('No other representation has been made.');
    others.forEach((r, i) => representationBlocks(b, input, r, i + 1));
    if (input.state.advice.length === 0) b.p('No advice has been recorded.');
    else {
      b.table(['Advice from', 'Stage', 'Addressed to', 'Summary', 'Date'], input.state.advice.map((a) => [
        a.by === 'smki-pma' ? 'SMKI PMA' : a.by === 'ssc' ? 'Security Sub-Committee' : 'TABASC',
        a.phase === 'draft' ? 'Draft Proposal' : 'Modification Proposal', a.addressedTo.join(', '), a.summary, day(a.at),
      ]));
    }
  },
};

function consultationBlocks(b: Builder, input: ReportInput, c: Consultation): void {
  b.h(3, `${c.kind === 'mrc' ? 'Modification Report Consultation' : 'Refinement Consultation'} (${c.consultationId})`);
  b.facts([
    ['Consultation document', c.documentId],
    ['Opened', day(c.opensAt)],
    ['Closes', day(c.closesAt)],
    ['Closed', c.closedAt ? `${day(c.closedAt)} (${c.closedBy === 'system' ? 'at the deadline' : 'by the Code Administrator'})` : 'Still open'],
    ['Responses', String(c.responses.length)],
  ]);
  if (c.responses.length) {
    b.table(['Respondent', 'Response', 'Date'], c.responses.map((r) => [
      `${input.userName(r.respondentUserId)}${r.respondentOrganisationId ? `, ${input.organisationName(r.respondentOrganisationId)}` : ''}`,
      r.response + (r.documentId ? ` (${r.documentId})` : ''),
      day(r.at),
    ]));
  }
}

const latestBallot = (state: ModificationState): BallotState | undefined =>
  state.ballot ?? state.pastBallots[state.pastBallots.length - 1];

const decidedBallot = (state: ModificationState): BallotState | undefined =>
  [...(state.ballot ? [state.ballot] : []), ...[...state.pastBallots].reverse()].find((x) => x.result === 'decided');

function annexBlocks(b: Builder, input: ReportInput): void {
  b.push({ kind: 'page-break' });
  b.h(1, 'Annex A: Legal text');
  if (input.legalText.length === 0) {
    b.p('No legal text has been drafted for the solutions yet.');
    return;
  }
  for (const lt of input.legalText) {
    b.h(2, `${lt.documentId}${lt.version ? `, version ${lt.version}` : ''}${lt.baseline ? `, against SEC ${lt.baseline}` : ''}`);
    if (lt.redline) {
      b.p(`Changes to SEC ${lt.baseline ?? ''} shown as tracked changes: inserted text underlined, deleted text struck through.`);
      if (lt.redline.entries.length === 0) b.p('The legal text makes no change to the clauses it quotes.');
      else b.push({ kind: 'redline', redline: lt.redline });
    } else {
      b.p(lt.missing ?? 'Shown without tracked changes.', true);
      if (lt.text) b.p(lt.text);
    }
  }
}

function coverFacts(b: Builder, input: ReportInput, extra: readonly (readonly [string, string])[] = []): void {
  b.facts([
    ['Reference', input.reference],
    ['Title', input.state.title],
    ['Stage when generated', stateName(input.state.state)],
    ...(input.state.modificationReport ? [['Modification Report issued', `version ${input.state.modificationReport.version} on ${day(input.state.modificationReport.issuedAt)}`] as const] : []),
    ['Generated', input.generatedAt.replace('T', ' ').slice(0, 16) + ' UTC'],
    ...extra,
  ]);
}

function modificationReportBody(b: Builder, input: ReportInput): void {
  const sections = input.rulebook.parameters.mr.requiredSections.value;
  const texts = new Map(input.rulebook.reference.mrRequiredSections.map((c) => [c.id, c.text]));
  sections.forEach((id, i) => {
    b.h(1, `${i + 1}. ${texts.get(id) ?? id}`);
    const write = SECTIONS[id];
    if (write) write(b, input);
    else b.p(`This rulebook version asks for a section "${id}" that secmod cannot write yet; the Code Administrator adds it by hand.`, true);
  });
}

function changeBoardBlocks(b: Builder, input: ReportInput, ballot: BallotState): void {
  const { state } = input;
  const labels = solutionLabels(state);
  b.facts([
    ['Purpose', ballot.purpose === 'decision' ? 'Decision (Self-Governance, D2.7)' : 'Recommendation to the Authority'],
    ['Opened', day(ballot.openedAt)],
    ['Closed', day(ballot.closedAt)],
    ['Voting seats', String(ballot.seats.filter((s) => s.voting && !s.suspended).length)],
  ]);
  for (const solutionId of ballot.solutionIds) {
    const votes = ballot.votes.filter((v) => v.solutionId === solutionId);
    const count = (c: string) => votes.filter((v) => v.choice === c).length;
    b.h(3, `${labels.get(solutionId) ?? solutionId}: approve ${count('approve')}, reject ${count('reject')}, abstain ${count('abstain')}`);
    b.table(['Seat', 'Vote', 'Rationale against the SEC Objectives'], votes.map((v) => [`${v.seatId}${v.asAlternate ? ' (alternate)' : ''}`, v.choice, v.rationale]));
  }
  if (ballot.explanation) b.p(`How the decision rule applied: ${ballot.explanation}`);
  const o = state.outcome;
  if (o) {
    b.h(2, 'Outcome');
    b.facts([
      ['Result', o.result],
      ['Status', o.status === 'provisional' ? 'Provisional until the appeal window ends' : o.status === 'recommendation' ? 'Recommendation to the Authority' : 'Final'],
      ...(o.selectedSolutionId ? [['Selected solution', labels.get(o.selectedSolutionId) ?? o.selectedSolutionId] as const] : []),
      ...Object.entries(o.perSolution).map(([id, r]) => [labels.get(id) ?? id, r] as const),
    ]);
  }
}

/** Builds a document's content; refuses (DocumentNotAvailableError) when the record does not support it yet. */
export function buildDocument(input: ReportInput): DocumentContent {
  const { state, kind } = input;
  const b = new Builder();
  const title = `${KIND_TITLES[kind]}: ${input.reference}`;
  switch (kind) {
    case 'modification-report': {
      if (state.phase !== 'proposal') throw new DocumentNotAvailableError(`${input.reference} is still a Draft Proposal: a Modification Report is written for a Modification Proposal (D7.1).`);
      if (state.fastTrack) throw new DocumentNotAvailableError(`${input.reference} is a Fast-Track Modification, which has no Modification Report.`);
      coverFacts(b, input);
      modificationReportBody(b, input);
      annexBlocks(b, input);
      break;
    }
    case 'consultation-response-form': {
      const c = state.consultations.find((x) => x.closedAt === undefined) ?? state.consultations[state.consultations.length - 1];
      if (!c) throw new DocumentNotAvailableError(`No consultation has been opened on ${input.reference}, so there is no response form to generate.`);
      const mrc = c.kind === 'mrc';
      coverFacts(b, input, [
        ['Consultation', `${mrc ? 'Modification Report Consultation' : 'Refinement Consultation'} (${c.documentId})`],
        ['Respond by', day(c.closesAt)],
      ]);
      b.p(mrc
        ? 'Parties other than the DCC may respond to the Modification Report Consultation (D7.8). Send this form to the Code Administrator before the consultation closes, or respond through secmod.'
        : 'Any interested person may respond. Send this form to the Code Administrator before the consultation closes, or respond through secmod.');
      b.h(1, 'About you');
      b.push({ kind: 'answer', label: 'Name', lines: 1 }, { kind: 'answer', label: 'Organisation and Party Category', lines: 1 }, { kind: 'answer', label: 'Is any part of your response confidential? If so, which?', lines: 2 });
      b.h(1, 'Questions');
      const labels = solutionLabels(state);
      let q = 0;
      for (const s of state.solutions) {
        const v = currentVersion(s);
        b.p(`${labels.get(s.solutionId)}: ${v?.summary ?? ''}`);
        b.push({ kind: 'answer', label: `Question ${++q}: Does the ${labels.get(s.solutionId)} better facilitate the SEC Objectives than the current Code? Please give your reasons, by Objective.`, lines: 5 });
      }
      if (state.solutions.length > 1) b.push({ kind: 'answer', label: `Question ${++q}: Which solution do you prefer, and why?`, lines: 4 });
      b.push(
        { kind: 'answer', label: `Question ${++q}: Do you agree with the proposed legal text? Please name the clause of any comment.`, lines: 4 },
        { kind: 'answer', label: `Question ${++q}: What would implementing this change cost your organisation, and how long would you need?`, lines: 4 },
        { kind: 'answer', label: `Question ${++q}: Do you have any other comments?`, lines: 4 },
      );
      break;
    }
    case 'conclusions-report': {
      const ballot = decidedBallot(state);
      if (!ballot) throw new DocumentNotAvailableError(`The Change Board has not yet reached a decision or recommendation on ${input.reference}: the Conclusions Report follows its vote.`);
      coverFacts(b, input);
      b.h(1, '1. Consultation conclusions');
      if (state.consultations.length === 0) b.p('No consultation was held.');
      for (const c of state.consultations) consultationBlocks(b, input, c);
      b.h(1, `2. Change Board ${ballot.purpose === 'decision' ? 'decision' : 'recommendation'}`);
      changeBoardBlocks(b, input, ballot);
      break;
    }
    case 'final-modification-report': {
      const ballot = decidedBallot(state);
      if (!ballot || state.phase !== 'proposal') throw new DocumentNotAvailableError(`The Change Board has not yet voted on ${input.reference}: the Final Modification Report goes to the Authority after its vote.`);
      coverFacts(b, input);
      b.p(ballot.purpose === 'recommendation'
        ? 'This Final Modification Report is sent to the Authority with the Change Board’s recommendation, for the Authority’s decision.'
        : 'This Final Modification Report records a Self-Governance decision of the Change Board, for the Authority’s information and any appeal.');
      modificationReportBody(b, input);
      b.h(1, `${input.rulebook.parameters.mr.requiredSections.value.length + 1}. Change Board ${ballot.purpose === 'decision' ? 'decision' : 'recommendation'}`);
      changeBoardBlocks(b, input, ballot);
      annexBlocks(b, input);
      break;
    }
  }
  return { title, subtitle: state.title, author: input.author, date: input.generatedAt, blocks: b.blocks };
}
