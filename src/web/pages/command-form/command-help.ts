// What a form can suggest from the record: values the user would otherwise copy by hand
// (the current problem statement version, the report sections the rulebook requires, the
// representations on the proposal) and hints listing what the rulebook accepts. Only
// suggestions: the rules decide, so nothing here can make a command succeed or fail.
import type { CommandName, JsonSchemaObject, ModificationState } from '../../../domain/modification/index.ts';
import type { Rulebook } from '../../../domain/rulebook/index.ts';

export interface CommandHelp {
  /** A payload-shaped prefill (turned into form fields with rawFormFrom). */
  readonly prefill: Record<string, unknown>;
  /** Hints by field name. */
  readonly hints: Record<string, string>;
}

const solutionName = (id: string, i: number, kind: string): string => (kind === 'proposed' ? `${id} (Proposed Solution)` : `${id} (Alternative Solution ${i})`);

export function solutionList(state: ModificationState): string {
  let alt = 0;
  return state.solutions.map((s) => solutionName(s.solutionId, s.kind === 'alternative' ? ++alt : 0, s.kind)).join(', ');
}

const oneOf = (values: readonly string[]): string => `Allowed: ${values.join(', ')}.`;

/** The payload values that select an action row (`availableActions().when`), where the payload has them. */
export function prefillFromWhen(schema: JsonSchemaObject, query: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(query)) {
    const p = schema.properties?.[k];
    if (typeof v !== 'string' || !p) continue;
    if (p.enum?.includes(v)) out[k] = v;
  }
  return out;
}

export function commandHelp(command: CommandName, state: ModificationState, rulebook: Rulebook): CommandHelp {
  const prefill: Record<string, unknown> = {};
  const hints: Record<string, string> = {};
  const solutions = solutionList(state);
  if (solutions) {
    for (const f of ['solutionId', 'approvedSolutionId']) hints[f] = `Solutions on this proposal: ${solutions}.`;
  }
  const consultationKind = state.state === 'S05' ? 'refinement' : ['S08', 'S09'].includes(state.state) ? 'mrc' : undefined;
  switch (command) {
    case 'agree-problem-statement': {
      const last = state.problemStatements[state.problemStatements.length - 1];
      if (last) prefill.problemStatementVersion = last.version;
      break;
    }
    case 'revise-problem-statement': {
      const last = state.problemStatements[state.problemStatements.length - 1];
      if (last) prefill.problemStatement = last.text;
      break;
    }
    case 'amend-proposed-solution': {
      const proposed = state.solutions.find((s) => s.kind === 'proposed');
      const v = proposed?.versions[proposed.versions.length - 1];
      if (v) {
        Object.assign(prefill, {
          summary: v.summary, affectsDccSystems: v.affectsDccSystems,
          ...(v.legalTextDocumentId ? { legalTextDocumentId: v.legalTextDocumentId } : {}),
          ...(v.legalTextBaseline ? { legalTextBaseline: v.legalTextBaseline } : {}),
        });
      }
      break;
    }
    case 'open-consultation':
    case 'close-consultation':
      if (consultationKind) prefill.kind = consultationKind;
      break;
    case 'issue-modification-report': {
      prefill.sections = rulebook.parameters.mr.requiredSections.value;
      prefill.representations = state.representations.map((r) => ({ representationId: r.representationId, evidenceSummary: r.evidenceSummary ?? '' }));
      hints.sections = oneOf(rulebook.parameters.mr.requiredSections.value);
      if (state.representations.length) {
        hints.representations = `Every Security Sub-Committee representation must be in the report with an evidence summary (SEC G7.22(b)). Representations on this proposal: ${state.representations.map((r) => r.representationId).join(', ')}.`;
      }
      break;
    }
    case 'lodge-appeal':
      hints.grounds = oneOf(rulebook.parameters.appeal.grounds.value);
      break;
    case 'convert':
      hints.path2Criteria = oneOf(rulebook.parameters.path.authorityCriteria.value);
      break;
    case 'raise-fast-track':
      hints.changeKind = `One of: ${rulebook.parameters.fastTrack.criteria.value.join(', ')}.`;
      break;
    default:
      break;
  }
  return { prefill, hints };
}
