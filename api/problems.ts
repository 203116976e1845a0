// RFC 9457 problem details: every error response of the API is application/problem+json with a
// `type` that names the failure. The names are the error contract's (domain/errors.ts ErrorType)
// plus the API's own; the URI is `urn:cubcanvas:problem:<Name>`, stable, not a web page.
import { ErrorType } from '../domain/errors';

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';
const TYPE_PREFIX = 'urn:cubcanvas:problem:';

/** The API's own problem names, beside the error contract's (InvalidRequest, UnsafePrompt, …). */
export const ApiProblemType = {
  MalformedBody: 'MalformedBody',
  Unauthorized: 'Unauthorized',
  Forbidden: 'Forbidden',
  NotFound: 'NotFound',
  NotFinished: 'NotFinished',
  AlreadyFinished: 'AlreadyFinished',
  IdempotencyKeyMismatch: 'IdempotencyKeyMismatch',
  PayloadTooLarge: 'PayloadTooLarge',
  UnsupportedMediaType: 'UnsupportedMediaType',
  RateLimited: 'RateLimited',
  QuotaExceeded: 'QuotaExceeded',
  Overloaded: 'Overloaded',
  TemporalUnavailable: 'TemporalUnavailable',
  Internal: 'Internal',
} as const;

export type ProblemName = (typeof ApiProblemType)[keyof typeof ApiProblemType] | (typeof ErrorType)[keyof typeof ErrorType];

export const problemTypeUri = (name: string) => `${TYPE_PREFIX}${name}`;

const TITLES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  409: 'Conflict',
  413: 'Content Too Large',
  415: 'Unsupported Media Type',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

export interface ProblemBody {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance: string;
  /** Every problem of a 400, so a caller can fix them all at once. */
  problems?: string[];
}

/** Thrown by routes and hooks; the error handler writes it as problem+json. */
export class ApiProblem extends Error {
  constructor(
    readonly status: number,
    readonly problemType: ProblemName,
    detail: string,
    readonly extra: { problems?: string[]; headers?: Record<string, string> } = {},
  ) {
    super(detail);
    this.name = 'ApiProblem';
  }

  body(instance: string): ProblemBody {
    return {
      type: problemTypeUri(this.problemType),
      title: TITLES[this.status] ?? 'Error',
      status: this.status,
      detail: this.message,
      instance,
      ...(this.extra.problems ? { problems: this.extra.problems } : {}),
    };
  }
}
