// Provenance metadata as PNG tEXt chunks: readable by any PNG tool (exiftool, pngcheck, Pillow).
import extractChunks from 'png-chunks-extract';
import encodeChunks from 'png-chunks-encode';
import * as textChunk from 'png-chunk-text';

/** tEXt is Latin-1 only, so non-ASCII characters are written as JSON \u escapes. */
function latin1Safe(text: string): string {
  return text.replace(/[^\x20-\x7e]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** Adds (or replaces) tEXt chunks, placed just before IEND as the PNG spec allows. */
export function withPngText(png: Buffer, entries: Record<string, string>): Buffer {
  const keys = new Set(Object.keys(entries));
  const chunks = extractChunks(png).filter((c) => c.name !== 'tEXt' || !keys.has(textChunk.decode(c.data).keyword));
  const iend = chunks.pop();
  if (!iend || iend.name !== 'IEND') throw new Error('not a PNG: no IEND chunk');
  for (const [keyword, text] of Object.entries(entries)) chunks.push(textChunk.encode(keyword, latin1Safe(text)));
  chunks.push(iend);
  return Buffer.from(encodeChunks(chunks));
}

export function readPngText(png: Buffer): Record<string, string> {
  const out: Record<string, string> = {};
  for (const c of extractChunks(png)) {
    if (c.name === 'tEXt') {
      const { keyword, text } = textChunk.decode(c.data);
      out[keyword] = text;
    }
  }
  return out;
}
