// Entitlement under the §4.1 matrix: Y, Y+ and D cells allow (their conditions are guards);
// C cells are decided by the named parameter; N and `-` are refused with 403 not-entitled.
// The rows are the rulebook's data; this file only knows how to read each parameter.
import { cscActingBodyOn } from '../rulebook/acting-body.ts';
import { entitlementCell, entitlementRowsFor } from '../rulebook/entitlements.ts';
import type { ActorKind, EntitlementCell } from '../rulebook/types.ts';
import { todayOf } from './actors.ts';
import type { CommandContext } from './context.ts';

type Ctx = Pick<CommandContext, 'now' | 'rulebook'>;

const listHas = (list: readonly string[], kind: ActorKind): boolean =>
  list.includes(kind) || (kind === 'defaulting-party' && list.includes('party'));

/** How each parameter named in a matrix cell decides for an actor kind. */
const PARAMETER_RULES: Readonly<Record<string, (ctx: Ctx, kind: ActorKind) => boolean>> = {
  'entitlement.d13List': (c) => c.rulebook.parameters.entitlement.d13List.value.includes('all-parties'),
  'entitlement.citizensAdviceMaySubmit': (c) => c.rulebook.parameters.entitlement.citizensAdviceMaySubmit.value,
  'entitlement.altHanForumMaySubmit': (c) => c.rulebook.parameters.entitlement.altHanForumMaySubmit.value,
  'dp.criticalFriendReviewEnabled': (c) => c.rulebook.parameters.dp.criticalFriendReviewEnabled.value,
  'csc.actingBody': (c, k) => {
    const acting = cscActingBodyOn(c.rulebook, todayOf(c));
    return k === 'panel' ? acting === 'panel' : acting === 'change-sub-committee';
  },
  'dp.panelMaySendBack': (c) => c.rulebook.parameters.dp.panelMaySendBack.value,
  'panel.maySendBackReport': (c) => c.rulebook.parameters.panel.maySendBackReport.value,
  'authority.sendBackEnabled': (c) => c.rulebook.parameters.authority.sendBackEnabled.value,
  'fastTrack.objectors': (c, k) => listHas(c.rulebook.parameters.fastTrack.objectors.value, k),
  'urgency.requesters': (c, k) => listHas(c.rulebook.parameters.urgency.requesters.value, k),
  'urgency.decider': (c, k) => c.rulebook.parameters.urgency.decider.value === k,
  'path.authorityMayDetermine': (c) => c.rulebook.parameters.path.authorityMayDetermine.value,
  'workingGroup.appointingBody': (c, k) => c.rulebook.parameters.workingGroup.appointingBody.value === k,
  'workingGroup.caMayAppoint': (c) => c.rulebook.parameters.workingGroup.caMayAppoint.value,
  'workingGroup.nominators': (c, k) => listHas(c.rulebook.parameters.workingGroup.nominators.value, k),
  'dcc.assessmentRequesters': (c, k) => listHas(c.rulebook.parameters.dcc.assessmentRequesters.value, k),
  'defaulting.mayRespondToConsultations': (c) => c.rulebook.parameters.defaulting.mayRespondToConsultations.value,
  'mrc.additionalRespondents': (c, k) => listHas(c.rulebook.parameters.mrc.additionalRespondents.value, k),
  'representations.partiesMay': (c) => c.rulebook.parameters.representations.partiesMay.value,
  'representations.citizensAdviceMay': (c) => c.rulebook.parameters.representations.citizensAdviceMay.value,
  'refinement.completionDecider': (c, k) => c.rulebook.parameters.refinement.completionDecider.value === k,
  'appeal.eligibleAppellants': (c, k) => c.rulebook.parameters.appeal.enabled.value && listHas(c.rulebook.parameters.appeal.eligibleAppellants.value, k),
  'appeal.decider': (c, k) => c.rulebook.parameters.appeal.enabled.value && c.rulebook.parameters.appeal.decider.value === k,
  'withdrawal.adoptionEnabled': (c) => c.rulebook.parameters.withdrawal.adoptionEnabled.value,
  'defaulting.mayAdopt': (c) => c.rulebook.parameters.defaulting.mayAdopt.value,
  'scr.autoResumeOnPhaseEnd': (c) => c.rulebook.parameters.scr.autoResumeOnPhaseEnd.value,
  'scr.suspensionDeciders': (c, k) => c.rulebook.parameters.scr.suspensionEnabled.value && listHas(c.rulebook.parameters.scr.suspensionDeciders.value, k),
  'fmr.preparedBy': (c, k) => c.rulebook.parameters.fmr.preparedBy.value === k,
};

/**
 * Parameters on Y/Y+/D cells that only describe a condition checked by a guard (or a
 * different actor, such as `consultation.autoClose` for `system`) do not gate the cell.
 */
const GATING_ON_PERMITTED_CELLS = new Set(['dp.criticalFriendReviewEnabled', 'csc.actingBody', 'dp.panelMaySendBack', 'urgency.decider', 'urgency.requesters', 'workingGroup.appointingBody', 'appeal.decider']);

export const cellAllows = (cell: EntitlementCell, kind: ActorKind, ctx: Ctx): boolean => {
  switch (cell.mark) {
    case 'N':
    case '-':
      return false;
    case 'C': {
      const rule = cell.parameter ? PARAMETER_RULES[cell.parameter] : undefined;
      return rule ? rule(ctx, kind) : false;
    }
    default: {
      if (!cell.parameter || !GATING_ON_PERMITTED_CELLS.has(cell.parameter)) return true;
      const rule = PARAMETER_RULES[cell.parameter];
      return rule ? rule(ctx, kind) : true;
    }
  }
};

/**
 * The kinds under which the actor may run a command. `variant` picks a matrix row
 * (`draft`/`report` for send-back, `refinement`/`mrc` for responses). For steps outside the
 * matrix (steps.ts) the row's own actors and actor parameters decide.
 */
export const entitledKinds = (
  command: string,
  kinds: ReadonlySet<ActorKind>,
  ctx: Ctx,
  options: { variant?: string; rowActors?: readonly ActorKind[]; rowActorParameters?: readonly string[]; outsideMatrix?: boolean } = {},
): ActorKind[] => {
  if (options.outsideMatrix) {
    return [...kinds].filter((k) => (options.rowActors ?? []).includes(k)
      && (options.rowActorParameters ?? []).every((p) => PARAMETER_RULES[p]?.(ctx, k) ?? true));
  }
  const rows = entitlementRowsFor(ctx.rulebook.entitlements, command, options.variant);
  return [...kinds].filter((k) => rows.some((r) => cellAllows(entitlementCell(r, k), k, ctx))
    && (options.rowActors === undefined || options.rowActors.includes(k)));
};
