// Records kept beside the proposals, in the portal (record-types.ts): a list of record types,
// each type's records, one record with what has been recorded and the commands the user may
// run, and a GOV.UK form per command (generated from the schema that validates the API),
// with the error summary, Post/Redirect/Get, CSRF (global) and the refusal with its clause.
import { randomUUID } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { londonDate } from '../../../app/london-date.ts';
import { actorFrom } from '../../../app/modifications/actor.ts';
import { recordIdempotency } from '../../../app/record-idempotency.ts';
import { recordProblem } from '../../api/scr-routes.ts';
import { HttpProblem } from '../../problem.ts';
import { renderPage } from '../../render.ts';
import { signedIn } from '../command-form/action-context.ts';
import { setFlash } from '../command-form/flash.ts';
import { errorSummary, formItems, rawFormOf, readForm, validateForm, type FieldErrors, type RawForm } from '../command-form/schema-form.ts';
import { detailRows } from './detail-rows.ts';
import { RECORD_TYPES, recordTypeOf, type RecordAction, type RecordDetail, type RecordType } from './record-types.ts';

const FORM_KEY = /^[\w-]{8,64}$/;
const RECORD_ID = /^[A-Za-z0-9][\w.-]{0,60}$/;

type TypeParams = { type: string };
type RecordParams = TypeParams & { id: string };
type CommandParams = RecordParams & { command: string };

const typeOf = (slug: string): RecordType => {
  const t = recordTypeOf(slug);
  if (!t) throw new HttpProblem(404, 'There is no such kind of record. The records page lists them.');
  return t;
};

interface FormState { readonly values: RawForm; readonly errors: FieldErrors; readonly refusal?: string; readonly status?: number; readonly formKey: string }

