// Routes ask the domain whether a caller may act; this turns a refusal into problem+json.
import type { Principal } from '../../app/identity/principal.ts';
import type { ArtefactActor } from '../../domain/parties/artefact-entitlements.ts';
import type { Refusal } from '../../domain/shared/decision.ts';
import { HttpProblem } from '../problem.ts';

export function refuseIf(refusal: Refusal | undefined): void {
  if (refusal) throw new HttpProblem(refusal.status ?? 403, refusal.message, { type: refusal.code, ...(refusal.clause ? { clause: refusal.clause } : {}) });
}

export const artefactActor = (p: Principal): ArtefactActor => ({ userId: p.userId, ...(p.organisation ? { organisationId: p.organisation.id } : {}), roles: p.roles });
