// Flattens a rulebook's parameters into rows for `GET /api/v1/rulebook`.
import { isParameter } from './parameter.ts';
import type { Rulebook } from './rulebook.ts';
import type { ParameterUnit } from './types.ts';

export interface ParameterRow {
  readonly key: string;
  readonly value: unknown;
  readonly default: unknown;
  readonly unit?: ParameterUnit;
  readonly source: string;
  readonly cfg?: string;
  readonly timer?: string;
  readonly note?: string;
}

const walk = (node: unknown, path: string[], out: ParameterRow[]): void => {
  if (isParameter(node)) {
    const p = node;
    out.push({
      key: path.join('.'), value: p.value, default: p.default, source: p.source,
      ...(p.unit ? { unit: p.unit } : {}), ...(p.cfg ? { cfg: p.cfg } : {}),
      ...(p.timer ? { timer: p.timer } : {}), ...(p.note ? { note: p.note } : {}),
    });
    return;
  }
  if (typeof node === 'object' && node !== null) {
    for (const [k, v] of Object.entries(node)) walk(v, [...path, k], out);
  }
};

/** Every parameter as a `{ key, value, unit?, default, source, cfg?, note? }` row, sorted by key. */
export const listParameters = (rulebook: Rulebook): ParameterRow[] => {
  const out: ParameterRow[] = [];
  walk(rulebook.parameters, [], out);
  return out.sort((a, b) => a.key.localeCompare(b.key));
};

/** One parameter by dotted key (e.g. `appeal.windowWd`), for code that holds keys as data. */
export const parameterByKey = (rulebook: Rulebook, key: string): ParameterRow | undefined =>
  listParameters(rulebook).find((r) => r.key === key);
