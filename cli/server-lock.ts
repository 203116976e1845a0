// One embedded server per data folder: its SQLite file cannot be shared by two servers. The
// process that runs it leaves server.json in the folder; `dev` servers may be joined by other
// commands, a short-lived `generate` server may not.
import { readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';

export interface ServerRecord {
  pid: number;
  address: string;
  uiUrl?: string;
  kind: 'dev' | 'command';
}

const file = (dataDir: string) => join(dataDir, 'server.json');

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The live server of this data folder, if any (a record left by a dead process is ignored). */
export function readServerRecord(dataDir: string): ServerRecord | undefined {
  try {
    const record = JSON.parse(readFileSync(file(dataDir), 'utf8')) as ServerRecord;
    return alive(record.pid) && record.pid !== process.pid ? record : undefined;
  } catch {
    return undefined;
  }
}

export function writeServerRecord(dataDir: string, record: ServerRecord): void {
  mkdirSync(dataDir, { recursive: true });
  writeFileSync(file(dataDir), JSON.stringify(record, null, 2));
}

export function removeServerRecord(dataDir: string): void {
  try {
    const record = JSON.parse(readFileSync(file(dataDir), 'utf8')) as ServerRecord;
    if (record.pid === process.pid) rmSync(file(dataDir), { force: true });
  } catch {
    // nothing to remove
  }
}
