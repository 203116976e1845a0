// One embedded server per data folder: its SQLite file cannot be shared by two servers. The
// process that runs it leaves server.json in the folder; `dev` servers may be joined by other
// commands, a short-lived `generate` server may not.
import { readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { tryParsePayload } from '../domain/payload-schemas';

const serverRecordSchema = z.object({ pid: z.number().int(), address: z.string(), uiUrl: z.string().optional(), kind: z.enum(['dev', 'command']) });
export type ServerRecord = z.output<typeof serverRecordSchema>;

/** server.json, or undefined when it is missing, damaged or of another shape (then no server is known). */
function readRecordFile(dataDir: string): ServerRecord | undefined {
  try {
    return tryParsePayload(serverRecordSchema, JSON.parse(readFileSync(file(dataDir), 'utf8')));
  } catch {
    return undefined;
  }
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
  const record = readRecordFile(dataDir);
  return record && alive(record.pid) && record.pid !== process.pid ? record : undefined;
}

export function writeServerRecord(dataDir: string, record: ServerRecord): void {
  mkdirSync(dataDir, { recursive: true });
  writeFileSync(file(dataDir), JSON.stringify(record, null, 2));
}

export function removeServerRecord(dataDir: string): void {
  if (readRecordFile(dataDir)?.pid === process.pid) rmSync(file(dataDir), { force: true });
}
