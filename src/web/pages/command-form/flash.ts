// A one-time success message carried across Post/Redirect/Get: set on the redirect, shown
// by the next page (as `flash` in its template context) and cleared at once, so a reload or
// a bookmark does not repeat it. A signed cookie: it never carries more than its text.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

const FLASH_COOKIE = 'secmod_flash';
const NOT_PAGES = /^\/(?:api|static|assets|health|metrics)(?:\/|$)/;

export interface Flash {
  readonly heading: string;
  readonly text?: string;
}

type WithLocals = FastifyReply & { locals?: Record<string, unknown> | null };

export function setFlash(request: FastifyRequest, reply: FastifyReply, flash: Flash): void {
  reply.setCookie(FLASH_COOKIE, JSON.stringify(flash), {
    path: '/', httpOnly: true, sameSite: 'lax', signed: true, maxAge: 300, secure: request.server.services.config.behindTls,
  });
}

function readFlash(request: FastifyRequest): Flash | undefined {
  const cookie = request.cookies[FLASH_COOKIE];
  if (!cookie) return undefined;
  const unsigned = request.unsignCookie(cookie);
  if (!unsigned.valid || unsigned.value === null) return undefined;
  try {
    const value = JSON.parse(unsigned.value) as unknown;
    if (typeof value !== 'object' || value === null) return undefined;
    const { heading, text } = value as Record<string, unknown>;
    return typeof heading === 'string' ? { heading, ...(typeof text === 'string' ? { text } : {}) } : undefined;
  } catch {
    return undefined;
  }
}

/** Registered at the root (skip-override), so that every page — the proposal page included — shows it. */
export async function flashMessages(app: FastifyInstance): Promise<void> {
  app.addHook('preHandler', async (request, reply) => {
    if (request.method !== 'GET' || NOT_PAGES.test(request.url) || !request.cookies[FLASH_COOKIE]) return;
    const flash = readFlash(request);
    reply.clearCookie(FLASH_COOKIE, { path: '/' });
    const r = reply as WithLocals;
    if (flash) r.locals = { ...(r.locals ?? {}), flash };
  });
}
// Fastify's documented "skip-override": the hook applies to the whole application.
(flashMessages as unknown as Record<symbol, boolean>)[Symbol.for('skip-override')] = true;
