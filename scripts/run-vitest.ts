// The whole suite, once, with one narrow second chance. Vitest 4's forks pool now and then reports
// "Worker exited unexpectedly" after every file and every test has passed (a test process dying in
// its file's teardown; vitest-dev/vitest#10079 and others upstream, seen here once in ~60 CI runs,
// on Node 24). That run lost no result, yet it fails CI and costs a whole submission. So when the
// only errors of a run are such exits and the summary shows nothing failed, the suite runs again
// from the start, once, and that second run decides. Anything else (a failed test, a failed file,
// any other error) fails at once. test/support/test-process-exit.ts names the file whose process
// died, so the cause can be chased.
//
// `tsx scripts/run-vitest.ts [node]`: the suite on the given Node executable (default: this one).
import { spawn } from 'node:child_process';
import { delimiter, dirname, join } from 'node:path';
import { projectRoot } from '../toolchain/pypi-binary';

// How vitest's summary names a dead test process; counted only in this form, so that a test that
// merely mentions the words is not taken for one.
const WORKER_EXIT = 'Caused by: Error: Worker exited unexpectedly';
const log = (line: string) => console.error(`run-vitest: ${line}`);

// eslint-disable-next-line no-control-regex -- the escape character is the point
const plain = (text: string) => text.replace(/\x1b\[[0-9;]*m/g, '');
/** The last line starting with `label` (vitest's summary comes last), after the label. */
const lastSummary = (text: string, label: string) => [...text.matchAll(new RegExp(`^\\s*${label}\\s+(.*)$`, 'gm'))].at(-1)?.[1]?.trim();

/** Why a failed run's output allows one more run, or undefined when it does not. */
export function onlyWorkerExits(output: string): string | undefined {
  const text = plain(output);
  const files = lastSummary(text, 'Test Files');
  const tests = lastSummary(text, 'Tests');
  const errors = /^(\d+) errors?$/.exec(lastSummary(text, 'Errors') ?? '')?.[1];
  if (!files || !tests || !errors) return undefined;
  if (/failed/.test(files) || /failed/.test(tests)) return undefined;
  const exits = text.split(WORKER_EXIT).length - 1;
  if (exits === 0 || exits !== Number(errors)) return undefined;
  return `nothing failed (Test Files ${files}; Tests ${tests}) but ${exits} test process(es) died (vitest: worker exited unexpectedly)`;
}

export interface VitestRun {
  /** The Node executable; it goes first on PATH, so the processes the tests start use it too. */
  node?: string;
  /** More arguments after `vitest run` (another config, a filter). */
  args?: string[];
  env?: NodeJS.ProcessEnv;
  /** Whether vitest's output is passed through (default true). */
  echo?: boolean;
}

function runOnce({ node = process.execPath, args = [], env = process.env, echo = true }: VitestRun): Promise<{ code: number; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(node, [join(projectRoot, 'node_modules', 'vitest', 'vitest.mjs'), 'run', ...args], {
      cwd: projectRoot,
      stdio: ['inherit', 'pipe', 'pipe'],
      env: { ...env, PATH: `${dirname(node)}${delimiter}${env.PATH ?? ''}` },
    });
    // The summary and the unhandled errors are at the end; the last 256 KB hold them.
    let output = '';
    const keep = (chunk: Buffer) => {
      output = (output + chunk.toString('utf8')).slice(-262_144);
    };
    child.stdout.on('data', (d: Buffer) => (echo && process.stdout.write(d), keep(d)));
    child.stderr.on('data', (d: Buffer) => (echo && process.stderr.write(d), keep(d)));
    child.on('error', reject);
    child.on('close', (code, sig) => resolve({ code: code ?? (sig ? 1 : 0), output }));
  });
}

/** Runs the suite; resolves to its exit code after at most one second run. */
export async function runVitest(run: VitestRun = {}): Promise<number> {
  const first = await runOnce(run);
  if (first.code === 0) return 0;
  const why = onlyWorkerExits(first.output);
  if (!why) return first.code;
  log(`${why}; running the whole suite once more, and that run decides`);
  const second = await runOnce(run);
  log(second.code === 0 ? 'the second run passed' : `the second run failed too (exit ${second.code})`);
  return second.code;
}

if (require.main === module) {
  runVitest({ node: process.argv[2] }).then(
    (code) => (process.exitCode = code),
    (err: unknown) => {
      log(`could not start vitest: ${err instanceof Error ? err.message : String(err)}`);
      process.exitCode = 1;
    },
  );
}
