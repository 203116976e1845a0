// npm run s3:local — a local SeaweedFS S3 server for trying cubcanvas on S3 without a cloud
// account. Prints the settings to export, stays up until Ctrl-C. Data in .cubcanvas/seaweedfs,
// S3 on port CUBCANVAS_LOCAL_S3_PORT (default 8333), so the exports stay valid across restarts.
import { resolve } from 'node:path';
import { quietKnownWarnings } from '../config/node-warnings';
import { startSeaweed } from '../toolchain/seaweedfs';

async function main(): Promise<void> {
  quietKnownWarnings();
  const dir = resolve(process.env.CUBCANVAS_DATA_DIR ?? '.cubcanvas', 'seaweedfs');
  const bucket = 'cubcanvas';
  const s3Port = Number(process.env.CUBCANVAS_LOCAL_S3_PORT ?? 8333);
  if (!Number.isInteger(s3Port) || s3Port < 1 || s3Port > 65535)
    throw new Error(`CUBCANVAS_LOCAL_S3_PORT: "${process.env.CUBCANVAS_LOCAL_S3_PORT}" is not a port`);
  const server = await startSeaweed({ dir, s3Port, accessKeyId: 'cubcanvas-local', secretAccessKey: 'cubcanvas-local-secret', buckets: [bucket] });
  console.log(`# SeaweedFS S3 at ${server.endpoint} (data in ${dir}). In another shell:
export CUBCANVAS_STORAGE=s3
export CUBCANVAS_S3_BUCKET=${bucket}
export CUBCANVAS_S3_ENDPOINT=${server.endpoint}
export CUBCANVAS_S3_FORCE_PATH_STYLE=true
export AWS_REGION=us-east-1
export AWS_ACCESS_KEY_ID=${server.accessKeyId}
export AWS_SECRET_ACCESS_KEY=${server.secretAccessKey}
# then: npm run demo   (prints a presigned URL)     Ctrl-C here stops the server.`);
  await new Promise<void>((done) => {
    process.once('SIGINT', done);
    process.once('SIGTERM', done);
  });
  await server.stop();
}

main().catch((err: unknown) => {
  console.error(`s3:local: ${(err as Error).message}`);
  process.exit(1);
});
