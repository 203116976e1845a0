// Provenance metadata as PNG tEXt chunks: readable by any PNG tool (exiftool, pngcheck, Pillow).
// Chunks are located by their length fields and the new ones spliced in before IEND, so the cost
// is the size of the text, not of the picture (the CRC covers only the new chunk).
import CRC32 from 'crc-32';

const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

export interface ChunkRef {
  type: string;
  start: number;
  dataStart: number;
  dataEnd: number;
  end: number;
}

export function chunks(png: Buffer): ChunkRef[] {
  if (png.length < 8 || !png.subarray(0, 8).equals(SIGNATURE)) throw new Error('not a PNG: bad signature');
  const out: ChunkRef[] = [];
  let at = 8;
  while (at + 12 <= png.length) {
    const length = png.readUInt32BE(at);
    const type = png.toString('latin1', at + 4, at + 8);
    const end = at + 12 + length;
    if (end > png.length) throw new Error(`not a PNG: chunk ${type} runs past the end`);
    out.push({ type, start: at, dataStart: at + 8, dataEnd: at + 8 + length, end });
    at = end;
    if (type === 'IEND') break;
  }
  if (out.at(-1)?.type !== 'IEND') throw new Error('not a PNG: no IEND chunk');
  return out;
}

/** tEXt is Latin-1 only, so non-ASCII characters are written as JSON \u escapes. */
export function latin1Safe(text: string): string {
  return text.replace(/[^\x20-\x7e]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** One chunk as it is written: length, type, data, and the CRC of type and data. */
export function pngChunk(type: string, data: Buffer): Buffer {
  const chunk = Buffer.alloc(data.length + 12);
  chunk.writeUInt32BE(data.length, 0);
  chunk.write(type, 4, 'latin1');
  data.copy(chunk, 8);
  chunk.writeInt32BE(CRC32.buf(chunk.subarray(4, 8 + data.length)), 8 + data.length);
  return chunk;
}

/**
 * The PNG without the chunks `drop` picks, with `added` placed just before IEND (where the PNG
 * spec allows text and other ancillary chunks). Whole chunks are copied, never decoded.
 */
export function spliceChunks(png: Buffer, drop: (c: ChunkRef) => boolean, added: Buffer[]): Buffer {
  const all = chunks(png);
  const iend = all.at(-1)!;
  const kept = all.filter((c) => c !== iend && !drop(c));
  return Buffer.concat([png.subarray(0, 8), ...kept.map((c) => png.subarray(c.start, c.end)), ...added, png.subarray(iend.start, iend.end)]);
}

function textChunk(keyword: string, text: string): Buffer {
  if (!/^[\x20-\x7e]{1,79}$/.test(keyword)) throw new Error(`PNG text keyword "${keyword}" must be 1..79 printable Latin-1 characters`);
  return pngChunk('tEXt', Buffer.from(`${keyword}\0${latin1Safe(text)}`, 'latin1'));
}

const keywordOf = (png: Buffer, c: ChunkRef) => {
  const nul = png.indexOf(0, c.dataStart);
  return png.toString('latin1', c.dataStart, nul < 0 || nul > c.dataEnd ? c.dataEnd : nul);
};

/** Adds (or replaces) tEXt chunks, placed just before IEND as the PNG spec allows. */
export function withPngText(png: Buffer, entries: Record<string, string>): Buffer {
  const added = Object.entries(entries).map(([keyword, text]) => textChunk(keyword, text));
  return spliceChunks(png, (c) => c.type === 'tEXt' && keywordOf(png, c) in entries, added);
}

export function readPngText(png: Buffer): Record<string, string> {
  const out: Record<string, string> = {};
  for (const c of chunks(png)) {
    if (c.type !== 'tEXt') continue;
    const keyword = keywordOf(png, c);
    out[keyword] = png.toString('latin1', c.dataStart + keyword.length + 1, c.dataEnd);
  }
  return out;
}
