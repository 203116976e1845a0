// Reads a picture's content credentials and says what they state and whether they hold:
// - signature valid: the claim's COSE signature verifies with the certificate in the manifest, and
//   that certificate fits the C2PA profile (key usage, validity, not self-signed);
// - hash binding valid: the data hash in the manifest matches the picture's bytes (a changed
//   pixel, chunk or byte anywhere outside the manifest breaks it);
// - trusted: the signer's chain ends at one of the trust anchors (CUBCANVAS_C2PA_TRUST_ANCHORS).
//   @trustnxt/c2pa-ts does not walk chains of trust, so that check is done here with node:crypto.
// "valid" = signature valid and hash binding valid, trusted or not; the report says which.
import { X509Certificate as NodeCertificate } from 'node:crypto';
import type { X509Certificate } from '@peculiar/x509';
import type { Asset } from '@trustnxt/c2pa-ts/asset';
import type { ActionAssertion, ManifestStore, ValidationResult } from '@trustnxt/c2pa-ts/manifest';
import { loadC2paLib, type C2paLib } from './c2pa-lib';
import { readDigitalSourceType } from './xmp';
import { GENERATOR_PARAMETERS } from './manifest';

export type VerificationStatus = 'valid' | 'invalid' | 'no-manifest' | 'unreadable';

export interface VerificationReport {
  status: VerificationStatus;
  /** Why the status is what it is, in a sentence. */
  summary: string;
  signatureValid: boolean;
  hashBindingValid: boolean;
  trusted: boolean;
  signer?: { subject: string; issuer: string; notAfter: string };
  claimGenerator?: string;
  digitalSourceType?: string;
  /** From the XMP packet, for tools that read only that. */
  xmpDigitalSourceType?: string;
  actions: { action: string; description?: string; softwareAgent?: string }[];
  /** What the c2pa.created action says made the picture (request id, cache key, model…). */
  generator?: Record<string, unknown>;
  /** Every validation status the manifest produced, failures first. */
  checks: { code: string; success: boolean; explanation?: string }[];
}

/** Exit codes of `cubcanvas verify`. */
export const EXIT_CODES: Record<VerificationStatus, number> = { valid: 0, invalid: 1, 'no-manifest': 2, unreadable: 2 };

const empty = (status: VerificationStatus, summary: string): VerificationReport => ({
  status,
  summary,
  signatureValid: false,
  hashBindingValid: false,
  trusted: false,
  actions: [],
  checks: [],
});

function openAsset({ PNG, JPEG }: C2paLib['asset'], bytes: Buffer): Asset | string {
  const data = new Uint8Array(bytes);
  try {
    if (PNG.canRead(data)) return new PNG(data);
    if (JPEG.canRead(data)) return new JPEG(data);
  } catch (err) {
    return `the file is damaged or truncated (${(err as Error).message})`;
  }
  return 'not a PNG or JPEG picture';
}

const nodeCert = (c: X509Certificate) => new NodeCertificate(Buffer.from(c.rawData));

/** Whether the chain (signer first) ends at a trust anchor, each certificate signed by the next. */
export function chainsToAnchor(chain: X509Certificate[], anchorsPem: string, at: Date = new Date()): boolean {
  const anchors = (anchorsPem.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g) ?? []).map((pem) => new NodeCertificate(pem));
  const certs = chain.map(nodeCert);
  const inValidity = (c: NodeCertificate) => new Date(c.validFrom) <= at && at <= new Date(c.validTo);
  for (let i = 0; i < certs.length; i++) {
    const cert = certs[i]!;
    if (!inValidity(cert)) return false;
    if (anchors.some((a) => a.raw.equals(cert.raw))) return true;
    const anchor = anchors.find((a) => cert.checkIssued(a) && cert.verify(a.publicKey));
    if (anchor) return inValidity(anchor);
    const next = certs[i + 1];
    if (!next || !cert.checkIssued(next) || !cert.verify(next.publicKey)) return false;
  }
  return false;
}

