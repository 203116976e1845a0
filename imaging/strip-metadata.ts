// Removes what a render backend wrote into its picture besides the pixels, before the picture is
// stored anywhere. ComfyUI's SaveImage embeds the whole graph, prompt and negative prompt included,
// as tEXt chunks "prompt" and "workflow" (and `--disable-metadata` does not always stop it); a
// child's prompt may hold a name. PNGs are cleaned chunk by chunk: the image data (IHDR, PLTE,
// tRNS, IDAT…) is copied byte for byte, so the pixels stay bit-exact and the cost is one copy of
// the buffer, not a decode and re-encode. Anything else (JPEG, WebP from a custom SaveImage node)
// is decoded and written as PNG by sharp, which writes no EXIF, XMP or ICC text unless asked.
import sharp from 'sharp';
import { chunks } from './png-text';

/**
 * Chunks that carry text or camera/editor metadata: tEXt, zTXt, iTXt (XMP is an iTXt chunk with
 * keyword "XML:com.adobe.xmp"), eXIf; tIME says when, not what, but is dropped too.
 */
export const METADATA_CHUNKS: ReadonlySet<string> = new Set(['tEXt', 'zTXt', 'iTXt', 'eXIf', 'tIME']);

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

export const isPng = (image: Buffer) => image.length >= 8 && image.subarray(0, 8).equals(PNG_SIGNATURE);

/** A PNG without its metadata chunks; every other chunk is kept as it was, in order. */
export function stripPngMetadata(png: Buffer): Buffer {
  const all = chunks(png);
  const kept = all.filter((c) => !METADATA_CHUNKS.has(c.type));
  if (kept.length === all.length) return png;
  return Buffer.concat([PNG_SIGNATURE, ...kept.map((c) => png.subarray(c.start, c.end))]);
}

/** The picture as cubcanvas stores it: a PNG with nothing in it but the picture. */
export async function stripRenderMetadata(image: Buffer): Promise<Buffer> {
  if (isPng(image)) return stripPngMetadata(image);
  // Not a PNG: decode and write the pixels as PNG. sharp drops EXIF/XMP/ICC unless keepMetadata().
  return sharp(image).png({ compressionLevel: 6 }).toBuffer();
}
