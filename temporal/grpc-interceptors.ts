// The gRPC interceptors every cubcanvas Connection to Temporal uses: the SDK's own retry interceptor,
// made safe to close under.
//
// The SDK's retry interceptor waits out its back-off in a setTimeout and then opens the next try on
// the channel. Connection.close() does not clear that timer, so a close while a call waits to retry
// (Temporal down, a request that gave up at its deadline, a CLI that exits) lets the timer open a
// call on a closed channel: grpc-js throws "Channel has been shut down" inside the timer, where no
// caller can catch it, and the process dies. The guard below sits under the retry interceptor and
// turns that throw into the call ending as CANCELLED, which the retry interceptor does not retry and
// hands back to whoever still waits for the call.
import { InterceptingCall, Metadata, status, type Interceptor, type InterceptingListener, type StatusObject } from '@grpc/grpc-js';
import { Connection, defaultGrpcRetryOptions, makeGrpcRetryInterceptor, type ConnectionOptions } from '@temporalio/client';

/** grpc-js's message for a call opened on a closed channel (internal-channel.ts, createCall). */
const CHANNEL_SHUT_DOWN = 'Channel has been shut down';

export const CLOSED_CONNECTION_DETAILS = 'the connection to Temporal was closed while the call waited to retry';

function isChannelShutDown(err: unknown): boolean {
  return err instanceof Error && err.message === CHANNEL_SHUT_DOWN;
}

/** A call that ends as CANCELLED as soon as it starts, without touching the closed channel. */
function closedConnectionCall(): InterceptingCall {
  const ended: StatusObject = { code: status.CANCELLED, details: CLOSED_CONNECTION_DETAILS, metadata: new Metadata() };
  let listener: Partial<InterceptingListener> | undefined;
  const end = () => {
    const l = listener;
    listener = undefined;
    l?.onReceiveStatus?.(ended);
  };
  const nowhere = {
    cancelWithStatus: () => undefined,
    getPeer: () => '',
    start: () => undefined,
    sendMessageWithContext: () => undefined,
    sendMessage: () => undefined,
    startRead: () => undefined,
    halfClose: () => undefined,
    getAuthContext: () => null,
  };
  return new InterceptingCall(nowhere, {
    start: (_metadata, l) => {
      listener = l;
      // Asynchronously, as a real call ends: the retry interceptor sends its message after start().
      setImmediate(end);
    },
    sendMessage: () => undefined,
    halfClose: () => undefined,
    cancel: end,
  });
}

/** Opens the call below it, or, on a closed channel, a call that ends as CANCELLED. */
export const closedChannelGuard: Interceptor = (options, nextCall) => {
  try {
    return new InterceptingCall(nextCall(options));
  } catch (err) {
    if (!isChannelShutDown(err)) throw err;
    return closedConnectionCall();
  }
};

/** For ConnectionOptions.interceptors: the SDK's default retries, then the guard. */
export function temporalGrpcInterceptors(): Interceptor[] {
  return [makeGrpcRetryInterceptor(defaultGrpcRetryOptions()), closedChannelGuard];
}

/** Connection.connect with the interceptors above: how every cubcanvas process reaches Temporal. */
export function connectToTemporal(options: ConnectionOptions): Promise<Connection> {
  return Connection.connect({ ...options, interceptors: temporalGrpcInterceptors() });
}
