// Administration (issue "Web portal", item 7), for system administrators only; every form
// carries the CSRF token (the app's preHandler checks it) and follows Post/Redirect/Get:
//   GET  /admin                                   overview
//   GET  /admin/organisations                     Party Category, Voting Group, default status
//   POST /admin/organisations/:id/record-default  a Defaulting Party decision (M8.5)
//   POST /admin/organisations/:id/lift-default    the default ends (M8.5)
//   GET  /admin/users, GET|POST /admin/users/new  users with roles; add a user
//   GET  /admin/users/:id                         one user: roles, assign, end, disable
//   POST /admin/users/:id/roles                   assign a role
//   POST /admin/users/:id/roles/:assignmentId/end end a role
//   POST /admin/users/:id/disable                 disable (ends every session and token)
//   GET  /admin/bodies, /admin/rulebook, /admin/releases   read-only views
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasRole, type Principal } from '../../../app/identity/principal.ts';
import { DirectoryError } from '../../../app/identity/directory.ts';
import { PASSWORD_MAX, PASSWORD_MIN } from '../../../app/identity/passwords.ts';
import { londonDate } from '../../../app/london-date.ts';
import { ROLE_IDS, ROLE_LABELS, isRoleId } from '../../../domain/parties/roles.ts';
import { PARTY_CATEGORIES, PARTY_CATEGORY_LABELS } from '../../../domain/parties/organisation.ts';
import { CURRENT_RULEBOOK, listParameters } from '../../../domain/rulebook/index.ts';
import { addCalendarDays, isIsoDate } from '../../../domain/calendar/index.ts';
import { HttpProblem } from '../../problem.ts';
import { renderPage } from '../../render.ts';
import { setFlash } from '../command-form/flash.ts';
import { bodies, organisations, releases, users } from '../../../app/administration/queries.ts';

type Form = Record<string, string>;
type Errors = Record<string, string>;

const SEATS = [...PARTY_CATEGORIES.map((c) => ({ value: c, text: PARTY_CATEGORY_LABELS[c] })), { value: 'consumer', text: 'Consumer' }, { value: 'dcc', text: 'DCC (non-voting)' }, { value: 'chair', text: 'Chair (non-voting)' }];
const MAX_TEXT = 200;

function requireAdmin(request: FastifyRequest): Principal {
  const p = request.principal;
  if (!p) throw new HttpProblem(401, 'Sign in as a system administrator to use the administration pages.');
  if (!hasRole(p, 'system-administrator')) throw new HttpProblem(403, 'Only system administrators can use the administration pages.', { title: 'You cannot see this page' });
  return p;
}

/** Form fields as trimmed strings; anything else (arrays, objects) is dropped. */
function formOf(body: unknown): Form {
  const out: Form = {};
  if (typeof body !== 'object' || body === null) return out;
  // A password is kept exactly as typed (ASVS V6.2): trimmed, " secret " would be stored as
  // "secret", and the user could not sign in with what they chose.
  for (const [k, v] of Object.entries(body)) if (typeof v === 'string') out[k] = k === 'password' ? v.slice(0, 1_000) : v.trim().slice(0, 1_000);
  return out;
}

const errorList = (errors: Errors) => Object.entries(errors).map(([field, text]) => ({ text, href: `#${field}` }));
// Values as JSON, with spaces after commas so that long lists wrap in the table.
const text = (v: unknown): string => (JSON.stringify(v) ?? '').replace(/,(?=\S)/g, ', ');

