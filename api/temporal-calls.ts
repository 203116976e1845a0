// Calls to Temporal from a request handler: bounded by a deadline, and an unreachable server
// turned into 503 TemporalUnavailable rather than a hanging request or a 500.
import { isGrpcDeadlineError, isGrpcServiceError, type Client } from '@temporalio/client';
import { ApiProblem, ApiProblemType } from './problems';

// gRPC status codes (fixed by the gRPC spec; @grpc/grpc-js is only a dependency of the SDK).
const GrpcStatus = { DEADLINE_EXCEEDED: 4, UNAVAILABLE: 14 } as const;

/**
 * How long one handler may wait for Temporal. The SDK retries UNAVAILABLE with back-off on its
 * own; the deadline ends that so a caller hears 503 in seconds, not after the SDK gives up.
 */
export const TEMPORAL_DEADLINE_MS = 5_000;

/** True for errors that say the server cannot be reached (as opposed to an answer we did not like). */
export function isTemporalUnreachable(err: unknown): boolean {
  for (let e: unknown = err, depth = 0; e && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    if (isGrpcDeadlineError(e)) return true;
    if (isGrpcServiceError(e) && (e.code === GrpcStatus.UNAVAILABLE || e.code === GrpcStatus.DEADLINE_EXCEEDED)) return true;
    const code = (e as { code?: unknown }).code;
    if (code === GrpcStatus.UNAVAILABLE || code === GrpcStatus.DEADLINE_EXCEEDED) return true;
    if (e instanceof Error && /TransportError|ConnectionError/.test(e.name)) return true;
  }
  return false;
}

export async function callTemporal<T>(temporal: Client, run: () => Promise<T>, deadlineMs = TEMPORAL_DEADLINE_MS): Promise<T> {
  try {
    return await temporal.withDeadline(Date.now() + deadlineMs, run);
  } catch (err) {
    if (isTemporalUnreachable(err))
      throw new ApiProblem(503, ApiProblemType.TemporalUnavailable, 'the Temporal server cannot be reached; try again later', {
        headers: { 'retry-after': '5' },
      });
    throw err;
  }
}
