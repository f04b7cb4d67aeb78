// Turns the outcomes of a refused or conflicting command into problem+json responses
// (sec-process.md §5.3, §5.5): not-entitled 403, invalid-state 409, guard-failed by guard
// kind (403/409/422), each with the SEC clause relied on.
import { ConcurrencyError, IdempotencyKeyReusedError } from '../../store/event-store.ts';
import { CommandRefusedError, ModificationNotFoundError } from '../../app/modifications/command-handler.ts';
import { HttpProblem } from '../problem.ts';

const STATUS_OF = { 'not-entitled': 403, 'invalid-state': 409, conflict: 409, 'guard-failed': 422, 'invalid-input': 422 } as const;

export function commandProblem(error: unknown, ifMatchGiven: boolean): unknown {
  if (error instanceof CommandRefusedError) {
    const r = error.refusal;
    return new HttpProblem(r.status ?? STATUS_OF[r.code], r.message, {
      type: r.code,
      title: r.code === 'not-entitled' ? 'Not entitled' : r.code === 'invalid-state' ? 'Not possible at this stage' : r.code === 'guard-failed' ? 'A rule is not met' : undefined,
      ...(r.clause ? { clause: r.clause } : {}),
      ...(r.guards ? { guards: r.guards } : {}),
    });
  }
  if (error instanceof ModificationNotFoundError) return new HttpProblem(404, error.message);
  if (error instanceof ConcurrencyError) {
    return ifMatchGiven
      ? new HttpProblem(412, `The proposal has changed since you read it: it is at version ${error.actual}, not ${error.expected}. Read it again and retry.`, { type: 'version-mismatch', currentVersion: error.actual })
      : new HttpProblem(409, 'The proposal changed while this command ran. Read it again and retry.', { type: 'conflict' });
  }
  if (error instanceof IdempotencyKeyReusedError) {
    return new HttpProblem(422, `${error.message}. Use a new key for a different request.`, { type: 'idempotency-key-reused' });
  }
  return error;
}
