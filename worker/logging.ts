// The SDK logs every worker state change at INFO; CLI users want only warnings. Must run before
// the first worker or native connection is created (the Runtime is installed once per process).
import { DefaultLogger, Runtime, type LogLevel } from '@temporalio/worker';

let installed = false;

export function installSdkLogging(level: LogLevel = (process.env.CUBCANVAS_LOG_LEVEL as LogLevel | undefined) ?? 'WARN'): void {
  if (installed) return;
  installed = true;
  Runtime.install({ logger: new DefaultLogger(level) });
}
