// One error vocabulary for both surfaces: API answers application/problem+json (RFC 9457)
// with a human `detail` and, for a rule refusal, the SEC `clause`; pages render GOV.UK errors.

export type ProblemStatus = 400 | 401 | 403 | 404 | 405 | 409 | 412 | 413 | 415 | 422 | 429 | 500 | 503;

export const PROBLEM_TITLES: Readonly<Record<ProblemStatus, string>> = {
  400: 'Bad request',
  401: 'Sign in required',
  403: 'Not allowed',
  404: 'Not found',
  405: 'Method not allowed',
  409: 'Conflict',
  412: 'Precondition failed',
  413: 'Request too large',
  415: 'Unsupported media type',
  422: 'Unprocessable request',
  429: 'Too many requests',
  500: 'Something went wrong',
  503: 'Service unavailable',
};

export interface ProblemDetails {
  readonly type: string;
  readonly title: string;
  readonly status: ProblemStatus;
  readonly detail: string;
  readonly clause?: string;
  readonly [extension: string]: unknown;
}

/** Thrown by routes and handlers; the error handler turns it into the right response. */
export class HttpProblem extends Error {
  constructor(
    readonly status: ProblemStatus,
    readonly detail: string,
    readonly extra: { type?: string; clause?: string; title?: string; headers?: Record<string, string>; [k: string]: unknown } = {},
  ) {
    super(detail);
  }

  toProblem(): ProblemDetails {
    const { type, title, headers: _headers, ...rest } = this.extra;
    return { type: type ?? 'about:blank', title: title ?? PROBLEM_TITLES[this.status], status: this.status, detail: this.detail, ...rest };
  }
}

export const isProblemStatus = (n: number): n is ProblemStatus => n in PROBLEM_TITLES;
