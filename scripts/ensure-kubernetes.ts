// Builds the Kubernetes control plane into .tools/ (only `npm test` and `npm run k8s:local` need
// it; `npm run demo` does not wait for it). See toolchain/kubernetes.ts.
import { ensureKubernetesTools, KUBERNETES_VERSION, ETCD_VERSION } from '../toolchain/kubernetes';

const log = (line: string) => console.error(`setup: ${line}`);
ensureKubernetesTools(log)
  .then((tools) => log(`kubernetes ${KUBERNETES_VERSION} and etcd ${ETCD_VERSION}: ${tools.apiserver.replace(/\/[^/]+$/, '')}`))
  .catch((err: unknown) => {
    log((err as Error).message);
    process.exit(1);
  });
