// A container's process for the node agent: spawned without a shell in a process group of its
// own (a container's processes all die with it), stdout and stderr into its ContainerLog, and the
// exit reported as a container runtime reports it (128 + signal number for a signalled process).
import { spawn, type ChildProcess } from 'node:child_process';
import { constants as osConstants } from 'node:os';
import { ContainerLog } from './node-agent-logs';
import type { AgentRun, Proc } from './node-agent-pod';
import { rfc3339, type TerminatedState } from './node-agent-status';

export function signal(proc: Proc, sig: NodeJS.Signals): void {
  if (proc.exited || proc.child.pid === undefined) return;
  try {
    process.kill(-proc.child.pid, sig);
  } catch {
    proc.child.kill(sig);
  }
}

/** The terminated state containerd reports when the executable cannot be started. */
export function startError(executable: string, err: NodeJS.ErrnoException, containerID: string | undefined): TerminatedState {
  const why = err.code === 'ENOENT' ? 'executable file not found in $PATH' : err.message;
  return {
    exitCode: 128,
    reason: 'StartError',
    message: `failed to create containerd task: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: error during container init: exec: ${JSON.stringify(executable)}: ${why}: unknown`,
    // What a real node shows for a container that never started.
    startedAt: '1970-01-01T00:00:00Z',
    finishedAt: rfc3339(new Date()),
    containerID,
  };
}

export type SpawnOutcome = { proc: Proc } | { failed: Promise<NodeJS.ErrnoException> };

/**
 * Starts `run.command`. `onClosed` runs once the process has exited and its output is read to the
 * end. A command that cannot be started at all gives `failed` instead (ENOENT and the like arrive
 * a tick later, as an 'error' event with no process behind it).
 */
export function spawnContainer(args: {
  run: AgentRun;
  cwd: string;
  env: Record<string, string>;
  onClosed: (proc: Proc, exitCode: number, sig: NodeJS.Signals | null) => void;
}): SpawnOutcome {
  const [executable, ...rest] = args.run.command as [string, ...string[]];
  let child: ChildProcess;
  try {
    child = spawn(executable, rest, { cwd: args.cwd, env: args.env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  } catch (err) {
    return { failed: Promise.resolve(err as NodeJS.ErrnoException) };
  }
  if (child.pid === undefined) return { failed: new Promise((resolve) => child.once('error', resolve)) };
  const pid = child.pid;
  const log = new ContainerLog();
  child.stdout!.on('data', (d: Buffer) => log.append('stdout', d));
  child.stderr!.on('data', (d: Buffer) => log.append('stderr', d));
  let closed!: () => void;
  const proc: Proc = {
    child,
    run: args.run,
    log,
    startedAt: args.run.startedAt ?? new Date(),
    exited: false,
    closed: new Promise((resolve) => (closed = resolve)),
  };
  // The container ends with its main process: whatever it left behind goes too, so that the pipes
  // close and 'close' comes.
  child.once('exit', () => {
    try {
      process.kill(-pid, 'SIGKILL');
    } catch {
      /* the group is already empty */
    }
  });
  child.once('close', (code: number | null, sig: NodeJS.Signals | null) => {
    proc.exited = true;
    const exitCode = code ?? 128 + (sig ? (osConstants.signals[sig] ?? 0) : 0);
    proc.run.exitCode = exitCode;
    proc.run.finishedAt = new Date();
    log.end();
    args.onClosed(proc, exitCode, sig);
    closed();
  });
  return { proc };
}
