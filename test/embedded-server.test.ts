// The embedded Temporal server (issue 8): its wrapper script can't be planted by another local
// user, and `cubcanvas dev` notices its server dying: it exits non-zero, removes the server record
// and can be started again.
import { describe, expect, it } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { requireTemporalCli } from '../temporal/cli-path';
import { startEmbeddedServer, writeServerWrapper } from '../temporal/embedded-server';
import { freePort } from '../toolchain/free-port';
import { projectRoot } from '../toolchain/pypi-binary';
import { until } from './support/until';

const BIN = join(projectRoot, 'bin', 'cubcanvas');

/** Field 4 of /proc/<pid>/stat: the parent pid (after the parenthesised command name). */
function parentPid(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
}

function commandLine(pid: number): string[] {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
  } catch {
    return []; // gone meanwhile
  }
}

function childrenOf(parent: number): number[] {
  return readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name))
    .map(Number)
    .filter((pid) => {
      try {
        return parentPid(pid) === parent;
      } catch {
        return false;
      }
    });
}

describe('the embedded server wrapper script', () => {
  it('is written fresh into a private directory (0700, ours), never reused', () => {
    const cli = requireTemporalCli();
    const a = writeServerWrapper(cli);
    const b = writeServerWrapper(cli);
    try {
      expect(a.dir).not.toBe(b.dir);
      for (const w of [a, b]) {
        const dir = statSync(w.dir);
        expect(dir.isDirectory()).toBe(true);
        expect(dir.mode & 0o777).toBe(0o700);
        expect(dir.uid).toBe(process.getuid!());
        expect(dirname(w.script)).toBe(w.dir);
        const file = statSync(w.script);
        expect(file.uid).toBe(process.getuid!());
        expect(file.mode & 0o077).toBe(0);
        expect(readFileSync(w.script, 'utf8')).toContain(`exec '${cli}' "$@" >/dev/null`);
      }
    } finally {
      a.remove();
      b.remove();
    }
    expect(existsSync(a.dir)).toBe(false);
  });

  it('a script planted at the old shared path is not run; the server still starts, and its pid is known', async () => {
    // The path the wrapper used to have: predictable from the CLI path, in the shared temp folder,
    // and reused whenever a file was there.
    const cli = requireTemporalCli();
    const oldScript = `#!/bin/sh\nexec '${cli.replace(/'/g, `'\\''`)}' "$@" >/dev/null\n`;
    const oldPath = join(tmpdir(), `cubcanvas-temporal-${createHash('sha256').update(oldScript).digest('hex').slice(0, 12)}.sh`);
    const marker = join(mkdtempSync(join(tmpdir(), 'cubcanvas-planted-')), 'ran');
    const previous = existsSync(oldPath) ? readFileSync(oldPath) : undefined;
    // What another user would plant: do something of theirs, then start the real server so that
    // nobody notices.
    writeFileSync(oldPath, `#!/bin/sh\ntouch '${marker}'\nexec '${cli}' "$@" >/dev/null\n`, { mode: 0o755 });
    try {
      const server = await startEmbeddedServer();
      try {
        expect(existsSync(marker), 'the planted script ran').toBe(false);
        expect(server.pid).toBeGreaterThan(0);
        // The recorded pid is the server itself (the wrapper exec'd it), a child of this process.
        expect(commandLine(server.pid!)).toEqual(expect.arrayContaining(['server', 'start-dev']));
        expect(parentPid(server.pid!)).toBe(process.pid);
      } finally {
        await server.stop();
      }
    } finally {
      if (previous) writeFileSync(oldPath, previous);
      else rmSync(oldPath, { force: true });
      rmSync(dirname(marker), { recursive: true, force: true });
    }
  }, 60_000);
});

describe('cubcanvas dev when its Temporal server dies', () => {
  function startDev(dataDir: string, uiPort: number): { proc: ChildProcess; log: () => string; exited: Promise<number | null> } {
    const proc = spawn(BIN, ['dev'], {
      env: { ...process.env, TEMPORAL_ADDRESS: '', CUBCANVAS_DATA_DIR: dataDir, CUBCANVAS_UI_PORT: String(uiPort) },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let log = '';
    proc.stderr!.on('data', (c: Buffer) => (log += c.toString()));
    const exited = new Promise<number | null>((resolve) => proc.once('exit', (code) => resolve(code)));
    return { proc, log: () => log, exited };
  }

  it('exits non-zero promptly with a clear message, removes the server record, and dev starts again', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'cubcanvas-dev-death-'));
    const first = startDev(dataDir, await freePort());
    let second: ReturnType<typeof startDev> | undefined;
    try {
      await until('dev to be ready', async () => (first.log().includes('Ctrl-C') ? true : undefined), 60_000);
      const record = JSON.parse(readFileSync(join(dataDir, 'server.json'), 'utf8'));
      expect(record).toMatchObject({ pid: first.proc.pid, kind: 'dev' });
      // The server process: dev's child in the process tree that runs `temporal server start-dev`.
      const serverPid = childrenOf(first.proc.pid!).find((pid) => commandLine(pid).includes('start-dev'));
      expect(serverPid, "no temporal server among dev's children").toBeDefined();

      const killedAt = Date.now();
      process.kill(serverPid!, 'SIGKILL');
      const code = await Promise.race([first.exited, new Promise<'still running'>((resolve) => setTimeout(() => resolve('still running'), 20_000))]);
      expect(code, first.log()).toBe(1);
      expect(Date.now() - killedAt).toBeLessThan(15_000);
      expect(first.log()).toContain(`the embedded Temporal server (pid ${serverPid}) has exited`);
      expect(existsSync(join(dataDir, 'server.json'))).toBe(false);

      // The folder is free again: a new dev starts on the same database.
      second = startDev(dataDir, await freePort());
      const state = await until(
        'the second dev to be ready or gone',
        async () => (second!.proc.exitCode !== null ? 'exited' : second!.log().includes('Ctrl-C') ? 'ready' : undefined),
        60_000,
      );
      expect(state, second.log()).toBe('ready');
      second.proc.kill('SIGINT');
      expect(await second.exited).toBe(0);
    } finally {
      for (const d of [first, second])
        if (d && d.proc.exitCode === null && d.proc.signalCode === null) {
          d.proc.kill('SIGKILL');
          await d.exited;
        }
    }
  }, 150_000);
});
