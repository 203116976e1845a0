// @trustnxt/c2pa-ts ships as ES modules only (its package "exports" have no require entry), and
// this project compiles to CommonJS, so it is loaded with import(), once. @peculiar/x509 comes the
// same way: c2pa-ts checks certificates with the ES-module copy's classes (getExtension matches by
// class), so a certificate made with the CommonJS copy would look as if it had no extensions.
import type * as X509 from '@peculiar/x509';
import type * as Asset from '@trustnxt/c2pa-ts/asset';
import type * as Jumbf from '@trustnxt/c2pa-ts/jumbf';
import type * as Manifest from '@trustnxt/c2pa-ts/manifest';

export interface C2paLib {
  asset: typeof Asset;
  jumbf: typeof Jumbf;
  manifest: typeof Manifest;
  x509: typeof X509;
}

let loading: Promise<C2paLib> | undefined;

export function loadC2paLib(): Promise<C2paLib> {
  loading ??= Promise.all([
    import('@trustnxt/c2pa-ts/asset'),
    import('@trustnxt/c2pa-ts/jumbf'),
    import('@trustnxt/c2pa-ts/manifest'),
    import('@peculiar/x509'),
  ]).then(([asset, jumbf, manifest, x509]) => ({ asset, jumbf, manifest, x509 }));
  return loading;
}
