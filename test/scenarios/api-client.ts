// A small client for scenario tests: the demo cast acting through the JSON API.
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll } from 'vitest';
import { bearerFor, startTestApp, type TestApp } from '../support/test-app.ts';

export class ApiCast {
  private tokens = new Map<string, string>();
  /** The app, or a function giving it once a beforeAll has started it. */
  constructor(private readonly appOrGetter: FastifyInstance | (() => FastifyInstance)) {}

  private get app(): FastifyInstance {
    return typeof this.appOrGetter === 'function' ? this.appOrGetter() : this.appOrGetter;
  }

  private async auth(email: string): Promise<string> {
    let t = this.tokens.get(email);
    if (!t) {
      t = await bearerFor(this.app, email);
      this.tokens.set(email, t);
    }
    return t;
  }

  async raw(email: string, method: 'GET' | 'POST' | 'PUT', url: string, body?: unknown, headers: Record<string, string> = {}) {
    const res = await this.app.inject({ method, url, headers: { authorization: await this.auth(email), ...headers }, ...(body !== undefined ? { payload: body as object } : {}) });
    return { status: res.statusCode, body: res.json() as Record<string, unknown> & { detail?: string; clause?: string }, headers: res.headers };
  }

  /** Runs a command that must succeed; fails the test with the refusal otherwise. */
  async act(email: string, reference: string, command: string, payload: Record<string, unknown> = {}, extra: Record<string, unknown> = {}) {
    const res = await this.raw(email, 'POST', `/api/v1/modifications/${reference}/actions/${command}`, { payload, ...extra });
    if (res.status !== 200) throw new Error(`${command} by ${email} on ${reference}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body as { reference: string; state: { id: string; name: string }; streamVersion: number };
  }

  async raise(email: string, payload: Record<string, unknown>) {
    const res = await this.raw(email, 'POST', '/api/v1/draft-proposals', { payload });
    if (res.status !== 201) throw new Error(`create-draft-proposal by ${email}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body as { reference: string; state: { id: string } };
  }

  async get(email: string, reference: string) {
    return (await this.raw(email, 'GET', `/api/v1/modifications/${reference}`)).body;
  }

  async setClock(instant: string) {
    const res = await this.raw('admin@secmod.example', 'PUT', '/api/v1/admin/clock', { instant });
    if (res.status !== 200) throw new Error(`clock: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body as { timersFired: { number: number; timer: string }[] };
  }
}

export const CHANGE_BOARD = ['cb@large-supplier.example', 'cb@small-supplier.example', 'cb@elec-network.example', 'cb@gas-network.example', 'cb@other-party.example', 'consumer@citizens-advice.example'];

export const DRAFT = {
  title: 'Clarify the meter exchange notification window',
  problemStatement: 'Suppliers read the notification window in H4 differently, causing failed exchanges.',
  affectedProvisions: ['H4.12'],
  submissionBasis: 'voluntary',
  iprAccepted: true,
};

/** A screening that flags nothing (F1.6, G7.19, L1.18, C2.3(l)(i) all unlikely). */
export const SCREENING = { outcome: 'complete', tabasc: 'unlikely', sscSoaa: 'unlikely', sscMaterialSecurity: 'unlikely', smkiPma: 'unlikely', crossCode: 'none' };

/**
 * A test file's app and its API cast: the app is started before the file's tests and closed
 * after them; `t` is the started app (an error before beforeAll has run).
 */
export function appSuite(env: Record<string, string> = {}): { readonly t: TestApp; readonly api: ApiCast } {
  let started: TestApp | undefined;
  const t = (): TestApp => {
    if (!started) throw new Error('the test app is not started yet');
    return started;
  };
  beforeAll(async () => {
    started = await startTestApp(env);
  });
  afterAll(async () => started?.close());
  return {
    get t() {
      return t();
    },
    api: new ApiCast(() => t().app),
  };
}

/** A scenario file's app on the manual clock, started before its tests and closed after. */
export function scenarioApi(startAt: string): ApiCast {
  const { api } = appSuite({ SECMOD_CLOCK: 'manual' });
  beforeAll(async () => api.setClock(startAt));
  return api;
}
