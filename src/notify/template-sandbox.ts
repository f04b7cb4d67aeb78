// Renders notice templates, including ones SECAS edits in the portal, in a Nunjucks sandbox.
// Nunjucks is not a security boundary by itself: a template can reach `"".constructor.constructor`
// (Function) through member lookups. So a template is parsed and checked before it is used:
// - no member named constructor, prototype or __anything, no computed lookups (`a[b]`), and no
//   string literal naming them (filters such as `groupby` take attribute names as strings);
// - calls only of macros the template defines (and `caller`), never of values from the context;
// - no include, import, extends (the sandbox has no loader anyway) and an allow-list of filters;
// - no arithmetic and no number above 1000 (nothing to blow up a string with).
// The environment has autoescape on and no globals (no range, cycler, joiner), and the context is
// a plain-data copy with null prototypes. Output is capped in size.
import nunjucks from 'nunjucks';

export const MAX_TEMPLATE_CHARS = 10_000;
const MAX_OUTPUT_CHARS = 100_000;
const MAX_NUMBER = 1_000;
const MAX_SETS = 20;

/** A template that cannot be used, with messages for people (GOV.UK error summary). */
export class TemplateProblem extends Error {
  constructor(readonly problems: readonly string[]) {
    super(problems.join(' '));
  }
}

const ALLOWED_FILTERS = new Set([
  'capitalize', 'd', 'default', 'dictsort', 'e', 'escape', 'first', 'float', 'groupby', 'int', 'join', 'last', 'length', 'list', 'lower',
  'replace', 'reject', 'rejectattr', 'reverse', 'round', 'select', 'selectattr', 'sort', 'string', 'striptags', 'sum', 'title', 'trim',
  'truncate', 'upper', 'urlencode', 'wordcount', 'abs',
]);
const FORBIDDEN_NODES: Readonly<Record<string, string>> = {
  Include: 'Templates cannot include other templates.',
  Import: 'Templates cannot import other templates.',
  FromImport: 'Templates cannot import other templates.',
  Extends: 'Templates cannot extend other templates.',
  CallExtension: 'Templates cannot use extensions.',
  CallExtensionAsync: 'Templates cannot use extensions.',
  Add: 'Templates cannot do arithmetic.', Sub: 'Templates cannot do arithmetic.', Mul: 'Templates cannot do arithmetic.',
  Div: 'Templates cannot do arithmetic.', FloorDiv: 'Templates cannot do arithmetic.', Mod: 'Templates cannot do arithmetic.',
  Pow: 'Templates cannot do arithmetic.', Neg: 'Templates cannot do arithmetic.', Pos: 'Templates cannot do arithmetic.',
};
const forbiddenName = (name: string): boolean => /^(constructor|prototype)$/i.test(name) || name.startsWith('__');
const forbiddenText = (text: string): boolean => /constructor|prototype|__/i.test(text);

interface AstNode {
  readonly typename: string;
  readonly fields: readonly string[];
  readonly [field: string]: unknown;
}

const isNode = (v: unknown): v is AstNode => typeof v === 'object' && v !== null && typeof (v as { typename?: unknown }).typename === 'string';

function children(node: AstNode): AstNode[] {
  const out: AstNode[] = [];
  for (const f of node.fields) {
    const v = node[f];
    if (isNode(v)) out.push(v);
    else if (Array.isArray(v)) for (const c of v) if (isNode(c)) out.push(c);
  }
  return out;
}

