// nsfwjs publishes its model definitions as package "exports" subpaths, which this project's
// moduleResolution ("node") does not read; these point TypeScript at the same files Node loads.
declare module 'nsfwjs/core' {
  export * from 'nsfwjs/dist/cjs/core';
}
declare module 'nsfwjs/models/mobilenet_v2' {
  export * from 'nsfwjs/dist/cjs/models/mobilenet_v2';
}
