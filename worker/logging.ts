// The SDK logs every worker state change at INFO; CLI users want only warnings. Must run before
// the first worker or native connection is created (the Runtime is installed once per process).
// The native core's own log lines are forwarded to the same logger: left to themselves they go to
// stdout, where a stray warning corrupts a command's `--json` output.
import { DefaultLogger, Runtime, type LogLevel } from '@temporalio/worker';
import { oneOf } from '../config/parse';

let installed = false;

const LEVELS = ['TRACE', 'DEBUG', 'INFO', 'WARN', 'ERROR'] as const satisfies readonly LogLevel[];

/** The level: `fallback`, unless CUBCANVAS_LOG_LEVEL says otherwise. */
export function installSdkLogging(fallback: LogLevel = 'WARN'): void {
  if (installed) return;
  const level: LogLevel = oneOf(process.env, 'CUBCANVAS_LOG_LEVEL', LEVELS) ?? fallback;
  installed = true;
  Runtime.install({
    logger: new DefaultLogger(level),
    telemetryOptions: { logging: { filter: { core: level, other: level === 'TRACE' || level === 'DEBUG' ? level : 'ERROR' }, forward: {} } },
  });
}
