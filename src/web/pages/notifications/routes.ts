// Notification preferences and unsubscribe links (issue: Notifications, documents and feeds):
//   GET|POST /account/notifications            choose immediate, daily digest or none; turn notices off (PRG)
//   GET      /unsubscribe?token=…              what the signed link turns off, with a form (changes nothing)
//   POST     /unsubscribe?token=…              applies it (CSRF; no session needed: the token is the authority)
//   GET|PUT  /api/v1/me/notification-preferences
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { NOTICE_RULES, ruleLabel } from '../../../notify/notice-rules.ts';
import { DELIVERY_MODES, PreferenceError, type NotificationPreference } from '../../../notify/preferences.ts';
import { requirePrincipal } from '../../plugins/authentication.ts';
import { HttpProblem } from '../../problem.ts';
import { renderPage } from '../../render.ts';
import { setFlash } from '../command-form/flash.ts';

export const preferencesBody = {
  type: 'object',
  required: ['mode'],
  additionalProperties: false,
  properties: {
    mode: { type: 'string', enum: [...DELIVERY_MODES], description: 'immediate: each notice as it happens; digest: one email a day grouped by proposal; off: none' },
    muted: { type: 'array', maxItems: 100, items: { type: 'string', maxLength: 64 }, description: 'Notice rule ids not to receive' },
  },
} as const;

const MODE_TEXT = { immediate: 'Each notice as it happens', digest: 'A daily digest, grouped by proposal', off: 'No notices by email' } as const;

/** Form values as strings or string lists (checkboxes repeat their name). */
function formOf(body: unknown): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  if (typeof body !== 'object' || body === null) return out;
  for (const [k, v] of Object.entries(body)) {
    if (typeof v === 'string') out[k] = v.slice(0, 1_000);
    else if (Array.isArray(v)) out[k] = v.filter((x): x is string => typeof x === 'string').slice(0, 100);
  }
  return out;
}
const list = (v: string | string[] | undefined): string[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]).filter((x) => x !== '');

export async function notificationRoutes(app: FastifyInstance): Promise<void> {
  const notify = () => app.services.notify;
  const digestTime = app.services.config.digestTime;

  const preferencesPage = (request: FastifyRequest, reply: FastifyReply, values: NotificationPreference, errors: Record<string, string> = {}) =>
    renderPage(request, reply.code(Object.keys(errors).length ? 422 : 200), 'pages/notifications/notifications.njk', {
      pageTitle: 'Your notification preferences',
      errorList: Object.entries(errors).map(([field, text]) => ({ text, href: `#${field}` })),
      fieldErrors: errors,
      modeItems: DELIVERY_MODES.map((m) => ({
        value: m,
        text: MODE_TEXT[m],
        checked: values.mode === m,
        ...(m === 'digest' ? { hint: { text: `One email at ${digestTime} (UK time) each day listing the previous day’s notices.` } } : {}),
      })),
      mutedItems: NOTICE_RULES.map((r) => ({ value: r.id, text: ruleLabel(r.id), checked: values.muted.includes(r.id) })),
    });

  app.get('/account/notifications', async (request, reply) => {
    const p = request.principal;
    if (!p) throw new HttpProblem(401, 'Sign in to choose how you get notices.');
    return preferencesPage(request, reply, await notify().preferences.get(p.userId));
  });

  app.post('/account/notifications', async (request, reply) => {
    const p = request.principal;
    if (!p) throw new HttpProblem(401, 'Sign in to choose how you get notices.');
    const form = formOf(request.body);
    const mode = typeof form.mode === 'string' ? form.mode : '';
    const muted = list(form.muted);
    try {
      const saved = await notify().preferences.set(p.userId, { mode, muted });
      setFlash(request, reply, { heading: 'Your notification preferences are saved', text: MODE_TEXT[saved.mode] });
      return reply.redirect('/account/notifications', 303);
    } catch (error) {
      if (!(error instanceof PreferenceError)) throw error;
      const current = await notify().preferences.get(p.userId);
      return preferencesPage(request, reply, { mode: current.mode, muted }, { [error.field === 'mode' ? 'mode' : 'muted']: error.message });
    }
  });

  // ---------------------------------------------------------------- unsubscribe links
  const tokenOf = (request: FastifyRequest): string => {
    const raw = (request.query as Record<string, unknown> | undefined)?.token;
    return typeof raw === 'string' ? raw.slice(0, 400) : '';
  };
  const targetOf = (token: string) => {
    const target = notify().unsubscribe.verify(token);
    if (!target) throw new HttpProblem(404, 'This unsubscribe link is not valid. Copy the whole link from the email, or sign in and change your notification preferences.');
    return target;
  };

  app.get('/unsubscribe', async (request, reply) => {
    const token = tokenOf(request);
    const target = targetOf(token);
    const what = await notify().preferences.describe(target);
    const off = what === undefined || (await notify().preferences.isOff(target));
    return renderPage(request, reply, 'pages/notifications/unsubscribe.njk', {
      pageTitle: off ? 'These emails are off' : 'Stop these emails',
      what,
      off,
      action: `/unsubscribe?token=${encodeURIComponent(token)}`,
    });
  });

  app.post('/unsubscribe', async (request, reply) => {
    const token = tokenOf(request);
    const target = targetOf(token);
    const what = await notify().preferences.describe(target);
    await notify().preferences.unsubscribe(target);
    setFlash(request, reply, { heading: 'You are unsubscribed', text: what ? `You will no longer get ${what}.` : 'There was nothing left to turn off.' });
    return reply.redirect(`/unsubscribe?token=${encodeURIComponent(token)}`, 303);
  });

  // ---------------------------------------------------------------- API
  app.get('/api/v1/me/notification-preferences', async (request) => {
    const p = requirePrincipal(request);
    return { ...(await notify().preferences.get(p.userId)), digestTime };
  });

  app.put<{ Body: { mode: string; muted?: string[] } }>('/api/v1/me/notification-preferences', { schema: { body: preferencesBody } }, async (request) => {
    const p = requirePrincipal(request);
    try {
      return { ...(await notify().preferences.set(p.userId, request.body)), digestTime };
    } catch (error) {
      if (error instanceof PreferenceError) throw new HttpProblem(422, error.message);
      throw error;
    }
  });
}
