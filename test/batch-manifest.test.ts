// Batch manifests as content teams write them: CSV from a spreadsheet (quotes, commas and line
// breaks inside prompts, a BOM, CRLF, Chinese) or a JSON list; every problem named with its place.
import { describe, expect, it } from 'vitest';
import { MAX_MANIFEST_BYTES, parseManifest, parseManifestBytes } from '../domain/batch-manifest';
import { InvalidRequestError } from '../domain/errors';

const problemsOf = (text: string): string[] => {
  try {
    parseManifest(text, 'day.csv');
  } catch (err) {
    if (err instanceof InvalidRequestError) return err.problems;
    throw err;
  }
  throw new Error('expected the manifest to be rejected');
};

describe('batch manifests', () => {
  it('reads a spreadsheet CSV: BOM, CRLF, quoted commas and line breaks, Chinese, optional columns in any order', () => {
    const text =
      '\uFEFFID,Prompt,Seed,Size\r\np1,"a cute panda, waving",7,small\r\n\r\np2,"一只会笑的企鹅\r\nin the snow",,\r\np-3,a sleepy koala,,landscape\r\n';
    const items = parseManifest(text, 'day.csv');
    expect(items.map((i) => i.id)).toEqual(['p1', 'p2', 'p-3']);
    expect(items[0]!.request).toMatchObject({ requestId: 'p1', prompt: 'a cute panda, waving', seed: 7, width: 512, height: 512 });
    expect(items[1]!.request.prompt).toContain('一只会笑的企鹅');
    expect(items[1]!.request.seed).toBeUndefined();
    expect(items[2]!.where).toBe('line 6');
  });

  it('reads a JSON list', () => {
    const items = parseManifest(
      JSON.stringify([
        { id: 'a', prompt: 'a cute fox', style: 'flat', seed: 3 },
        { id: 'b', prompt: 'a cute owl' },
      ]),
      'day.json',
    );
    expect(items.map((i) => [i.id, i.request.style, i.request.seed])).toEqual([
      ['a', 'flat', 3],
      ['b', 'storybook', undefined],
    ]);
  });

  it('names every problem with its line, and starts nothing', () => {
    const problems = problemsOf('id,prompt,size\nok,a cute dog,small\nbad id,a cute cat,\nok,a cute cow,\nx,,\ny,a cute hen,999x999\n');
    expect(problems).toEqual([
      expect.stringContaining('day.csv: line 3: id must be'),
      'day.csv: line 4: id "ok" is used again (first at line 2)',
      expect.stringMatching(/^day\.csv: line 5 \(x\): .*prompt/),
      expect.stringMatching(/^day\.csv: line 6 \(y\): .*999/),
    ]);
  });

  it('refuses a header without id or prompt, unknown columns, broken CSV and JSON, and an empty manifest', () => {
    expect(problemsOf('name,text\na,b\n')).toEqual([
      'day.csv: the CSV header must have an "id" column (found: name, text)',
      'day.csv: the CSV header must have an "prompt" column (found: name, text)',
      expect.stringContaining('unknown column(s) "name", "text"'),
    ]);
    expect(problemsOf('id,prompt\na,"unclosed\n')[0]).toMatch(/not valid CSV: .*quote/i);
    expect(problemsOf('id,prompt\na,b,c\n')[0]).toMatch(/not valid CSV/);
    expect(problemsOf('[{"id": "a", "prompt": "x"},]')[0]).toMatch(/not valid JSON/);
    expect(problemsOf('{"id": "a"}')).toEqual(['day.csv: a JSON manifest must be a list of {id, prompt, size?, style?, seed?} objects']);
    expect(problemsOf('id,prompt\n')).toEqual(['day.csv: the manifest has no items']);
    expect(problemsOf('[{"id": "a", "prompt": "a cute cat", "colour": "red"}]')).toEqual(['day.csv: item 1 (a): unknown field(s) colour']);
  });

  it('refuses a file that is too big or not UTF-8 before parsing it, saying where', () => {
    const big = Buffer.alloc(MAX_MANIFEST_BYTES + 1, 'a');
    expect(() => parseManifestBytes(big, 'huge.csv')).toThrow(/huge\.csv: the manifest is 20\.0 MB; at most 20 MB/);
    // "一只熊猫" in GBK, as a spreadsheet in a Chinese locale saves it: its first bytes even pass as
    // UTF-8 (d2 bb), the third character does not (d0 dc).
    const gbk = Buffer.concat([Buffer.from('id,prompt\np1,'), Buffer.from([0xd2, 0xbb, 0xd6, 0xbb, 0xd0, 0xdc, 0xc3, 0xa8]), Buffer.from('\n')]);
    expect(() => parseManifestBytes(gbk, 'gbk.csv')).toThrow('gbk.csv: not UTF-8 (invalid byte 0xdc at offset 18, line 2); save the CSV as UTF-8');
    expect(parseManifestBytes(Buffer.from('id,prompt\np1,一只熊猫\n'), 'ok.csv')[0]!.request.prompt).toBe('一只熊猫');
  });

  it('lists at most 25 problems and counts the rest', () => {
    const rows = Array.from({ length: 40 }, (_, i) => `bad id ${i},a cute cat`).join('\n');
    const problems = problemsOf(`id,prompt\n${rows}\n`);
    expect(problems).toHaveLength(26);
    expect(problems[25]).toBe('day.csv: … and 15 more problems');
  });
});
