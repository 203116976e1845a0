// crc-32 ships no type declarations; cubcanvas uses only buf().
declare module 'crc-32' {
  export function buf(data: Uint8Array, seed?: number): number;
}
