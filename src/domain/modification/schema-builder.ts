// A tiny JSON Schema builder whose values also carry their TypeScript type, so that each
// command's payload is written once: the schema validates API requests (Fastify/ajv) and
// generates OpenAPI, and `Static<typeof schema>` is the payload type `decide` receives.
// Only the draft 2020-12 subset Fastify/ajv and OpenAPI 3.1 share is used; every string
// has a maxLength and every array a maxItems (bounded requests).

export interface JsonSchemaObject {
  readonly type: 'object' | 'string' | 'integer' | 'number' | 'boolean' | 'array';
  readonly properties?: Readonly<Record<string, JsonSchemaObject>>;
  readonly required?: readonly string[];
  readonly additionalProperties?: false;
  readonly enum?: readonly (string | number)[];
  readonly minLength?: number;
  readonly maxLength?: number;
  readonly minimum?: number;
  readonly maximum?: number;
  readonly items?: JsonSchemaObject;
  readonly maxItems?: number;
  readonly minItems?: number;
  readonly format?: 'date' | 'date-time';
  readonly description?: string;
}

/** A schema with its static type attached (phantom, never present at run time). */
export type Schema<T> = JsonSchemaObject & { readonly __type?: T };
export type Static<S> = S extends { readonly __type?: infer T } ? T : never;

export const str = (maxLength: number, minLength = 0, description?: string): Schema<string> => ({
  type: 'string', maxLength, ...(minLength > 0 ? { minLength } : {}), ...(description ? { description } : {}),
});
/** Free text typed by a person: at least one character. */
export const text = (maxLength: number, description?: string): Schema<string> => str(maxLength, 1, description);
/** An identifier (document id, user id, seat id …). */
export const id = (description?: string): Schema<string> => str(200, 1, description);
export const isoDate = (description?: string): Schema<string> => ({ type: 'string', format: 'date', maxLength: 10, ...(description ? { description } : {}) });
export const instant = (description?: string): Schema<string> => ({ type: 'string', format: 'date-time', maxLength: 40, ...(description ? { description } : {}) });
export const oneOf = <T extends string>(values: readonly T[], description?: string): Schema<T> => ({
  type: 'string', enum: values, ...(description ? { description } : {}),
});
export const intIn = <T extends number = number>(minimum: number, maximum: number, description?: string): Schema<T> => ({
  type: 'integer', minimum, maximum, ...(description ? { description } : {}),
});
export const numberIn = (minimum: number, maximum: number, description?: string): Schema<number> => ({
  type: 'number', minimum, maximum, ...(description ? { description } : {}),
});
export const bool = (description?: string): Schema<boolean> => ({ type: 'boolean', ...(description ? { description } : {}) });
export const list = <T>(items: Schema<T>, maxItems: number, minItems = 0): Schema<T[]> => ({
  type: 'array', items, maxItems, ...(minItems > 0 ? { minItems } : {}),
});

type Props = Record<string, Schema<unknown>>;
type Simplify<T> = { [K in keyof T]: T[K] } & {};
type ObjectType<P extends Props, O extends keyof P> = Simplify<
  { -readonly [K in Exclude<keyof P, O>]: Static<P[K]> } & { -readonly [K in O]?: Static<P[K]> }
>;

/** An object with no additional properties; keys listed in `optional` may be absent. */
export const obj = <P extends Props, O extends keyof P & string = never>(
  properties: P,
  optional: readonly O[] = [],
  description?: string,
): Schema<ObjectType<P, O>> => ({
  type: 'object',
  properties,
  required: Object.keys(properties).filter((k) => !(optional as readonly string[]).includes(k)),
  additionalProperties: false,
  ...(description ? { description } : {}),
});
