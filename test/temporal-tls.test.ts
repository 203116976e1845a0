// A Temporal cluster behind TLS with client certificates (mTLS), as production clusters and
// Temporal Cloud are: the worker, the client library and doctor reach the run's dev server through
// a TLS-terminating proxy that refuses any client without a certificate from the test CA, with
// every setting read from the standard TEMPORAL_TLS_* variables.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { connect as netConnect, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer as createTlsServer, type Server as TlsServer, type TLSSocket } from 'node:tls';
import { Connection } from '@temporalio/client';
import { CubcanvasClient } from '../client/cubcanvas-client';
import { runDoctor } from '../cli/doctor';
import { loadConfig } from '../config/settings';
import { ConfigError } from '../domain/errors';
import { createWorker } from '../worker/create-worker';
import { installSdkLogging } from '../worker/logging';
import { testConfig, uniquePrompt } from './support/pipeline';

const dir = mkdtempSync(join(tmpdir(), 'cubcanvas-tls-'));
const file = (name: string) => join(dir, name);
let proxy: TlsServer;
let proxyAddress: string;
/** Common names of the client certificates the proxy accepted. */
const clients = new Set<string>();
let refused = 0;

function openssl(...args: string[]): void {
  execFileSync('openssl', args, { stdio: ['ignore', 'ignore', 'pipe'] });
}

