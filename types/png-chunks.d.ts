// The png-chunks-* packages ship no type declarations; these cover what cubcanvas uses.
declare module 'png-chunks-extract' {
  function extract(data: Uint8Array): { name: string; data: Uint8Array }[];
  export = extract;
}
declare module 'png-chunks-encode' {
  function encode(chunks: { name: string; data: Uint8Array }[]): Uint8Array;
  export = encode;
}
declare module 'png-chunk-text' {
  export function encode(keyword: string, content: string): { name: string; data: Uint8Array };
  export function decode(data: Uint8Array): { keyword: string; text: string };
}
