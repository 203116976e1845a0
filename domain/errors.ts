// The error contract (see README "Errors"): every failure a caller or workflow may act on has a
// stable `type`. Activities throw these at their boundary; activities/boundary.ts turns them into
// Temporal ApplicationFailures of the same type, retryable or not as declared here.

export const ErrorType = {
  InvalidRequest: 'InvalidRequest',
  UnsafePrompt: 'UnsafePrompt',
  ImageQualityFailed: 'ImageQualityFailed',
  /** Every try's picture was judged unsafe for children (or failed validation otherwise, at least one unsafe): not published, not retried. */
  UnsafeImage: 'UnsafeImage',
  /** The guard model that checks pictures gave no verdict: retried, never published unchecked. */
  ModerationUnavailable: 'ModerationUnavailable',
  RenderFailed: 'RenderFailed',
  RenderUnavailable: 'RenderUnavailable',
  /** The GPU work ran past its deadline (a Job's activeDeadlineSeconds): not retried, it bounds the cost. */
  RenderTimedOut: 'RenderTimedOut',
  /** A shared render whose every waiting request was cancelled; a late waiter starts it anew. */
  RenderAbandoned: 'RenderAbandoned',
  /** An operator cancelled the shared render itself: the requests waiting for it fail. */
  RenderCancelled: 'RenderCancelled',
  StorageUnavailable: 'StorageUnavailable',
  StorageMisconfigured: 'StorageMisconfigured',
  BlobNotFound: 'BlobNotFound',
  ImageUndecodable: 'ImageUndecodable',
  /** A payload cubcanvas reads back (stored JSON, heartbeat or failure details) is not the shape it wrote: not retried, reading it again gives the same bytes. */
  PayloadInvalid: 'PayloadInvalid',
  Config: 'ConfigError',
} as const;
export type ErrorTypeName = (typeof ErrorType)[keyof typeof ErrorType];

export class CubcanvasError extends Error {
  /** GPU time the failed operation used before failing (render errors): paid for all the same. */
  usage?: GpuUsage;

  constructor(
    readonly type: ErrorTypeName,
    message: string,
    readonly retryable: boolean,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = type;
  }
}

export class InvalidRequestError extends CubcanvasError {
  constructor(readonly problems: string[]) {
    super(ErrorType.InvalidRequest, `invalid request: ${problems.join('; ')}`, false, { problems });
  }
}

/** A failure of the render backend that will not go away by trying again (bad graph, missing model). */
export class RenderFailedError extends CubcanvasError {
  constructor(message: string, details?: unknown) {
    super(ErrorType.RenderFailed, message, false, details);
  }
}

/** A render failure that may succeed later (GPU preempted, API timeout, node not ready). */
export class RenderUnavailableError extends CubcanvasError {
  constructor(message: string, details?: unknown) {
    super(ErrorType.RenderUnavailable, message, true, details);
  }
}

/**
 * The picture guard model is down, slow or answered garbage. Retryable (the validation step waits
 * for it, as for a storage outage): a new seed would not help, and an unchecked picture is never
 * published.
 */
export class ModerationUnavailableError extends CubcanvasError {
  constructor(message: string) {
    super(ErrorType.ModerationUnavailable, message, true);
  }
}

/** GPU work that ran past its deadline; retrying would pay for the same overrun again. */
export class RenderTimedOutError extends CubcanvasError {
  constructor(message: string, details?: unknown) {
    super(ErrorType.RenderTimedOut, message, false, details);
  }
}

/** GPU time a render used before it was stopped on request; it is paid for all the same. */
export interface GpuUsage {
  gpuSeconds: number;
  gpuType: string;
}

/**
 * Thrown by a backend whose render was stopped through its abort signal after it had used the GPU.
 * Not a failure type of its own: the activity reports a cancellation carrying the usage.
 */
export class RenderStoppedError extends Error {
  constructor(
    message: string,
    readonly usage: GpuUsage,
  ) {
    super(message);
    this.name = 'RenderStoppedError';
  }
}

export class StorageUnavailableError extends CubcanvasError {
  constructor(message: string, details?: unknown) {
    super(ErrorType.StorageUnavailable, message, true, details);
  }
}

export class StorageMisconfiguredError extends CubcanvasError {
  constructor(message: string, details?: unknown) {
    super(ErrorType.StorageMisconfigured, message, false, details);
  }
}

export class BlobNotFoundError extends CubcanvasError {
  constructor(readonly key: string) {
    super(ErrorType.BlobNotFound, `no object at key "${key}"`, false, { key });
  }
}

export class ImageUndecodableError extends CubcanvasError {
  constructor(message: string) {
    super(ErrorType.ImageUndecodable, message, false);
  }
}

/** A payload of the wrong shape (domain/payload-schemas.ts parsePayload): `what` names it, the message says what is wrong. */
export class PayloadInvalidError extends CubcanvasError {
  constructor(
    readonly what: string,
    problem: string,
  ) {
    super(ErrorType.PayloadInvalid, `${what}: ${problem}`, false, { payload: what });
  }
}

export class ConfigError extends CubcanvasError {
  constructor(
    readonly setting: string,
    problem: string,
  ) {
    super(ErrorType.Config, `configuration ${setting}: ${problem}`, false, { setting });
  }
}
