// A form for every command (sec-process.md §5.4), generated from its payload schema:
//   GET  /proposals/:reference/actions/:command   the form, for a command the user may run now
//   POST /proposals/:reference/actions/:command   validate, run, then Post/Redirect/Get
// The rules stay in the domain: the page offers what `availableActions` offers, and a
// refusal is shown with the SEC clause the rules cite (403, 409 or 422, as in the API).
import { randomUUID } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import {
  COMMAND_LABELS, PAYLOAD_SCHEMAS, isCommandName,
  type AvailableAction, type CommandName, type ModificationCommand,
} from '../../../domain/modification/index.ts';
import { HttpProblem } from '../../problem.ts';
import { renderPage } from '../../render.ts';
import { commandProblem } from '../../api/command-problems.ts';
import { BODY_NAMES, loadActionContext, recordingBodies, signedIn, type ActionContext } from './action-context.ts';
import { commandHelp, prefillFromWhen } from './command-help.ts';
import { setFlash } from './flash.ts';
import { errorSummary, formItems, humanise, rawFormFrom, rawFormOf, readForm, validateForm, type FieldErrors, type RawForm } from './schema-form.ts';

type Params = { reference: string; command: string };

/** Commands with a form: every command but creation (its own journey) and the scheduler's. */
const commandOf = (name: string): CommandName => {
  if (!isCommandName(name) || name === 'create-draft-proposal' || name === 'expire-timer') {
    throw new HttpProblem(404, `"${name}" is not a command you can run from a form.`);
  }
  return name;
};

const whenText = (a: AvailableAction): string | undefined =>
  a.when ? Object.entries(a.when).map(([k, v]) => `${k}: ${v.replace('|', ' or ')}`).join(', ') : undefined;

const FORM_KEY = /^[\w-]{8,64}$/;

export interface Refused {
  readonly message: string;
  readonly status: number;
}

/** A refusal, a conflict or an unknown proposal as a message for the page; anything else is rethrown. */
export function refusalOf(error: unknown): Refused {
  const problem = commandProblem(error, false);
  if (!(problem instanceof HttpProblem)) throw error;
  if (problem.extra.type === 'idempotency-key-reused') {
    return { message: 'This form was already sent with other answers. Check the proposal page before you try again.', status: 409 };
  }
  const clause = problem.extra.clause ? ` (SEC ${String(problem.extra.clause)})` : '';
  return { message: `${problem.detail}${clause}`, status: problem.status };
}

interface FormState {
  readonly values: RawForm;
  readonly errors: FieldErrors;
  readonly refusal?: Refused;
  readonly formKey: string;
}

function formPage(request: FastifyRequest, reply: FastifyReply, c: ActionContext, command: CommandName, form: FormState) {
  const rows = c.actions.filter((a) => a.command === command);
  const labels = [...new Set(rows.map((r) => r.label))];
  const heading = labels.length === 1 ? labels[0]! : COMMAND_LABELS[command];
  const help = commandHelp(command, c.state, c.ctx.rulebook);
  const bodies = recordingBodies(c, command).map((b) => ({ value: b, text: BODY_NAMES[b] ?? b, checked: form.values.onBehalfOf === b }));
  const errorList = [
    ...(form.refusal ? [{ text: form.refusal.message, href: '#command-form' }] : []),
    ...errorSummary(form.errors),
  ];
  const status = form.refusal ? form.refusal.status : Object.keys(form.errors).length > 0 ? 422 : 200;
  return renderPage(request, reply.code(status), 'pages/command-form/command-form.njk', {
    pageTitle: `${heading}: ${c.reference}`,
    heading,
    reference: c.reference,
    title: c.state.title,
    command,
    rows: rows.map((r) => ({ ...r, whenText: rows.length > 1 ? whenText(r) : undefined })),
    bodies,
    items: formItems(PAYLOAD_SCHEMAS[command], { values: form.values, errors: form.errors, hints: help.hints }),
    fieldErrors: form.errors,
    errorList,
    formAction: `/proposals/${c.reference}/actions/${command}`,
    formKey: form.formKey,
  });
}

export async function commandFormRoutes(app: FastifyInstance): Promise<void> {
  const { services } = app;

  app.get<{ Params: Params; Querystring: Record<string, unknown> }>('/proposals/:reference/actions/:command', async (request, reply) => {
    const principal = signedIn(request, 'act on a proposal');
    const command = commandOf(request.params.command);
    const c = await loadActionContext(app, principal, request.params.reference);
    if (!c.actions.some((a) => a.command === command)) {
      throw new HttpProblem(403, `You cannot “${COMMAND_LABELS[command].toLowerCase()}” on ${c.reference} now: it is at the ${c.state.stateName} stage, and the Smart Energy Code does not give you that step there. The proposal page lists what you can do.`, {
        title: 'You cannot do that now',
      });
    }
    const schema = PAYLOAD_SCHEMAS[command];
    const help = commandHelp(command, c.state, c.ctx.rulebook);
    const values = rawFormFrom(schema, { ...help.prefill, ...prefillFromWhen(schema, request.query ?? {}) });
    return formPage(request, reply, c, command, { values, errors: {}, formKey: randomUUID() });
  });

  app.post<{ Params: Params }>('/proposals/:reference/actions/:command', async (request, reply) => {
    const principal = signedIn(request, 'act on a proposal');
    const command = commandOf(request.params.command);
    const c = await loadActionContext(app, principal, request.params.reference);
    const raw = rawFormOf(request.body);
    const formKey = FORM_KEY.test(raw._formKey ?? '') ? raw._formKey! : randomUUID();
    const schema = PAYLOAD_SCHEMAS[command];
    const payload = readForm(schema, raw);
    const errors = validateForm(schema, payload);
    const bodies = recordingBodies(c, command);
    const onBehalfOf = bodies.length > 0 ? raw.onBehalfOf : undefined;
    if (bodies.length > 0 && !bodies.includes(onBehalfOf ?? '')) errors.onBehalfOf = 'Select whose decision you are recording';
    if (Object.keys(errors).length > 0) return formPage(request, reply, c, command, { values: raw, errors, formKey });
    try {
      const outcome = await services.modifications.execute({
        number: c.number,
        // The payload was validated against the command's schema above.
        command: { type: command, payload } as ModificationCommand,
        actor: { ...c.ctx.actor, ...(onBehalfOf ? { onBehalfOf } : {}) },
        // One submission of one form runs once, however often the button is pressed.
        idempotencyKey: `form:${formKey}`,
      });
      const label = c.actions.find((a) => a.command === command)?.label ?? COMMAND_LABELS[command];
      setFlash(request, reply, { heading: `Done: ${label}`, text: `${outcome.reference} is now at the stage: ${humanise(outcome.state.name)}.` });
      return reply.redirect(`/proposals/${outcome.reference}`, 303);
    } catch (error) {
      const refusal = refusalOf(error);
      request.log.info({ command, reference: c.reference, status: refusal.status, detail: refusal.message }, 'command refused');
      return formPage(request, reply, c, command, { values: raw, errors: {}, refusal, formKey: randomUUID() });
    }
  });
}
