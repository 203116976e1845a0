// Settings of the development tools (local servers, the Node matrix, benchmarks): not read by the
// product, documented all the same (README "Development settings").
import type { SettingDoc } from './parse';

export const DEV_SETTINGS: SettingDoc[] = [
  { name: 'CUBCANVAS_LOCAL_S3_PORT', default: '8333', meaning: 'S3 port of `npm run s3:local`, fixed so that the printed exports stay valid across restarts.' },
  { name: 'CUBCANVAS_LOCAL_K8S_PORT', default: '6443', meaning: 'API server port of `npm run k8s:local`.' },
  {
    name: 'CUBCANVAS_NODE22_PATH',
    default: '(unset)',
    meaning: 'A Node 22 for `npm run test:node-versions` instead of the pinned PyPI build in .tools/node22.',
  },
  {
    name: 'CUBCANVAS_NODE24_PATH',
    default: '(unset)',
    meaning: 'A Node 24 for `npm run test:node-versions` instead of the pinned PyPI build in .tools/node24.',
  },
  {
    name: 'CUBCANVAS_CHROMIUM_PATH',
    default: '(unset)',
    meaning: "A Chromium or Chrome for the web page's browser tests instead of Debian's /usr/bin/chromium, installed by npm test's setup when missing.",
  },
  {
    name: 'CUBCANVAS_UPDATE_SCREENSHOTS',
    default: '(unset)',
    meaning:
      "`1`: the web page's browser tests write their screenshots over `docs/web-page.png` and `docs/web-page-phone.png`; unset, into a temporary folder, so a test run changes no tracked file.",
  },
  { name: 'BENCH_REQUESTS', default: '40', meaning: '`npm run bench`: sequential requests for the latency figures.' },
  { name: 'BENCH_THROUGHPUT', default: '80', meaning: '`npm run bench`: requests for the throughput figure.' },
  { name: 'BENCH_CONCURRENCY', default: '8', meaning: '`npm run bench`: requests in flight during the throughput run.' },
  { name: 'BENCH_K8S_REQUESTS', default: '12', meaning: '`npm run bench`: requests rendered through Kubernetes Jobs.' },
  { name: 'BENCH_MEMORY_REQUESTS', default: '300', meaning: '`npm run bench:memory`: requests served by the measured worker process.' },
  { name: 'BENCH_BATCH_ITEMS', default: '10000', meaning: '`npm run bench:batch`: manifest size.' },
  { name: 'BENCH_GROUP_SIZE', default: '10', meaning: '`npm run bench:batch`: misses per render group.' },
  { name: 'BENCH_TIME_SCALE', default: '5', meaning: "`npm run bench:economics`: the article's times are divided by this, the figures scaled back." },
];
