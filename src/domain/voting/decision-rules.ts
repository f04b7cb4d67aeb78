// Decision rules registered by id (§10.2: "Decision rules are pure functions registered by
// id; the rulebook names which rule each body uses").
import { categoryMajority } from './category-majority.ts';
import { simpleMajority } from './simple-majority.ts';
import type { DecisionRule, DecisionRuleId } from './types.ts';
import { unanimity } from './unanimity.ts';
import { weighted } from './weighted.ts';
import type { VotingParameters } from './voting-parameters.ts';

export const DECISION_RULES: Readonly<Record<DecisionRuleId, (params: VotingParameters) => DecisionRule>> = Object.freeze({
  'category-majority': categoryMajority,
  'simple-majority': simpleMajority,
  weighted,
  unanimity,
});

export const isDecisionRuleId = (id: string): id is DecisionRuleId => Object.hasOwn(DECISION_RULES, id);

export const decisionRule = (id: DecisionRuleId, params: VotingParameters): DecisionRule => DECISION_RULES[id](params);
