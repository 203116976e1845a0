// The content-credentials signer: a certificate chain and its private key, loaded and checked once
// when the worker starts, so that a missing, expired or unfit certificate stops start-up with a
// message naming the setting instead of failing every request at publish time.
import { createPrivateKey, createPublicKey, sign, type KeyObject } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { X509Certificate } from '@peculiar/x509';
import type { CoseAlgorithmIdentifier, Signer } from '@trustnxt/c2pa-ts/cose';
import { ConfigError } from '../../domain/errors';
import { loadC2paLib, type C2paLib } from './c2pa-lib';
import { CERTIFICATE_SETTING, PRIVATE_KEY_SETTING, type ContentCredentialsSettings } from './settings';

/** COSE algorithm identifiers (RFC 9053); c2pa-ts's enum has the same values but loads only as an ES module. */
const COSE = { ES256: -7 as CoseAlgorithmIdentifier, ES384: -35 as CoseAlgorithmIdentifier, Ed25519: -8 as CoseAlgorithmIdentifier };

/** Extended key usages C2PA accepts for a claim signer (C2PA 2.x, "Certificate Profile"). */
const EMAIL_PROTECTION = '1.3.6.1.5.5.7.3.4';
const DOCUMENT_SIGNING = '1.3.6.1.5.5.7.3.36';

export interface SignerSource {
  /** PEM text of the certificate chain: the signer first, then any intermediates. */
  certificatePem: string;
  /** PEM text of the private key (PKCS#8 or SEC1). */
  privateKeyPem: string;
  /** Settings named in error messages. */
  certificateSetting: string;
  privateKeySetting: string;
}

export interface PictureSigner extends Signer {
  /** The signer's subject, e.g. "CN=cubcanvas development signer, O=cubcanvas". */
  subject: string;
  notAfter: Date;
}

/**
 * A setting's value as PEM text: the value itself when it is PEM (a Kubernetes Secret handed in as
 * an environment variable), otherwise the contents of the file it names (a mounted Secret).
 */
export function readPemSetting(setting: string, value: string): string {
  if (value.includes('-----BEGIN ')) return value;
  try {
    return readFileSync(value, 'utf8');
  } catch (err) {
    const reason = (err as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (err as Error).message;
    throw new ConfigError(
      setting,
      `cannot read "${value}" (${reason}). Run "node scripts/setup.mjs" to make the development certificate, or point ${setting} at your organisation's PEM file`,
    );
  }
}

export function parseCertificateChain(x509: C2paLib['x509'], setting: string, pem: string): X509Certificate[] {
  const blocks = pem.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g) ?? [];
  if (blocks.length === 0) throw new ConfigError(setting, 'holds no PEM certificate (-----BEGIN CERTIFICATE-----)');
  return blocks.map((block, i) => {
    try {
      return new x509.X509Certificate(block);
    } catch (err) {
      throw new ConfigError(setting, `certificate ${i + 1} is not a valid X.509 certificate: ${(err as Error).message}`);
    }
  });
}

function algorithmOf(key: KeyObject, setting: string): CoseAlgorithmIdentifier {
  const details = key.asymmetricKeyDetails ?? {};
  if (key.asymmetricKeyType === 'ec' && details.namedCurve === 'prime256v1') return COSE.ES256;
  if (key.asymmetricKeyType === 'ec' && details.namedCurve === 'secp384r1') return COSE.ES384;
  if (key.asymmetricKeyType === 'ed25519') return COSE.Ed25519;
  throw new ConfigError(
    setting,
    `is a ${key.asymmetricKeyType} key${details.namedCurve ? ` on ${details.namedCurve}` : ''}; cubcanvas signs with EC P-256 (ES256), EC P-384 (ES384) or Ed25519`,
  );
}

/** COSE wants ECDSA signatures as r|s (IEEE P1363), not DER: the official C2PA library rejects DER. */
function signWith(key: KeyObject, algorithm: CoseAlgorithmIdentifier, payload: Uint8Array): Uint8Array {
  switch (algorithm) {
    case COSE.ES256:
      return sign('sha256', payload, { key, dsaEncoding: 'ieee-p1363' });
    case COSE.ES384:
      return sign('sha384', payload, { key, dsaEncoding: 'ieee-p1363' });
    default:
      return sign(null, payload, key);
  }
}

/** Checks the chain and key the way a C2PA validator will, then returns a signer for manifests. */
export async function loadSigner(source: SignerSource, now: Date = new Date()): Promise<PictureSigner> {
  const { x509 } = await loadC2paLib();
  const chain = parseCertificateChain(x509, source.certificateSetting, source.certificatePem);
  const leaf = chain[0]!;
  if (now > leaf.notAfter) throw new ConfigError(source.certificateSetting, `certificate "${leaf.subject}" expired on ${leaf.notAfter.toISOString()}`);
  if (now < leaf.notBefore)
    throw new ConfigError(source.certificateSetting, `certificate "${leaf.subject}" is not valid before ${leaf.notBefore.toISOString()}`);
  const usage = leaf.getExtension(x509.KeyUsagesExtension);
  if (!usage || !(usage.usages & x509.KeyUsageFlags.digitalSignature))
    throw new ConfigError(source.certificateSetting, `certificate "${leaf.subject}" lacks the digitalSignature key usage C2PA requires`);
  const eku = leaf.getExtension(x509.ExtendedKeyUsageExtension)?.usages.map(String) ?? [];
  if (!eku.includes(EMAIL_PROTECTION) && !eku.includes(DOCUMENT_SIGNING))
    throw new ConfigError(
      source.certificateSetting,
      `certificate "${leaf.subject}" needs the emailProtection or documentSigning extended key usage C2PA requires`,
    );

  let key: KeyObject;
  try {
    key = createPrivateKey(source.privateKeyPem);
  } catch (err) {
    throw new ConfigError(source.privateKeySetting, `is not a PEM private key: ${(err as Error).message}`);
  }
  const keySpki = createPublicKey(key).export({ format: 'der', type: 'spki' });
  if (!keySpki.equals(Buffer.from(leaf.publicKey.rawData)))
    throw new ConfigError(source.privateKeySetting, `does not belong to certificate "${leaf.subject}" (${source.certificateSetting})`);
  const algorithm = algorithmOf(key, source.privateKeySetting);
  return {
    certificate: leaf,
    chainCertificates: chain.slice(1),
    algorithm,
    subject: leaf.subject,
    notAfter: leaf.notAfter,
    sign: async (payload: Uint8Array) => new Uint8Array(signWith(key, algorithm, payload)),
  };
}

/** The signer the settings name (CUBCANVAS_C2PA_CERTIFICATE, CUBCANVAS_C2PA_PRIVATE_KEY). */
export async function signerFromSettings(
  settings: Pick<ContentCredentialsSettings, 'certificate' | 'privateKey'>,
  now: Date = new Date(),
): Promise<PictureSigner> {
  return loadSigner(
    {
      certificatePem: readPemSetting(CERTIFICATE_SETTING, settings.certificate),
      privateKeyPem: readPemSetting(PRIVATE_KEY_SETTING, settings.privateKey),
      certificateSetting: CERTIFICATE_SETTING,
      privateKeySetting: PRIVATE_KEY_SETTING,
    },
    now,
  );
}
