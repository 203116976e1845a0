// The Kubernetes control plane the tests and `npm run k8s:local` run: kube-apiserver,
// kube-controller-manager, kube-scheduler and kubectl v1.37.2, and etcd 3.6.16, built from the Go
// module proxy (release downloads are out of reach here) by the wrapper modules beside this file,
// into the ignored .tools/ folder. Measured on 2 cores: ~6 min cold (Go keeps ~4 GB of build
// cache in ~/.cache/go-build), under 2 s when only the binaries are missing and the cache is warm.
import { spawn } from 'node:child_process';
import { mkdirSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import { isExecutable, projectRoot, toolsDir } from './pypi-binary';

export const KUBERNETES_VERSION = 'v1.37.2';
export const ETCD_VERSION = 'v3.6.16';

export interface KubernetesTools {
  apiserver: string;
  controllerManager: string;
  scheduler: string;
  kubectl: string;
  etcd: string;
}

interface GoBuild {
  /** Folder under .tools/. */
  folder: string;
  /** The wrapper module under toolchain/kubernetes/. */
  module: string;
  packages: Record<string, string>;
  ldflags: string;
}

const K8S_LDFLAGS = [
  '-s -w',
  `-X k8s.io/component-base/version.gitVersion=${KUBERNETES_VERSION}`,
  '-X k8s.io/component-base/version.gitMajor=1',
  '-X k8s.io/component-base/version.gitMinor=37',
  '-X k8s.io/component-base/version.gitTreeState=clean',
  `-X k8s.io/client-go/pkg/version.gitVersion=${KUBERNETES_VERSION}`,
].join(' ');

const BUILDS: GoBuild[] = [
  {
    folder: `kubernetes-${KUBERNETES_VERSION}`,
    module: 'control-plane',
    packages: {
      'kube-apiserver': 'k8s.io/kubernetes/cmd/kube-apiserver',
      'kube-controller-manager': 'k8s.io/kubernetes/cmd/kube-controller-manager',
      'kube-scheduler': 'k8s.io/kubernetes/cmd/kube-scheduler',
      kubectl: 'k8s.io/kubernetes/cmd/kubectl',
    },
    ldflags: K8S_LDFLAGS,
  },
  { folder: `etcd-${ETCD_VERSION}`, module: 'etcd', packages: { etcd: 'go.etcd.io/etcd/server/v3' }, ldflags: '-s -w' },
];

const binary = (build: GoBuild, name: string) => join(toolsDir, build.folder, name);

export function kubernetesToolPaths(): KubernetesTools {
  const [k8s, etcd] = BUILDS as [GoBuild, GoBuild];
  return {
    apiserver: binary(k8s, 'kube-apiserver'),
    controllerManager: binary(k8s, 'kube-controller-manager'),
    scheduler: binary(k8s, 'kube-scheduler'),
    kubectl: binary(k8s, 'kubectl'),
    etcd: binary(etcd, 'etcd'),
  };
}

export function kubernetesToolsPresent(): boolean {
  return Object.values(kubernetesToolPaths()).every(isExecutable);
}

/** The built control plane, or a message saying how to build it. */
export function requireKubernetesTools(): KubernetesTools {
  const paths = kubernetesToolPaths();
  const missing = Object.entries(paths).filter(([, p]) => !isExecutable(p));
  if (missing.length)
    throw new Error(
      `Kubernetes tools missing (${missing.map(([n]) => n).join(', ')}): run "node scripts/setup.mjs --kubernetes" (npm test and npm run k8s:local run it) to build them into .tools/`,
    );
  return paths;
}

/**
 * Builds what is missing, printing progress (packages compiled so far) while the Go compiler runs:
 * a cold build is minutes of silence otherwise.
 */
export async function ensureKubernetesTools(log: (line: string) => void): Promise<KubernetesTools> {
  for (const build of BUILDS) {
    const missing = Object.keys(build.packages).filter((name) => !isExecutable(binary(build, name)));
    if (missing.length === 0) continue;
    await goBuild(build, missing, log);
  }
  return requireKubernetesTools();
}

async function goBuild(build: GoBuild, names: string[], log: (line: string) => void): Promise<void> {
  const out = join(toolsDir, build.folder);
  const staging = join(out, '.partial');
  mkdirSync(staging, { recursive: true });
  const started = Date.now();
  log(`building ${names.join(', ')} from the Go module proxy into ${out} (first time: several minutes; later runs reuse it)…`);
  let compiled = 0;
  let lastPackage = '';
  // One package: an explicit file name (Go would name go.etcd.io/etcd/server/v3 "server").
  const target = names.length === 1 ? join(staging, names[0]!) : staging + '/';
  const child = spawn('go', ['build', '-v', '-trimpath', '-ldflags', build.ldflags, '-o', target, ...names.map((n) => build.packages[n]!)], {
    cwd: join(projectRoot, 'toolchain', 'kubernetes', build.module),
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderrTail = '';
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
    // -v names each package as it is compiled: a count is the only progress Go gives.
    for (const line of chunk.split('\n')) {
      if (!line.trim()) continue;
      if (/^[\w.-]+(\/[\w.~-]+)*$/.test(line.trim())) {
        compiled++;
        lastPackage = line.trim();
      } else stderrTail = (stderrTail + line + '\n').slice(-4000);
    }
  });
  const timer = setInterval(
    () => log(`  …${Math.round((Date.now() - started) / 1000)} s, ${compiled} packages compiled (last: ${lastPackage || 'resolving modules'})`),
    15_000,
  );
  const code = await new Promise<number | null>((done, fail) => {
    child.once('error', (err) => fail(new Error(`go build could not start (${err.message}): Go 1.26 must be on PATH`)));
    child.once('exit', (c) => done(c));
  }).finally(() => clearInterval(timer));
  if (code !== 0) throw new Error(`go build of ${names.join(', ')} failed (exit ${code}):\n${stderrTail}`);
  // Moved into place only once whole: an interrupted build never leaves a half-written binary.
  for (const name of names) renameSync(join(staging, name), binary(build, name));
  log(`built ${names.join(', ')} in ${Math.round((Date.now() - started) / 1000)} s`);
}
