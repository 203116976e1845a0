// The development signing certificate: a self-signed root and an end-entity signer below it, both
// ES256, made by the setup so that the embedded default signs its pictures too. C2PA validators
// refuse a self-signed end-entity certificate, hence the two levels. Not for production: the
// README says how to use an organisation's certificate instead.
import { webcrypto } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import * as x509 from '@peculiar/x509';

const ALGORITHM = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' };
const DAY_MS = 86_400_000;

export interface DevCertificateFiles {
  /** Signer certificate followed by the root: what CUBCANVAS_C2PA_CERTIFICATE points at. */
  chain: string;
  /** Signer's private key, PKCS#8 PEM. */
  key: string;
  /** Root certificate, the trust anchor for `cubcanvas verify` and the tests. */
  ca: string;
}

export interface DevCertificateOptions {
  /** Validity in days from now (default 825, the longest most tools accept). */
  days?: number;
  /** Start of validity (default: a day ago, so that a slightly slow clock elsewhere still accepts it). */
  notBefore?: Date;
}

function pkcs8Pem(der: ArrayBuffer): string {
  const b64 = Buffer.from(der)
    .toString('base64')
    .replace(/(.{64})/g, '$1\n');
  return `-----BEGIN PRIVATE KEY-----\n${b64.trim()}\n-----END PRIVATE KEY-----\n`;
}

/** Makes a new root and signer; returns the PEM texts. */
export async function makeDevCertificate(opts: DevCertificateOptions = {}): Promise<{ chain: string; key: string; ca: string }> {
  x509.cryptoProvider.set(webcrypto as unknown as Parameters<typeof x509.cryptoProvider.set>[0]);
  const notBefore = opts.notBefore ?? new Date(Date.now() - DAY_MS);
  const notAfter = new Date(notBefore.getTime() + (opts.days ?? 825) * DAY_MS);
  const serial = () =>
    Buffer.from(webcrypto.getRandomValues(new Uint8Array(8)))
      .toString('hex')
      .replace(/^[89a-f]/, '1');

  const caKeys = await webcrypto.subtle.generateKey(ALGORITHM, true, ['sign', 'verify']);
  const ca = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: serial(),
    name: 'CN=cubcanvas development root, O=cubcanvas (development only)',
    notBefore,
    notAfter,
    keys: caKeys,
    signingAlgorithm: ALGORITHM,
    extensions: [
      new x509.BasicConstraintsExtension(true, 0, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
      await x509.SubjectKeyIdentifierExtension.create(caKeys.publicKey),
    ],
  });
  const signerKeys = await webcrypto.subtle.generateKey(ALGORITHM, true, ['sign', 'verify']);
  const signer = await x509.X509CertificateGenerator.create({
    serialNumber: serial(),
    subject: 'CN=cubcanvas development signer, O=cubcanvas (development only)',
    issuer: ca.subject,
    notBefore,
    notAfter,
    publicKey: signerKeys.publicKey,
    signingKey: caKeys.privateKey,
    signingAlgorithm: ALGORITHM,
    extensions: [
      new x509.BasicConstraintsExtension(false, undefined, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature, true),
      new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.emailProtection]),
      await x509.SubjectKeyIdentifierExtension.create(signerKeys.publicKey),
      await x509.AuthorityKeyIdentifierExtension.create(caKeys.publicKey),
    ],
  });
  const caPem = `${ca.toString('pem')}\n`;
  return {
    chain: `${signer.toString('pem')}\n${caPem}`,
    key: pkcs8Pem(await webcrypto.subtle.exportKey('pkcs8', signerKeys.privateKey)),
    ca: caPem,
  };
}

function expiresWithin(chainFile: string, days: number): boolean {
  const first = readFileSync(chainFile, 'utf8').match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/)?.[0];
  if (!first) return true;
  return new x509.X509Certificate(first).notAfter.getTime() < Date.now() + days * DAY_MS;
}

/** Writes the development certificate unless a current one is there (remade 30 days before it expires). */
export async function ensureDevCertificate(files: DevCertificateFiles): Promise<'kept' | 'made'> {
  if (existsSync(files.chain) && existsSync(files.key) && existsSync(files.ca) && !expiresWithin(files.chain, 30)) return 'kept';
  const made = await makeDevCertificate();
  for (const path of [files.chain, files.key, files.ca]) mkdirSync(dirname(path), { recursive: true });
  writeFileSync(files.ca, made.ca);
  writeFileSync(files.chain, made.chain);
  writeFileSync(files.key, made.key, { mode: 0o600 });
  return 'made';
}
