// Builds the real application on a fresh test database for `app.inject` tests.
import type { FastifyInstance } from 'fastify';
import { loadConfig, type Config } from '../../src/config.ts';
import { openServices, type Services } from '../../src/app/services.ts';
import { Writable } from 'node:stream';
import { createApp, type AppOptions } from '../../src/web/app.ts';
import { createTestDatabase, type TestDatabase } from './test-database.ts';

export interface TestApp {
  readonly app: FastifyInstance;
  readonly services: Services;
  readonly database: TestDatabase;
  close(): Promise<void>;
}

export async function startTestApp(env: Record<string, string> = {}, overrides: Partial<Config> = {}, appOptions: AppOptions = { logger: false }): Promise<TestApp> {
  const database = await createTestDatabase();
  const config = { ...loadConfig({ NODE_ENV: 'test', ...env }), databaseUrl: database.url, ...overrides };
  const services = await openServices(config, database.url, { poolSize: 20 });
  const app = await createApp(services, appOptions);
  await app.ready();
  return {
    app,
    services,
    database,
    close: async () => {
      await app.close();
      await services.close();
      await database.drop();
    },
  };
}

/** The app with the production logger (redaction included) at debug level, its lines kept in `logLines`. */
export async function startLoggedTestApp(): Promise<TestApp & { readonly logLines: string[] }> {
  const logLines: string[] = [];
  const stream = new Writable({ write: (chunk, _encoding, done) => { logLines.push(String(chunk)); done(); } });
  return { ...(await startTestApp({}, {}, { logTo: { level: 'debug', stream } })), logLines };
}

/** Signs in through the API and returns the Authorization header value. */
export async function bearerFor(app: FastifyInstance, email: string, password = 'secmod-demo'): Promise<string> {
  const res = await app.inject({ method: 'POST', url: '/api/v1/session', payload: { email, password } });
  if (res.statusCode !== 201) throw new Error(`sign-in as ${email} failed: ${res.statusCode} ${res.body}`);
  return `Bearer ${res.json<{ token: string }>().token}`;
}

/** A page session: GETs a form for its CSRF token and cookies, as a browser would. */
export class PageSession {
  private cookies = new Map<string, string>();
  constructor(private readonly app: FastifyInstance) {}

  get cookieHeader(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  private remember(setCookie: string | string[] | undefined) {
    for (const c of Array.isArray(setCookie) ? setCookie : setCookie ? [setCookie] : []) {
      const [pair] = c.split(';');
      const eq = pair!.indexOf('=');
      const name = pair!.slice(0, eq);
      const value = pair!.slice(eq + 1);
      if (value === '' || /expires=Thu, 01 Jan 1970/i.test(c)) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }

  async get(url: string) {
    const res = await this.app.inject({ method: 'GET', url, headers: { cookie: this.cookieHeader } });
    this.remember(res.headers['set-cookie']);
    return res;
  }

  async csrfToken(url: string): Promise<string> {
    const res = await this.get(url);
    const m = /name="_csrf" value="([^"]+)"/.exec(res.body);
    if (!m) throw new Error(`no CSRF token on ${url}`);
    return m[1]!;
  }

  /** Posts a form; a list value is sent as that field repeated (like checkboxes). */
  async post(url: string, form: Record<string, string | readonly string[]>) {
    const body = new URLSearchParams();
    for (const [name, value] of Object.entries(form)) for (const v of typeof value === 'string' ? [value] : value) body.append(name, v);
    const res = await this.app.inject({
      method: 'POST',
      url,
      headers: { cookie: this.cookieHeader, 'content-type': 'application/x-www-form-urlencoded' },
      payload: body.toString(),
    });
    this.remember(res.headers['set-cookie']);
    return res;
  }

  async signIn(email: string, password = 'secmod-demo') {
    const token = await this.csrfToken('/sign-in');
    return this.post('/sign-in', { _csrf: token, email, password });
  }
}
