// A real Kubernetes control plane on loopback: etcd, kube-apiserver, kube-controller-manager and
// kube-scheduler (built by toolchain/kubernetes.ts), with generated certificates, a token file and
// RBAC. Only the kubelet's part is missing; test/support/k8s/node-agent.ts plays it. One serves a
// whole test run (test/support/global-setup.ts) or `npm run k8s:local`.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createWriteStream, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { Agent, request } from 'node:https';
import { freePort } from '../../../toolchain/free-port';
import { requireKubernetesTools } from '../../../toolchain/kubernetes';

export interface ControlPlane {
  /** https://127.0.0.1:PORT */
  server: string;
  /** PEM of the CA that signed the API server's certificate. */
  caData: string;
  caFile: string;
  /** A bearer token of a member of system:masters. */
  adminToken: string;
  adminKubeconfigPath: string;
  dir: string;
  stop(): Promise<void>;
}

export interface ControlPlaneOptions {
  /** Certificates, etcd data and each process's log go here. */
  dir: string;
  /** Fixed API server port (k8s:local keeps its exports valid); default: a free one. */
  apiPort?: number;
  log?: (line: string) => void;
}

function openssl(dir: string, args: string[]): void {
  const res = spawnSync('openssl', args, { cwd: dir, encoding: 'utf8' });
  if (res.status !== 0) throw new Error(`openssl ${args.join(' ')} failed: ${res.stderr || res.error?.message}`);
}

/** CA, API server certificate (loopback and in-cluster names) and the service-account key pair. */
function makeCertificates(dir: string): void {
  openssl(dir, ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'ca.key', '-out', 'ca.crt', '-days', '30', '-subj', '/CN=cubcanvas-test-ca']);
  writeFileSync(
    join(dir, 'apiserver.ext'),
    'subjectAltName=IP:127.0.0.1,IP:10.0.0.1,DNS:localhost,DNS:kubernetes,DNS:kubernetes.default,DNS:kubernetes.default.svc,DNS:kubernetes.default.svc.cluster.local\nextendedKeyUsage=serverAuth\n',
  );
  openssl(dir, ['req', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'apiserver.key', '-out', 'apiserver.csr', '-subj', '/CN=kube-apiserver']);
  openssl(dir, [
    'x509',
    '-req',
    '-in',
    'apiserver.csr',
    '-CA',
    'ca.crt',
    '-CAkey',
    'ca.key',
    '-CAcreateserial',
    '-out',
    'apiserver.crt',
    '-days',
    '30',
    '-extfile',
    'apiserver.ext',
  ]);
  openssl(dir, ['genrsa', '-out', 'sa.key', '2048']);
  openssl(dir, ['rsa', '-in', 'sa.key', '-pubout', '-out', 'sa.pub']);
}

export function kubeconfigYaml(server: string, caData: string, token: string, namespace = 'default'): string {
  return `apiVersion: v1
kind: Config
clusters:
- name: cubcanvas-test
  cluster:
    server: ${server}
    certificate-authority-data: ${Buffer.from(caData).toString('base64')}
users:
- name: user
  user:
    token: ${token}
contexts:
- name: cubcanvas-test
  context: { cluster: cubcanvas-test, user: user, namespace: ${namespace} }
current-context: cubcanvas-test
`;
}