/** A CA, a server certificate for temporal.test and a client certificate, all signed by the CA. */
function makeCertificates(): void {
  openssl('req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '2', '-subj', '/CN=cubcanvas test CA', '-keyout', file('ca.key'), '-out', file('ca.pem'));
  for (const [name, cn, ext] of [
    ['server', 'temporal.test', 'subjectAltName=DNS:temporal.test\nextendedKeyUsage=serverAuth'],
    ['client', 'cubcanvas-worker', 'extendedKeyUsage=clientAuth'],
  ] as const) {
    writeFileSync(file(`${name}.ext`), `${ext}\n`);
    openssl('req', '-newkey', 'rsa:2048', '-nodes', '-subj', `/CN=${cn}`, '-keyout', file(`${name}.key`), '-out', file(`${name}.csr`));
    openssl(
      'x509',
      '-req',
      '-in',
      file(`${name}.csr`),
      '-CA',
      file('ca.pem'),
      '-CAkey',
      file('ca.key'),
      '-CAcreateserial',
      '-days',
      '2',
      '-extfile',
      file(`${name}.ext`),
      '-out',
      file(`${name}.pem`),
    );
  }
}

/** TLS in front, the plaintext gRPC (HTTP/2) of the dev server behind. */
async function startTlsProxy(target: string): Promise<TlsServer> {
  const [host, port] = [target.slice(0, target.lastIndexOf(':')), Number(target.slice(target.lastIndexOf(':') + 1))];
  const server = createTlsServer(
    {
      key: readFileSync(file('server.key')),
      cert: readFileSync(file('server.pem')),
      ca: readFileSync(file('ca.pem')),
      requestCert: true,
      rejectUnauthorized: true,
      ALPNProtocols: ['h2'],
    },
    (socket: TLSSocket) => {
      const cn = (socket.getPeerCertificate() as { subject?: { CN?: string } }).subject?.CN;
      if (cn) clients.add(cn);
      const upstream: Socket = netConnect(port, host);
      socket.pipe(upstream).pipe(socket);
      const end = () => {
        socket.destroy();
        upstream.destroy();
      };
      socket.on('error', end);
      upstream.on('error', end);
    },
  );
  server.on('tlsClientError', () => refused++);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return server;
}

const tlsEnv = () => ({
  TEMPORAL_ADDRESS: proxyAddress,
  TEMPORAL_TLS_SERVER_CA_CERT_PATH: file('ca.pem'),
  TEMPORAL_TLS_SERVER_NAME: 'temporal.test',
  TEMPORAL_TLS_CLIENT_CERT_PATH: file('client.pem'),
  TEMPORAL_TLS_CLIENT_KEY_PATH: file('client.key'),
});

beforeAll(async () => {
  installSdkLogging('ERROR');
  makeCertificates();
  proxy = await startTlsProxy(inject('temporalAddress'));
  proxyAddress = `127.0.0.1:${(proxy.address() as { port: number }).port}`;
});

afterAll(async () => {
  await new Promise<void>((resolve) => proxy?.close(() => resolve()));
});

describe('Temporal over TLS', () => {
  it('a worker and the client library complete a request through mTLS, with every setting from TEMPORAL_TLS_*', async () => {
    const config = testConfig(tlsEnv());
    expect(config.temporalSecurityDescription).toBe('TLS (mTLS)');
    const worker = await createWorker({ config, address: proxyAddress, workflowBundlePath: inject('workflowBundlePath') });
    const client = await CubcanvasClient.connect({
      address: proxyAddress,
      ...config.temporalSecurity,
      namespace: config.namespace,
      taskQueue: config.taskQueue,
      images: worker.deps.store,
    });
    try {
      const result = await client.generate({ prompt: uniquePrompt('otter'), size: 'small' });
      expect(result.status).toBe('completed');
      expect(clients).toContain('cubcanvas-worker');
    } finally {
      await client.close();
      await worker.shutdown();
    }
  }, 60_000);

  it('is refused without the client certificate, and without the CA that signed the server', async () => {
    const { TEMPORAL_TLS_CLIENT_CERT_PATH: _c, TEMPORAL_TLS_CLIENT_KEY_PATH: _k, ...noClientCert } = tlsEnv();
    const before = refused;
    const noCert = loadConfig(noClientCert);
    expect(noCert.temporalSecurityDescription).toBe('TLS');
    await expect(
      Connection.connect({ address: proxyAddress, ...noCert.temporalSecurity, connectTimeout: '3 seconds' }).then((c) => c.workflowService.getSystemInfo({})),
    ).rejects.toThrow();
    expect(refused).toBeGreaterThan(before);

    const { TEMPORAL_TLS_SERVER_CA_CERT_PATH: _ca, ...noCa } = tlsEnv();
    const systemCas = loadConfig(noCa);
    await expect(
      Connection.connect({ address: proxyAddress, ...systemCas.temporalSecurity, connectTimeout: '3 seconds' }).then((c) =>
        c.workflowService.getSystemInfo({}),
      ),
    ).rejects.toThrow();
  }, 30_000);

  it('doctor reaches the cluster over TLS and says so', async () => {
    const results = await runDoctor(loadConfig({ ...tlsEnv(), CUBCANVAS_DATA_DIR: mkdtempSync(join(tmpdir(), 'cubcanvas-tls-doctor-')) }));
    const temporal = results.find((r) => r.name === 'temporal');
    expect(temporal?.ok).toBe(true);
    expect(temporal?.detail).toContain('TLS (mTLS)');
  }, 30_000);

  it('names the setting of a missing certificate file, and never prints key material or an API key', () => {
    expect(() => loadConfig({ ...tlsEnv(), TEMPORAL_TLS_CLIENT_KEY_PATH: file('missing.key') })).toThrow(ConfigError);
    const apiKey = 'tmprl-secret-api-key-0123456789';
    const keyPem = readFileSync(file('client.key'), 'utf8');
    const withKey = loadConfig({ TEMPORAL_ADDRESS: proxyAddress, TEMPORAL_API_KEY: apiKey });
    expect(withKey.temporalSecurity).toMatchObject({ apiKey, tls: true });
    expect(withKey.temporalSecurityDescription).toBe('TLS, API key');
    const out = spawnSync(
      process.execPath,
      [join(__dirname, '..', 'node_modules', 'tsx', 'dist', 'cli.mjs'), join(__dirname, '..', 'cli', 'main.ts'), 'config'],
      {
        env: {
          ...process.env,
          ...tlsEnv(),
          TEMPORAL_TLS_CLIENT_KEY_PATH: '',
          TEMPORAL_TLS_CLIENT_KEY_DATA: keyPem,
          TEMPORAL_API_KEY: apiKey,
          CUBCANVAS_DATA_DIR: dir,
        },
        encoding: 'utf8',
      },
    );
    expect(out.status).toBe(0);
    expect(out.stdout).toContain('TEMPORAL_API_KEY=****6789');
    expect(out.stdout).not.toContain(apiKey);
    expect(out.stdout).not.toContain('PRIVATE KEY');
    expect(out.stdout).not.toContain(keyPem.split('\n')[1]!.slice(0, 20));
    expect(out.stdout).toContain('"temporalSecurityDescription": "TLS (mTLS), API key"');
  }, 30_000);
});
