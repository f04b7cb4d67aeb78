// Building parameter values. A version states each parameter once, with its provenance;
// a later version that changes a value keeps the spec default visible beside it.
import type { Parameter, ParameterUnit } from './types.ts';

export interface ParameterOptions {
  readonly unit?: ParameterUnit;
  readonly cfg?: string;
  readonly timer?: string;
  readonly note?: string;
}

export const param = <T>(value: T, source: string, options: ParameterOptions = {}): Parameter<T> => ({
  kind: 'parameter', value, default: value, source, ...options,
});

/** The same parameter with another value in a later rulebook version (RB-03). */
export const withValue = <T>(p: Parameter<T>, value: T, source?: string): Parameter<T> => ({
  ...p, value, ...(source ? { source } : {}),
});

export const isParameter = (x: unknown): x is Parameter<unknown> =>
  typeof x === 'object' && x !== null && (x as { kind?: unknown }).kind === 'parameter' && 'value' in x;
