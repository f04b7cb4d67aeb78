// Steps that are not rows of the §5.4 table but that the spec requires of the aggregate:
// §5.5 documents that emit domain events (the FMR, which gates T39 and starts TM09), the
// Change Board meeting that opens the ballot (guard ballot-open, T32), the CA support log
// (R-C-05, C7.2(i)), problem statement versions (guard problem-statement-final) and the
// R-LT-01 baseline re-check. Each is a self-transition with an `X` id, shaped like a row so
// that decide, availableActions and the audit of a stream treat all steps alike.
import { stateRange } from '../rulebook/states.ts';
import type { TransitionDefinition } from '../rulebook/types.ts';

export const SUPPLEMENTARY_STEPS: readonly TransitionDefinition[] = [
  {
    id: 'X01', from: stateRange('S01', 'S04'), to: ['self'], command: 'record-ca-support', actors: ['code-administrator'],
    guards: [], conditions: 'CA support to the Proposer, including help understanding the Code (R-C-05); the first entry assigns the analyst.',
    clauses: ['C7.2(i)'], source: '[Seed C7.2(i)]',
  },
  {
    id: 'X02', from: ['S01', 'S02'], to: ['self'], command: 'revise-problem-statement', actors: ['proposer'],
    guards: [], conditions: 'A new problem statement version; the final one is referenced by agree-problem-statement.',
    clauses: ['D:development-stage'], source: '[Public: C1, C2]',
  },
  {
    id: 'X03', from: ['S10'], to: ['self'], command: 'open-ballot', actors: ['change-board'],
    guards: [], conditions: 'The Change Board meeting for the item has started; the seats are snapshotted (ballot-open).',
    clauses: ['D8'], source: '[Public: C8]',
  },
  {
    id: 'X04', from: stateRange('S05', 'S10'), to: ['self'], command: 'record-baseline-recheck', actors: ['code-administrator'],
    guards: [], conditions: 'R-LT-01: drafting re-checked for consequential impacts of a SEC version designated after the baseline.',
    clauses: ['D:legal-text-baseline'], source: '[Seed front matter, footnote 1]',
  },
  {
    id: 'X05', from: ['S13'], to: ['self'], command: 'attach-final-modification-report', actors: ['code-administrator'],
    actorParameters: ['fmr.preparedBy'], guards: [], conditions: 'The FMR sent to the Authority after the recommendation (T34); gates T39.',
    timers: { starts: ['TM09'] }, clauses: ['D:authority-decision'], source: '[Seed front matter, footnote 1]',
  },
];
