// What the caller may do now (`GET /api/v1/modifications/{ref}/actions`): every command
// whose row exists for the current state, for which the caller is entitled and whose
// payload-independent preconditions hold — computed by the same functions decide uses.
import type { CommandName } from './commands.ts';
import { COMMAND_NAMES } from './commands.ts';
import type { CommandContext } from './context.ts';
import { baseKindsOf } from './actors.ts';
import { admit, candidateRows, preconditionRefusal, specOf } from './decide.ts';
import { submitterAllowed } from './decide-draft.ts';
import type { ModificationState } from './state.ts';

export interface AvailableAction {
  readonly command: CommandName;
  /** The §5.4 row (or the X-step of steps.ts). */
  readonly transition: string;
  readonly clause: string;
  readonly label: string;
  /** The payload values that select this row, e.g. `{ route: 'report' }`. */
  readonly when?: Readonly<Record<string, string>>;
}

export const LABELS: Readonly<Record<CommandName, string>> = {
  'create-draft-proposal': 'Submit a Draft Proposal',
  'record-critical-friend-review': 'Record the critical-friend review',
  'record-ca-support': 'Record support given to the Proposer',
  'revise-problem-statement': 'Revise the problem statement',
  'record-screening': 'Record the screening outcome',
  'agree-problem-statement': 'Agree the problem statement',
  'request-conversion': 'Ask the Panel to convert the Draft Proposal',
  convert: 'Convert into a Modification Proposal',
  'send-back': 'Send back',
  'raise-fast-track': 'Raise as a Fast-Track modification',
  'object-to-fast-track': 'Object to the Fast-Track',
  'establish-working-group': 'Establish a Working Group',
  'appoint-working-group-member': 'Appoint a Working Group member',
  'nominate-working-group-member': 'Nominate a Working Group member',
  'amend-proposed-solution': 'Amend the Proposed Solution',
  'raise-alternative-solution': 'Raise an Alternative Solution',
  'request-dcc-assessment': 'Request a DCC assessment',
  'record-dcc-assessment': 'Record a DCC assessment',
  'open-consultation': 'Open the consultation',
  'respond-to-consultation': 'Respond to the consultation',
  'close-consultation': 'Close the consultation',
  'make-representation': 'Make a written representation',
  'record-advice': 'Record advice',
  'complete-refinement': 'Complete the Refinement Process',
  'issue-modification-report': 'Issue the Modification Report',
  'approve-report-consultation': 'Approve the Modification Report Consultation',
  'open-ballot': 'Open the Change Board ballot',
  'cast-vote': 'Cast a vote',
  'close-vote': 'Close the vote',
  'record-baseline-recheck': 'Record a legal-text baseline re-check',
  'lodge-appeal': 'Lodge an appeal',
  'decide-appeal': 'Decide the appeal',
  'attach-final-modification-report': 'Attach the Final Modification Report',
  decide: 'Decide',
  'schedule-implementation': 'Schedule implementation',
  'mark-implemented': 'Mark as implemented',
  withdraw: 'Withdraw',
  adopt: 'Adopt the withdrawn proposal',
  'suspend-for-scr': 'Suspend for a Significant Code Review',
  'resume-after-scr': 'Resume or close after the Significant Code Review',
  'request-urgency': 'Request urgent treatment',
  'decide-urgency': 'Decide on urgency',
  'determine-path': 'Determine the path',
  'expire-timer': 'Expire a timer',
};

const ROW_LABELS: Readonly<Record<string, string>> = {
  T04: 'Close as an invalid submission',
  T05: 'Re-screen',
  T08: 'Convert and send to the Refinement Process',
  T09: 'Convert and send to the Report Phase',
  T10: 'Send back to the Development Stage',
  T29: 'Send the report back',
  T40: 'Send the report back with directions',
  T47: 'Resume after the Significant Code Review',
  T48: 'Close as subsumed by the Significant Code Review',
};

export function availableActions(state: ModificationState | undefined, ctx: CommandContext): AvailableAction[] {
  if (!state) {
    const t01 = ctx.rulebook.transitions.find((t) => t.id === 'T01');
    const kinds = baseKindsOf(ctx.actor, ctx);
    const may = !ctx.facts.actorOrganisationDefaulting && [...kinds].some((k) => ['voluntary', 'scr', 'l10.24c', 'l8.11'].some((b) => submitterAllowed(k, b as 'voluntary', ctx)));
    return may && t01 ? [{ command: 'create-draft-proposal', transition: 'T01', clause: t01.clauses[0] ?? 'D1.3', label: LABELS['create-draft-proposal'] }] : [];
  }
  const out: AvailableAction[] = [];
  for (const name of COMMAND_NAMES) {
    if (name === 'create-draft-proposal') continue;
    const spec = specOf(name);
    if (!spec) continue;
    for (const row of candidateRows(name, state, ctx)) {
      if (spec.offered && !spec.offered(row)) continue;
      const { entitled } = admit(name, row, state, ctx);
      if (entitled.length === 0) continue;
      if (preconditionRefusal(spec.pre?.(state, ctx, row, entitled) ?? [], row, ctx)) continue;
      out.push({
        command: name, transition: row.id, clause: row.clauses[0] ?? '', label: ROW_LABELS[row.id] ?? LABELS[name],
        ...(row.when ? { when: row.when } : {}),
      });
    }
  }
  return out;
}
