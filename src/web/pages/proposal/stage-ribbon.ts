// The stage ribbon: Development → Refinement → Report → Decision → Implementation, with where
// the proposal is now (issue: Web portal, "Proposal page").
import type { StateId } from '../../../domain/rulebook/types.ts';

const STAGES = [
  { name: 'Development', states: ['S01', 'S02', 'S03', 'S04'] },
  { name: 'Refinement', states: ['S05', 'S14'] },
  { name: 'Report', states: ['S06', 'S07', 'S08', 'S09'] },
  { name: 'Decision', states: ['S10', 'S11', 'S12', 'S13', 'S15', 'S18'] },
  { name: 'Implementation', states: ['S16', 'S17'] },
] as const;

export function stageRibbon(state: StateId): { name: string; status: 'done' | 'current' | 'todo' | 'off' }[] {
  const index = STAGES.findIndex((s) => (s.states as readonly string[]).includes(state));
  // Withdrawn, suspended or closed proposals are off the ribbon.
  return STAGES.map((s, i) => ({ name: s.name, status: index < 0 ? 'off' : i < index ? 'done' : i === index ? 'current' : 'todo' }));
}