/** The reasons `source` cannot be used as a notice template (empty when it can). */
export function templateProblems(source: string): string[] {
  if (source.length > MAX_TEMPLATE_CHARS) return [`A template must be ${MAX_TEMPLATE_CHARS} characters or fewer.`];
  let root: AstNode;
  try {
    root = (nunjucks as unknown as { parser: { parse(src: string): AstNode } }).parser.parse(source);
  } catch (error) {
    return [`The template is not valid: ${cleanMessage(error)}`];
  }
  const problems = new Set<string>();
  const macros = new Set<string>(['caller']);
  const all: AstNode[] = [];
  const stack = [root];
  while (stack.length) {
    const n = stack.pop()!;
    all.push(n);
    if (n.typename === 'Macro' && isNode(n.name) && typeof n.name.value === 'string') macros.add(n.name.value);
    stack.push(...children(n));
  }
  let sets = 0;
  for (const n of all) {
    const forbidden = FORBIDDEN_NODES[n.typename];
    if (forbidden) problems.add(forbidden);
    if (n.typename === 'Set') sets++;
    if (n.typename === 'Symbol' && typeof n.value === 'string' && forbiddenName(n.value)) problems.add(`The name "${n.value}" is not allowed in a template.`);
    if (n.typename === 'Literal') {
      if (typeof n.value === 'string' && forbiddenText(n.value)) problems.add('Text in a template expression cannot mention constructor, prototype or __.');
      if (typeof n.value === 'number' && Math.abs(n.value) > MAX_NUMBER) problems.add(`Numbers in a template must be ${MAX_NUMBER} or less.`);
    }
    if (n.typename === 'LookupVal') {
      const val = n.val;
      if (!isNode(val) || val.typename !== 'Literal') problems.add('Look up fields by name (a.b), not with a computed key (a[b]).');
    }
    if (n.typename === 'Filter' || n.typename === 'FilterAsync') {
      const name = isNode(n.name) ? String(n.name.value) : '';
      if (!ALLOWED_FILTERS.has(name)) problems.add(`The filter "${name}" is not allowed in a notice template.`);
    } else if (n.typename === 'FunCall') {
      const name = isNode(n.name) && n.name.typename === 'Symbol' ? String(n.name.value) : undefined;
      if (name === undefined || !macros.has(name)) problems.add('A template can call only the macros it defines.');
    }
  }
  if (sets > MAX_SETS) problems.add(`A template can have at most ${MAX_SETS} set tags.`);
  return [...problems];
}

/** Plain data with null prototypes: no functions, no inherited members to reach. */
function plainData(value: unknown, depth = 0): unknown {
  if (depth > 8) return undefined;
  if (value === null || typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  if (Array.isArray(value)) return value.map((v) => plainData(v, depth + 1));
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'object') {
    const out = Object.create(null) as Record<string, unknown>;
    for (const [k, v] of Object.entries(value)) if (!forbiddenName(k)) out[k] = plainData(v, depth + 1);
    return out;
  }
  return undefined;
}

const env = new nunjucks.Environment([], { autoescape: true, throwOnUndefined: false, trimBlocks: false });
// No globals: a template sees the notice context and nothing else.
(env as unknown as { globals: Record<string, unknown> }).globals = Object.create(null) as Record<string, unknown>;

const ENTITIES: Readonly<Record<string, string>> = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#39;': "'" };
const unescapeHtml = (s: string): string => s.replace(/&(?:amp|lt|gt|quot|#39);/g, (m) => ENTITIES[m]!);

function cleanMessage(error: unknown): string {
  const raw = error instanceof Error ? error.message : String(error);
  // Nunjucks prefixes "(unknown path)" and a stack-like "Template render error:"; keep the gist.
  return raw.replace(/\(unknown path\)\s*/g, '').replace(/^Template render error:\s*/i, '').replace(/\s+/g, ' ').trim().slice(0, 300);
}

/**
 * Renders a checked template to plain text. Autoescape is on, so every value the template
 * prints is escaped as it is rendered; the plain text is that output decoded again, and any HTML
 * part is built by escaping the whole text (render-notice.ts), so no markup reaches it.
 * Throws TemplateProblem with people's messages.
 */
export function renderSandboxed(source: string, context: Record<string, unknown>): string {
  const problems = templateProblems(source);
  if (problems.length > 0) throw new TemplateProblem(problems);
  let out: string;
  try {
    out = env.renderString(source, plainData(context) as object);
  } catch (error) {
    throw new TemplateProblem([`The template could not be rendered: ${cleanMessage(error)}`]);
  }
  if (out.length > MAX_OUTPUT_CHARS) throw new TemplateProblem([`The rendered notice is longer than ${MAX_OUTPUT_CHARS} characters.`]);
  return unescapeHtml(out);
}
