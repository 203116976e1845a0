// Installs the non-npm tools the project runs (the Temporal CLI) into the ignored .tools/ folder.
import { ensureTemporalCli, temporalCliVersion } from '../temporal/cli-path';

const log = (line: string) => console.error(`setup: ${line}`);
const cli = ensureTemporalCli(log);
log(`Temporal CLI: ${cli} (${temporalCliVersion(cli).split('\n')[0]})`);