function launch(name: string, path: string, args: string[], dir: string, children: ChildProcess[]): ChildProcess {
  const logFile = createWriteStream(join(dir, `${name}.log`));
  const child = spawn(path, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout!.pipe(logFile);
  child.stderr!.pipe(logFile);
  children.push(child);
  return child;
}

function tail(dir: string, name: string): string {
  try {
    return readFileSync(join(dir, `${name}.log`), 'utf8')
      .split('\n')
      .slice(-15)
      .join('\n');
  } catch {
    return '(no log)';
  }
}

/** GET a path with a token; the status code, or undefined when nothing answers. */
function probe(url: string, token: string | undefined, ca: string | undefined): Promise<number | undefined> {
  return new Promise((resolve) => {
    // ca undefined: the controller manager and scheduler serve self-signed certificates of their own.
    const agent = ca ? new Agent({ ca }) : new Agent({ rejectUnauthorized: false });
    const req = request(url, { agent, headers: token ? { authorization: `Bearer ${token}` } : {}, timeout: 2000 }, (res) => {
      res.resume();
      resolve(res.statusCode);
    });
    req.on('error', () => resolve(undefined));
    req.on('timeout', () => req.destroy());
    req.end();
  });
}

export async function startControlPlane(opts: ControlPlaneOptions): Promise<ControlPlane> {
  const tools = requireKubernetesTools();
  const log = opts.log ?? (() => undefined);
  const dir = opts.dir;
  mkdirSync(dir, { recursive: true });
  const started = Date.now();
  makeCertificates(dir);
  const adminToken = randomBytes(24).toString('hex');
  // token,user,uid,"groups": the admin is a member of system:masters, so RBAC lets it do anything.
  writeFileSync(join(dir, 'tokens.csv'), `${adminToken},cubcanvas-admin,cubcanvas-admin,"system:masters"\n`);
  const caData = readFileSync(join(dir, 'ca.crt'), 'utf8');
  const [etcdPort, peerPort, apiPort, cmPort, schedPort] = await Promise.all([freePort(), freePort(), opts.apiPort ?? freePort(), freePort(), freePort()]);
  const server = `https://127.0.0.1:${apiPort}`;
  const adminKubeconfigPath = join(dir, 'admin.kubeconfig');
  writeFileSync(adminKubeconfigPath, kubeconfigYaml(server, caData, adminToken));
  const children: ChildProcess[] = [];
  // A parent that dies without stop() (a crashed test run, Ctrl-C on npx) takes its cluster along.
  const killAll = () => children.forEach((c) => c.exitCode === null && c.signalCode === null && c.kill('SIGKILL'));
  process.once('exit', killAll);
  const stop = async () => {
    process.removeListener('exit', killAll);
    for (const c of [...children].reverse()) if (c.exitCode === null) c.kill('SIGTERM');
    await Promise.all(
      children.map(
        (c) =>
          new Promise<void>((done) => {
            if (c.exitCode !== null || c.signalCode !== null) return done();
            // The API server drains for a while on SIGTERM; nothing here needs that.
            const force = setTimeout(() => c.kill('SIGKILL'), 2000);
            c.once('exit', () => {
              clearTimeout(force);
              done();
            });
          }),
      ),
    );
  };
  try {
    launch(
      'etcd',
      tools.etcd,
      [
        '--name=default',
        `--data-dir=${join(dir, 'etcd')}`,
        `--listen-client-urls=http://127.0.0.1:${etcdPort}`,
        `--advertise-client-urls=http://127.0.0.1:${etcdPort}`,
        `--listen-peer-urls=http://127.0.0.1:${peerPort}`,
        `--initial-advertise-peer-urls=http://127.0.0.1:${peerPort}`,
        `--initial-cluster=default=http://127.0.0.1:${peerPort}`,
        // Test data: losing it on a crash is fine, waiting for the disk on every write is not.
        '--unsafe-no-fsync',
        // Old versions are compacted away within seconds (the API server's default is every 5 min),
        // so a watch from a stale resourceVersion gets the 410 Gone that long-lived clusters give.
        '--auto-compaction-mode=periodic',
        '--auto-compaction-retention=5s',
        '--log-level=warn',
      ],
      dir,
      children,
    );
    const apiserver = launch(
      'kube-apiserver',
      tools.apiserver,
      [
        `--etcd-servers=http://127.0.0.1:${etcdPort}`,
        `--secure-port=${apiPort}`,
        '--bind-address=127.0.0.1',
        '--advertise-address=127.0.0.1',
        `--cert-dir=${join(dir, 'apiserver-certs')}`,
        `--tls-cert-file=${join(dir, 'apiserver.crt')}`,
        `--tls-private-key-file=${join(dir, 'apiserver.key')}`,
        `--client-ca-file=${join(dir, 'ca.crt')}`,
        `--token-auth-file=${join(dir, 'tokens.csv')}`,
        `--service-account-key-file=${join(dir, 'sa.pub')}`,
        `--service-account-signing-key-file=${join(dir, 'sa.key')}`,
        '--service-account-issuer=https://kubernetes.default.svc.cluster.local',
        '--service-cluster-ip-range=10.0.0.0/24',
        '--authorization-mode=RBAC',
        // Loopback only: no endpoints object for the kubernetes Service to reconcile.
        '--endpoint-reconciler-type=none',
        // Jobs are watched straight from etcd, whose compaction (above) makes a stale
        // resourceVersion answer 410 Gone as a long-lived cluster does; the watch cache would
        // otherwise serve any version since start-up within a short test run.
        '--watch-cache-sizes=jobs.batch#0',
        '--v=0',
      ],
      dir,
      children,
    );
    const deadline = Date.now() + 60_000;
    for (;;) {
      if (apiserver.exitCode !== null)
        throw new Error(`kube-apiserver exited with ${apiserver.exitCode}:\n${tail(dir, 'kube-apiserver')}\netcd:\n${tail(dir, 'etcd')}`);
      if ((await probe(`${server}/readyz`, adminToken, caData)) === 200) break;
      if (Date.now() > deadline) throw new Error(`kube-apiserver not ready within 60 s:\n${tail(dir, 'kube-apiserver')}`);
      await sleep(200);
    }
    log(`kube-apiserver ready at ${server} after ${Date.now() - started} ms`);
    launch(
      'kube-controller-manager',
      tools.controllerManager,
      [
        `--kubeconfig=${adminKubeconfigPath}`,
        '--leader-elect=false',
        '--bind-address=127.0.0.1',
        `--secure-port=${cmPort}`,
        `--service-account-private-key-file=${join(dir, 'sa.key')}`,
        `--root-ca-file=${join(dir, 'ca.crt')}`,
        '--use-service-account-credentials=false',
        '--v=0',
      ],
      dir,
      children,
    );
    launch(
      'kube-scheduler',
      tools.scheduler,
      [`--kubeconfig=${adminKubeconfigPath}`, '--leader-elect=false', '--bind-address=127.0.0.1', `--secure-port=${schedPort}`, '--v=0'],
      dir,
      children,
    );
    // Both serve /healthz once their informers run: the first Job must not wait on a cold controller.
    for (const [name, port] of [
      ['kube-controller-manager', cmPort],
      ['kube-scheduler', schedPort],
    ] as const) {
      for (;;) {
        if ((await probe(`https://127.0.0.1:${port}/healthz`, undefined, undefined)) !== undefined) break;
        if (Date.now() > deadline) throw new Error(`${name} did not come up within 60 s:\n${tail(dir, name)}`);
        await sleep(200);
      }
    }
    log(`control plane up in ${Date.now() - started} ms (logs in ${dir})`);
  } catch (err) {
    await stop();
    throw err;
  }
  return { server, caData, caFile: join(dir, 'ca.crt'), adminToken, adminKubeconfigPath, dir, stop };
}
