// Builds the Go tools only the tests and `npm run k8s:local` need (not `npm run demo`): the
// Kubernetes control plane (toolchain/kubernetes.ts) and, with --actionlint (npm test), the workflow
// linter and the Chromium the web page's browser tests drive.
import { ensureActionlint } from '../toolchain/actionlint';
import { ensureChromium } from '../toolchain/chromium';
import { ensureKubernetesTools, KUBERNETES_VERSION, ETCD_VERSION } from '../toolchain/kubernetes';

const log = (line: string) => console.error(`setup: ${line}`);
ensureKubernetesTools(log)
  .then((tools) => {
    log(`kubernetes ${KUBERNETES_VERSION} and etcd ${ETCD_VERSION}: ${tools.apiserver.replace(/\/[^/]+$/, '')}`);
    if (process.argv.includes('--actionlint')) {
      log(`actionlint: ${ensureActionlint(log)}`);
      log(`chromium: ${ensureChromium(log)}`);
    }
  })
  .catch((err: unknown) => {
    log((err as Error).message);
    process.exit(1);
  });
