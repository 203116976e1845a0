// The IPTC digital source type in XMP, for tools that read XMP and not C2PA (photo managers,
// stock-agency ingest, exiftool's -XMP-iptcExt:DigitalSourceType). In a PNG, XMP is an iTXt chunk
// with keyword "XML:com.adobe.xmp" (XMP spec part 3, 1.1.5), written uncompressed.
import { chunks, pngChunk, spliceChunks } from '../png-text';

export const XMP_KEYWORD = 'XML:com.adobe.xmp';
export const TRAINED_ALGORITHMIC_MEDIA = 'http://cv.iptc.org/newscodes/digitalsourcetype/trainedAlgorithmicMedia';
const IPTC_EXT_NS = 'http://iptc.org/std/Iptc4xmpExt/2008-02-29/';

export function digitalSourceTypeXmp(digitalSourceType: string): string {
  return [
    '<?xpacket begin="\uFEFF" id="W5M0MpCehiHzreSzNTczkc9d"?>',
    '<x:xmpmeta xmlns:x="adobe:ns:meta/">',
    '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">',
    `<rdf:Description rdf:about="" xmlns:Iptc4xmpExt="${IPTC_EXT_NS}" Iptc4xmpExt:DigitalSourceType="${digitalSourceType}"/>`,
    '</rdf:RDF>',
    '</x:xmpmeta>',
    '<?xpacket end="w"?>',
  ].join('\n');
}

function itxtChunk(keyword: string, text: string): Buffer {
  // keyword NUL, compression flag 0, method 0, empty language tag NUL, empty translated keyword NUL, UTF-8 text.
  return pngChunk('iTXt', Buffer.concat([Buffer.from(keyword, 'latin1'), Buffer.from([0, 0, 0, 0, 0]), Buffer.from(text, 'utf8')]));
}

const isXmp = (png: Buffer, dataStart: number) => png.toString('latin1', dataStart, dataStart + XMP_KEYWORD.length + 1) === `${XMP_KEYWORD}\0`;

/** The PNG with its XMP packet replaced by one that states the digital source type (placed before IEND). */
export function withDigitalSourceTypeXmp(png: Buffer, digitalSourceType: string = TRAINED_ALGORITHMIC_MEDIA): Buffer {
  return spliceChunks(png, (c) => c.type === 'iTXt' && isXmp(png, c.dataStart), [itxtChunk(XMP_KEYWORD, digitalSourceTypeXmp(digitalSourceType))]);
}

/** The digital source type the PNG's XMP states, or undefined. */
export function readDigitalSourceType(png: Buffer): string | undefined {
  for (const c of chunks(png)) {
    if (c.type !== 'iTXt' || !isXmp(png, c.dataStart)) continue;
    const text = png.toString('utf8', c.dataStart + XMP_KEYWORD.length + 5, c.dataEnd);
    const m = /Iptc4xmpExt:DigitalSourceType="([^"]+)"/.exec(text);
    if (m) return m[1];
  }
  return undefined;
}
