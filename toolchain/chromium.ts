// Headless Chromium for the web page's browser tests, from Debian's `chromium` package (the brief's
// source: no browser download from the internet here). Installed by the setup when missing, which
// takes ~10 s on this machine (apt-get update + install); a path in CUBCANVAS_CHROMIUM_PATH wins.
import { spawnSync } from 'node:child_process';
import { isExecutable } from './pypi-binary';

export const DEBIAN_CHROMIUM_PATH = '/usr/bin/chromium';

function run(cmd: string, args: string[]): { ok: boolean; detail: string } {
  const res = spawnSync(cmd, args, { stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
  if (res.error) return { ok: false, detail: res.error.message };
  return { ok: res.status === 0, detail: `exit ${res.status ?? res.signal}: ${res.stderr.toString().trim().split('\n').slice(-3).join(' | ')}` };
}

/** The path of a Chromium the tests can drive, installing Debian's package when there is none. */
export function ensureChromium(log: (line: string) => void): string {
  const given = process.env.CUBCANVAS_CHROMIUM_PATH;
  if (given) {
    if (!isExecutable(given)) throw new Error(`CUBCANVAS_CHROMIUM_PATH=${given} is not an executable file`);
    return given;
  }
  if (isExecutable(DEBIAN_CHROMIUM_PATH)) return DEBIAN_CHROMIUM_PATH;
  const how = 'install it with `apt-get install chromium` (as root) or set CUBCANVAS_CHROMIUM_PATH to a Chromium or Chrome binary';
  if (process.getuid?.() !== 0)
    throw new Error(`Chromium is not installed at ${DEBIAN_CHROMIUM_PATH} and the setup is not root, so it cannot install it: ${how}`);
  log('installing Chromium from Debian (apt-get install chromium)…');
  const update = run('apt-get', ['update', '-qq']);
  if (!update.ok) throw new Error(`apt-get update failed (${update.detail}): ${how}`);
  const install = run('apt-get', ['install', '-y', '-qq', '--no-install-recommends', 'chromium']);
  if (!install.ok || !isExecutable(DEBIAN_CHROMIUM_PATH)) throw new Error(`apt-get install chromium failed (${install.detail}): ${how}`);
  return DEBIAN_CHROMIUM_PATH;
}
