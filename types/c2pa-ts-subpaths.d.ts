// @trustnxt/c2pa-ts publishes its modules as package "exports" subpaths, which this project's
// moduleResolution ("node") does not read; these point TypeScript at the same files Node loads.
declare module '@trustnxt/c2pa-ts/asset' {
  export * from '@trustnxt/c2pa-ts/dist/asset/index';
}
declare module '@trustnxt/c2pa-ts/cose' {
  export * from '@trustnxt/c2pa-ts/dist/cose/index';
}
declare module '@trustnxt/c2pa-ts/jumbf' {
  export * from '@trustnxt/c2pa-ts/dist/jumbf/index';
}
declare module '@trustnxt/c2pa-ts/manifest' {
  export * from '@trustnxt/c2pa-ts/dist/manifest/index';
}
