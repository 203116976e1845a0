// Run as a process by test/temporal-grpc-interceptors.test.ts: closes a Connection while a call to
// a port nobody listens on waits out the SDK's retry back-off, then prints how the call ended. With
// `sdk-default` it uses the SDK's own interceptors, to show the failure the guard exists for.
import { Connection } from '@temporalio/client';
import { temporalGrpcInterceptors } from '../../../temporal/grpc-interceptors';

async function main(): Promise<void> {
  const sdkDefault = process.argv[2] === 'sdk-default';
  const connection = Connection.lazy({ address: '127.0.0.1:1', ...(sdkDefault ? {} : { interceptors: temporalGrpcInterceptors() }) });
  const call = connection.workflowService.getSystemInfo({}).then(
    () => 'answered',
    (err: { code?: number; details?: string }) => `ended: code ${err.code} ${err.details}`,
  );
  // Each try is refused at once, so after a second the call is almost surely in a back-off wait.
  await new Promise((resolve) => setTimeout(resolve, 1_000));
  await connection.close();
  console.log(await call);
}

void main();
