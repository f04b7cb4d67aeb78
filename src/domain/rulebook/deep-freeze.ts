// RB-03: a published rulebook version is immutable. Freezing the whole object graph makes
// an accidental write throw (in strict-mode ESM) instead of silently changing the rules
// that pinned modifications run under.
export type DeepReadonly<T> = T extends (...args: never[]) => unknown
  ? T
  : T extends object
    ? { readonly [K in keyof T]: DeepReadonly<T[K]> }
    : T;

export const deepFreeze = <T>(value: T): DeepReadonly<T> => {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const key of Reflect.ownKeys(value)) deepFreeze((value as Record<PropertyKey, unknown>)[key]);
  }
  return value as DeepReadonly<T>;
};
