// `cubcanvas batch` as a content team runs it: a manifest file on the embedded default (preview
// backend, filesystem store), waited for, with the report's files printed; a bad manifest refused
// with every problem and nothing started.
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { projectRoot } from '../toolchain/pypi-binary';

const cli = (args: string[], dataDir: string) =>
  spawnSync(join(projectRoot, 'bin', 'cubcanvas'), args, {
    encoding: 'utf8',
    env: { ...process.env, TEMPORAL_ADDRESS: '', CUBCANVAS_DATA_DIR: dataDir },
    timeout: 120_000,
  });

describe('cubcanvas batch', () => {
  it('runs a manifest on the embedded server, shows progress, and prints where the report is', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cubcanvas-batch-cli-'));
    const manifest = join(dir, 'monday.csv');
    writeFileSync(
      manifest,
      'id,prompt,size\np1,a cute baby panda on a hill,small\np2,a cute puppy holding a loaded gun,small\np3,"一只会笑的企鹅, 在雪地里",small\n',
    );
    const run = cli(['batch', manifest, '--id', 'monday', '--json'], dir);
    expect(run.status, run.stderr).toBe(0);
    expect(run.stderr).toContain('batch monday: 3 pictures started');
    const result = JSON.parse(run.stdout) as {
      counts: { completed: number; rejected: number };
      reportLocations: { csv: string; json: string; contactSheets: string[] };
    };
    expect(result.counts).toMatchObject({ completed: 2, rejected: 1 });
    // The filesystem store: the locations are files.
    const rows = parse(readFileSync(result.reportLocations.csv), { columns: true }) as { id: string; outcome: string; image: string }[];
    expect(rows.map((r) => [r.id, r.outcome])).toEqual([
      ['p1', 'completed'],
      ['p2', 'rejected'],
      ['p3', 'completed'],
    ]);
    expect(existsSync(result.reportLocations.contactSheets[0]!)).toBe(true);
  });

  it('refuses a bad manifest with every problem, exit 2, starting nothing', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cubcanvas-batch-cli-'));
    const manifest = join(dir, 'bad.csv');
    writeFileSync(manifest, 'id,text\na,a cute cat\n');
    const run = cli(['batch', manifest], dir);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('bad.csv: the CSV header must have an "prompt" column (found: id, text)');
    expect(run.stderr).toContain('unknown column(s) "text"');
    expect(run.stderr).not.toContain('started');
    const missing = cli(['batch', join(dir, 'nope.csv')], dir);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toContain('cannot read');
  });
});