export async function adminRoutes(app: FastifyInstance): Promise<void> {
  const { services } = app;
  const db = services.database.db;
  const { directory } = services;
  const page = (request: FastifyRequest, reply: FastifyReply, template: string, context: Record<string, unknown>) =>
    renderPage(request, reply, `pages/admin/${template}`, { adminSection: template.replace('.njk', ''), ...context });

  app.get('/admin', async (request, reply) => {
    requireAdmin(request);
    return page(request, reply, 'admin.njk', { pageTitle: 'Administration' });
  });

  // ---------------------------------------------------------------- organisations (M8.5)
  app.get('/admin/organisations', async (request, reply) => {
    requireAdmin(request);
    return page(request, reply, 'organisations.njk', { pageTitle: 'Organisations', organisations: await organisations(db) });
  });

  const organisationFor = async (id: string) => {
    const org = await db.selectFrom('organisations').selectAll().where('id', '=', id).executeTakeFirst();
    if (!org) throw new HttpProblem(404, `There is no organisation ${id}.`);
    return org;
  };

  app.post<{ Params: { id: string } }>('/admin/organisations/:id/record-default', async (request, reply) => {
    const p = requireAdmin(request);
    const org = await organisationFor(request.params.id);
    const form = formOf(request.body);
    const errors: Errors = {};
    if (!org.is_party) errors[`eventOfDefaultRef-${org.id}`] = `${org.name} is not a SEC Party, so it cannot be a Defaulting Party (M8.5)`;
    else if (org.defaulting) errors[`eventOfDefaultRef-${org.id}`] = `${org.name} is already a Defaulting Party`;
    else if (!form.eventOfDefaultRef) errors[`eventOfDefaultRef-${org.id}`] = `Enter the Event of Default reference for ${org.name}`;
    else if (form.eventOfDefaultRef.length > MAX_TEXT) errors[`eventOfDefaultRef-${org.id}`] = `The Event of Default reference must be ${MAX_TEXT} characters or fewer`;
    if (Object.keys(errors).length > 0) {
      return page(request, reply.code(422), 'organisations.njk', { pageTitle: 'Organisations', organisations: await organisations(db), errorList: errorList(errors), fieldErrors: errors, values: form });
    }
    await directory.recordPartyDefault(org.id, form.eventOfDefaultRef!, p.userId);
    setFlash(request, reply, { heading: `${org.name} is recorded as a Defaulting Party`, text: `Its rights are suspended under SEC M8.5 (Event of Default ${form.eventOfDefaultRef}).` });
    return reply.redirect('/admin/organisations', 303);
  });

  app.post<{ Params: { id: string } }>('/admin/organisations/:id/lift-default', async (request, reply) => {
    const p = requireAdmin(request);
    const org = await organisationFor(request.params.id);
    if (!org.defaulting) {
      const errors = { [`lift-${org.id}`]: `${org.name} is not a Defaulting Party` };
      return page(request, reply.code(409), 'organisations.njk', { pageTitle: 'Organisations', organisations: await organisations(db), errorList: errorList(errors), fieldErrors: errors, values: {} });
    }
    await directory.liftPartyDefault(org.id, p.userId);
    setFlash(request, reply, { heading: `${org.name} is no longer a Defaulting Party`, text: 'Its rights under SEC M8.5 are restored.' });
    return reply.redirect('/admin/organisations', 303);
  });

  // ---------------------------------------------------------------- users
  app.get('/admin/users', async (request, reply) => {
    requireAdmin(request);
    return page(request, reply, 'users.njk', { pageTitle: 'Users', users: await users(db, services.clock.now()) });
  });

  const orgItems = async (selected?: string) => [
    { value: '', text: 'No organisation' },
    ...(await db.selectFrom('organisations').select(['id', 'name']).orderBy('name').execute()).map((o) => ({ value: o.id, text: o.name, selected: o.id === selected })),
  ];
  const roleItems = (selected?: string, blank = 'No role yet') => [{ value: '', text: blank }, ...ROLE_IDS.map((r) => ({ value: r, text: ROLE_LABELS[r], selected: r === selected }))];
  const seatItems = (selected?: string) => [{ value: '', text: 'Not a Change Board seat' }, ...SEATS.map((s) => ({ ...s, selected: s.value === selected }))];

  const newUserPage = async (request: FastifyRequest, reply: FastifyReply, values: Form, errors: Errors) =>
    page(request, reply.code(Object.keys(errors).length ? 422 : 200), 'user-new.njk', {
      pageTitle: 'Add a user',
      values,
      fieldErrors: errors,
      errorList: errorList(errors),
      organisationItems: await orgItems(values.organisationId),
      roleItems: roleItems(values.role),
      seatItems: seatItems(values.seat),
      passwordHint: `At least ${PASSWORD_MIN} and at most ${PASSWORD_MAX} characters; common passwords are refused.`,
    });

  /** Checks a role and seat; returns the assignment or records errors. */
  const roleFrom = (form: Form, errors: Errors, organisationId: string | undefined, today: string, required: boolean) => {
    if (!form.role) {
      if (required) errors.role = 'Select a role';
      return undefined;
    }
    if (!isRoleId(form.role)) {
      errors.role = 'Select a role from the list';
      return undefined;
    }
    const seat = form.seat ?? '';
    if (form.role === 'change-board-member' && !SEATS.some((s) => s.value === seat)) errors.seat = 'Select the Change Board seat';
    if (form.role !== 'change-board-member' && seat !== '') errors.seat = 'Only Change Board members have a seat';
    const from = form.from && form.from !== '' ? form.from : today;
    if (!isIsoDate(from)) errors.from = 'Enter the start date as a real date, like 2026-03-02';
    if (Object.keys(errors).length > 0) return undefined;
    return { role: form.role, from, ...(organisationId ? { organisationId } : {}), ...(seat ? { seat } : {}) };
  };

  app.get('/admin/users/new', async (request, reply) => {
    requireAdmin(request);
    return newUserPage(request, reply, {}, {});
  });

  app.post('/admin/users/new', async (request, reply) => {
    const p = requireAdmin(request);
    const form = formOf(request.body);
    const errors: Errors = {};
    if (!form.name) errors.name = 'Enter a name';
    else if (form.name.length > MAX_TEXT) errors.name = `Name must be ${MAX_TEXT} characters or fewer`;
    if (!form.email) errors.email = 'Enter an email address';
    if (!form.password) errors.password = 'Enter a password';
    const organisationId = form.organisationId || undefined;
    if (organisationId && !(await db.selectFrom('organisations').select('id').where('id', '=', organisationId).executeTakeFirst())) errors.organisationId = 'Select an organisation from the list';
    const role = roleFrom(form, errors, organisationId, londonDate(services.clock.now()), false);
    if (Object.keys(errors).length > 0) return newUserPage(request, reply, { ...form, password: '' }, errors);
    try {
      const userId = await directory.registerUser({ name: form.name!, email: form.email!, password: form.password!, ...(organisationId ? { organisationId } : {}), roles: role ? [role] : [] }, p.userId);
      setFlash(request, reply, { heading: `${form.name} is added`, text: `They can sign in as ${form.email!.toLowerCase()}.` });
      return reply.redirect(`/admin/users/${userId}`, 303);
    } catch (error) {
      if (!(error instanceof DirectoryError)) throw error;
      return newUserPage(request, reply, { ...form, password: '' }, { [error.field ?? 'name']: error.message });
    }
  });

  const userPage = async (request: FastifyRequest, reply: FastifyReply, userId: string, values: Form = {}, errors: Errors = {}, status = 200) => {
    const [user] = await users(db, services.clock.now(), userId);
    if (!user) throw new HttpProblem(404, 'There is no such user.');
    return page(request, reply.code(status), 'user.njk', {
      pageTitle: `User: ${user.name}`,
      user,
      self: request.principal?.userId === user.id,
      values,
      fieldErrors: errors,
      errorList: errorList(errors),
      roleItems: roleItems(values.role, 'Select a role'),
      seatItems: seatItems(values.seat),
      today: londonDate(services.clock.now()),
    });
  };

  app.get<{ Params: { id: string } }>('/admin/users/:id', async (request, reply) => {
    requireAdmin(request);
    if (!/^[\w-]{1,64}$/.test(request.params.id)) throw new HttpProblem(404, 'There is no such user.');
    return userPage(request, reply, request.params.id);
  });

  const existingUser = async (id: string) => {
    const user = /^[\w-]{1,64}$/.test(id) ? await db.selectFrom('users').select(['id', 'name', 'organisation_id', 'disabled']).where('id', '=', id).executeTakeFirst() : undefined;
    if (!user) throw new HttpProblem(404, 'There is no such user.');
    return user;
  };

  app.post<{ Params: { id: string } }>('/admin/users/:id/roles', async (request, reply) => {
    const p = requireAdmin(request);
    const user = await existingUser(request.params.id);
    const form = formOf(request.body);
    const errors: Errors = {};
    const role = roleFrom(form, errors, user.organisation_id ?? undefined, londonDate(services.clock.now()), true);
    if (user.disabled) errors.role = `${user.name} is disabled`;
    if (!role || Object.keys(errors).length > 0) return userPage(request, reply, user.id, form, errors, 422);
    await directory.assignRole(user.id, role, p.userId);
    setFlash(request, reply, { heading: `${user.name} now has the role ${ROLE_LABELS[role.role]}`, text: `From ${role.from}.` });
    return reply.redirect(`/admin/users/${user.id}`, 303);
  });

  app.post<{ Params: { id: string; assignmentId: string } }>('/admin/users/:id/roles/:assignmentId/end', async (request, reply) => {
    const p = requireAdmin(request);
    const user = await existingUser(request.params.id);
    const assignment = await db.selectFrom('role_assignments').select('role').where('id', '=', request.params.assignmentId).where('user_id', '=', user.id).executeTakeFirst();
    if (assignment?.role === 'system-administrator' && user.id === p.userId) {
      // An administrator cannot lock themselves out; another administrator can end the role.
      throw new HttpProblem(409, 'You cannot end your own system administrator role.');
    }
    // Ended at once: the assignment was last in force yesterday.
    const to = addCalendarDays(londonDate(services.clock.now()), -1);
    try {
      await directory.endRole(user.id, request.params.assignmentId, to, p.userId);
    } catch (error) {
      if (!(error instanceof DirectoryError)) throw error;
      throw new HttpProblem(404, error.message);
    }
    setFlash(request, reply, { heading: `A role of ${user.name} has ended` });
    return reply.redirect(`/admin/users/${user.id}`, 303);
  });

  app.post<{ Params: { id: string } }>('/admin/users/:id/disable', async (request, reply) => {
    const p = requireAdmin(request);
    const user = await existingUser(request.params.id);
    const form = formOf(request.body);
    const errors: Errors = {};
    if (user.id === p.userId) errors.reason = 'You cannot disable your own account';
    else if (user.disabled) errors.reason = `${user.name} is already disabled`;
    else if (!form.reason) errors.reason = 'Enter why the user is disabled';
    else if (form.reason.length > MAX_TEXT) errors.reason = `The reason must be ${MAX_TEXT} characters or fewer`;
    if (Object.keys(errors).length > 0) return userPage(request, reply, user.id, form, errors, 422);
    await directory.disableUser(user.id, form.reason!, p.userId);
    setFlash(request, reply, { heading: `${user.name} is disabled`, text: 'Their sessions and API tokens have ended.' });
    return reply.redirect(`/admin/users/${user.id}`, 303);
  });

  // ---------------------------------------------------------------- read-only views
  app.get('/admin/bodies', async (request, reply) => {
    requireAdmin(request);
    return page(request, reply, 'bodies.njk', { pageTitle: 'Bodies and their members', ...(await bodies(db, services.clock.now())) });
  });

  app.get('/admin/rulebook', async (request, reply) => {
    requireAdmin(request);
    const rows = listParameters(CURRENT_RULEBOOK).map((r) => ({ key: r.key, value: text(r.value), default: text(r.default), unit: r.unit ?? '—', source: r.source, changed: text(r.value) !== text(r.default) }));
    return page(request, reply, 'rulebook.njk', { pageTitle: `Rulebook ${CURRENT_RULEBOOK.metadata.id}`, rulebook: CURRENT_RULEBOOK.metadata, rows });
  });

  app.get('/admin/releases', async (request, reply) => {
    requireAdmin(request);
    return page(request, reply, 'releases.njk', { pageTitle: 'SEC Releases', releases: await releases(db) });
  });
}