export async function verifyPicture(bytes: Buffer, trustAnchorsPem: string): Promise<VerificationReport> {
  const lib = await loadC2paLib();
  const asset = openAsset(lib.asset, bytes);
  if (typeof asset === 'string') return empty('unreadable', asset);
  const jumbf = asset.getManifestJUMBF();
  if (!jumbf) return { ...empty('no-manifest', 'the picture carries no C2PA manifest'), ...xmpOf(bytes) };

  let store: ManifestStore;
  let result: ValidationResult;
  try {
    store = lib.manifest.ManifestStore.read(lib.jumbf.SuperBox.fromBuffer(jumbf as Uint8Array<ArrayBuffer>));
    result = await store.validate(asset);
  } catch (err) {
    return { ...empty('invalid', `the C2PA manifest is malformed: ${(err as Error).message}`), ...xmpOf(bytes) };
  }
  const manifest = store.getActiveManifest();
  const cose = manifest?.signature?.signatureData;
  const codes = new Map(result.statusEntries.map((e) => [e.code as string, e.success]));
  const signatureValid = codes.get('claimSignature.validated') === true && codes.get('signingCredential.trusted') === true;
  const hashBindingValid = codes.get('assertion.dataHash.match') === true && result.statusEntries.every((e) => !e.code.startsWith('assertion.') || e.success);
  const trusted = signatureValid && !!cose?.certificate && chainsToAnchor([cose.certificate, ...cose.chainCertificates], trustAnchorsPem);
  const actions = (manifest?.assertions?.assertions ?? [])
    .filter((a): a is ActionAssertion => a instanceof lib.manifest.ActionAssertion)
    .flatMap((a) => a.actions);
  const created = actions.find((a) => a.action === 'c2pa.created');
  const generator = created?.parameters?.[GENERATOR_PARAMETERS];
  const valid = signatureValid && hashBindingValid && result.isValid;
  const failures = result.statusEntries.filter((e) => !e.success).map((e) => e.code);
  return {
    status: valid ? 'valid' : 'invalid',
    summary: valid
      ? `signature valid, hash binding valid, signer ${trusted ? 'trusted' : 'not in the trust anchors (untrusted)'}`
      : `invalid or tampered: ${failures.join(', ') || 'the manifest does not validate'}`,
    signatureValid,
    hashBindingValid,
    trusted,
    ...(cose?.certificate
      ? { signer: { subject: cose.certificate.subject, issuer: cose.certificate.issuer, notAfter: cose.certificate.notAfter.toISOString() } }
      : {}),
    ...(manifest?.claim ? { claimGenerator: [manifest.claim.claimGeneratorName, manifest.claim.claimGeneratorVersion].filter(Boolean).join(' ') } : {}),
    ...(created?.digitalSourceType ? { digitalSourceType: created.digitalSourceType } : {}),
    ...xmpOf(bytes),
    actions: actions.map((a) => ({
      action: a.action,
      ...((a.description ?? a.parameters?.description) ? { description: a.description ?? a.parameters?.description } : {}),
      ...(a.softwareAgent ? { softwareAgent: [a.softwareAgent.name, a.softwareAgent.version].filter(Boolean).join(' ') } : {}),
    })),
    ...(generator && typeof generator === 'object' ? { generator: generator as Record<string, unknown> } : {}),
    checks: [...result.statusEntries]
      .sort((a, b) => Number(a.success) - Number(b.success))
      .map((e) => ({ code: e.code, success: e.success === true, ...(e.explanation ? { explanation: e.explanation } : {}) })),
  };
}

function xmpOf(bytes: Buffer): { xmpDigitalSourceType?: string } {
  try {
    const type = readDigitalSourceType(bytes);
    return type ? { xmpDigitalSourceType: type } : {};
  } catch {
    return {};
  }
}