export async function recordRoutes(app: FastifyInstance): Promise<void> {
  const today = () => londonDate(app.services.clock.now());

  const load = async (t: RecordType, id: string): Promise<RecordDetail> => {
    const found = RECORD_ID.test(id) ? await t.get(app, id) : undefined;
    if (!found) throw new HttpProblem(404, `There is no record ${id} among the ${t.label.toLowerCase()}.`);
    return found;
  };

  const actionOf = (t: RecordType, command: string, record?: RecordDetail): RecordAction => {
    const a = record ? t.actions.find((x) => x.command === command) : t.create?.command === command ? t.create : undefined;
    if (!a) throw new HttpProblem(404, 'There is no such step for this record.');
    return a;
  };

  const formPage = (request: FastifyRequest, reply: FastifyReply, t: RecordType, action: RecordAction, record: RecordDetail | undefined, form: FormState) => {
    const errorList = [...(form.refusal ? [{ text: form.refusal, href: '#record-form' }] : []), ...errorSummary(form.errors)];
    const status = form.status ?? (Object.keys(form.errors).length > 0 ? 422 : 200);
    return renderPage(request, reply.code(status), 'pages/records/form.njk', {
      pageTitle: `${action.label}${record ? `: ${record.id}` : ''} – ${t.label}`,
      heading: action.label, type: t, record, clause: action.clause,
      items: formItems(action.schema, { values: form.values, errors: form.errors }),
      fieldErrors: form.errors, errorList, formKey: form.formKey,
      formAction: record ? `/records/${t.slug}/${record.id}/${action.command}` : `/records/${t.slug}/new/${action.command}`,
      backHref: record ? `/records/${t.slug}/${record.id}` : `/records/${t.slug}`,
    });
  };

  app.get('/records', async (request, reply) => {
    signedIn(request, 'see the records');
    const types = await Promise.all(RECORD_TYPES.map(async (t) => ({ slug: t.slug, label: t.label, intro: t.intro, count: (await t.list(app)).length })));
    return renderPage(request, reply, 'pages/records/index.njk', { pageTitle: 'Records kept beside the proposals', types });
  });

  app.get<{ Params: TypeParams }>('/records/:type', async (request, reply) => {
    const principal = signedIn(request, 'see the records');
    const t = typeOf(request.params.type);
    const mayCreate = !!t.create && t.mayRun(actorFrom(principal), today(), t.create.command);
    return renderPage(request, reply, 'pages/records/list.njk', { pageTitle: t.label, type: t, records: await t.list(app), mayCreate });
  });

  app.get<{ Params: RecordParams }>('/records/:type/:id', async (request, reply) => {
    const principal = signedIn(request, 'see the records');
    const t = typeOf(request.params.type);
    const record = await load(t, request.params.id);
    const actor = actorFrom(principal);
    const actions = t.actions.filter((a) => t.mayRun(actor, today(), a.command, record));
    return renderPage(request, reply, 'pages/records/record.njk', { pageTitle: `${record.id}: ${t.label}`, type: t, record, rows: detailRows(record.record), actions });
  });

  const showForm = async (request: FastifyRequest<{ Params: CommandParams }>, reply: FastifyReply, creating: boolean) => {
    const principal = signedIn(request, 'record this');
    const t = typeOf(request.params.type);
    const record = creating ? undefined : await load(t, request.params.id);
    const action = actionOf(t, request.params.command, record);
    if (!t.mayRun(actorFrom(principal), today(), action.command, record)) {
      throw new HttpProblem(403, `You cannot ${action.label.toLowerCase()}: SEC ${action.clause} gives that step to other roles.`, { title: 'You cannot do that', clause: action.clause });
    }
    return formPage(request, reply, t, action, record, { values: {}, errors: {}, formKey: randomUUID() });
  };

  const submitForm = async (request: FastifyRequest<{ Params: CommandParams }>, reply: FastifyReply, creating: boolean) => {
    const principal = signedIn(request, 'record this');
    const t = typeOf(request.params.type);
    const record = creating ? undefined : await load(t, request.params.id);
    const action = actionOf(t, request.params.command, record);
    const raw = rawFormOf(request.body);
    const formKey = FORM_KEY.test(raw._formKey ?? '') ? raw._formKey! : randomUUID();
    const payload = readForm(action.schema, raw);
    const errors = validateForm(action.schema, payload);
    if (Object.keys(errors).length > 0) return formPage(request, reply, t, action, record, { values: raw, errors, formKey });
    const actor = actorFrom(principal);
    try {
      const done = await t.run(app, {
        actor, today: today(), command: action.command, payload, ...(record ? { id: record.id } : {}),
        // One submission of one form runs once, however often the button is pressed.
        idempotency: recordIdempotency(actor.userId, `form:${formKey}`, { type: t.slug, command: action.command, id: record?.id ?? null, payload }),
      });
      setFlash(request, reply, { heading: `Done: ${action.label}`, text: `Recorded on ${done.id}.` });
      return reply.redirect(`/records/${t.slug}/${encodeURIComponent(done.id)}`, 303);
    } catch (error) {
      const problem = recordProblem(error, false);
      if (!(problem instanceof HttpProblem)) throw error;
      const clause = problem.extra.clause ? ` (SEC ${String(problem.extra.clause)})` : '';
      const message = problem.extra.type === 'idempotency-key-reused' ? 'This form was already sent with other answers. Check the record before you try again.' : `${problem.detail}${clause}`;
      request.log.info({ type: t.slug, command: action.command, status: problem.status, detail: problem.detail }, 'record command refused');
      return formPage(request, reply, t, action, record, { values: raw, errors: {}, refusal: message, status: problem.status, formKey: randomUUID() });
    }
  };

  app.get<{ Params: CommandParams }>('/records/:type/new/:command', (request, reply) => showForm(request, reply, true));
  app.post<{ Params: CommandParams }>('/records/:type/new/:command', (request, reply) => submitForm(request, reply, true));
  app.get<{ Params: CommandParams }>('/records/:type/:id/:command', (request, reply) => showForm(request, reply, false));
  app.post<{ Params: CommandParams }>('/records/:type/:id/:command', (request, reply) => submitForm(request, reply, false));
}

