// Errors shared by the record services (SCRs, ALVs, body decisions, obligations): a rule
// refusal from a pure decider (with its clause), or a record that does not exist.
import type { Refusal } from '../../domain/shared/decision.ts';

export class RecordRefusedError extends Error {
  constructor(readonly refusal: Refusal) {
    super(refusal.message);
  }
}

export class RecordNotFoundError extends Error {}
