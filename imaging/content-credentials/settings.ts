// Settings of content credentials (C2PA): the signing certificate and key, and the trust anchors
// `cubcanvas verify` accepts. Spread into config/settings.ts's SETTINGS and Config. The defaults
// are the development certificate that `node scripts/setup.mjs` makes in .tools/c2pa-dev/.
import { join } from 'node:path';
import { bool, str, type Env, type SettingDoc } from '../../config/parse';
import { toolsDir } from '../../toolchain/pypi-binary';

export const DEV_CERTIFICATE_DIR = join(toolsDir, 'c2pa-dev');
export const DEV_FILES = {
  chain: join(DEV_CERTIFICATE_DIR, 'signer-chain.pem'),
  key: join(DEV_CERTIFICATE_DIR, 'signer.key'),
  ca: join(DEV_CERTIFICATE_DIR, 'ca.pem'),
};

export const CERTIFICATE_SETTING = 'CUBCANVAS_C2PA_CERTIFICATE';
export const PRIVATE_KEY_SETTING = 'CUBCANVAS_C2PA_PRIVATE_KEY';
export const TRUST_ANCHORS_SETTING = 'CUBCANVAS_C2PA_TRUST_ANCHORS';
export const INCLUDE_PROMPT_SETTING = 'CUBCANVAS_C2PA_INCLUDE_PROMPT';

export const CONTENT_CREDENTIALS_SETTINGS: SettingDoc[] = [
  {
    name: CERTIFICATE_SETTING,
    default: '.tools/c2pa-dev/signer-chain.pem',
    meaning:
      'Certificate chain that signs the C2PA manifest of every published picture (PEM: the signer first, then intermediates; ES256, ES384 or Ed25519 key; digitalSignature key usage and emailProtection or documentSigning extended key usage). A file path, or the PEM text itself (a Kubernetes Secret as an environment variable). The default is the self-signed development chain the setup makes; checked at start-up: missing, expired or unfit stops the worker.',
  },
  {
    name: PRIVATE_KEY_SETTING,
    default: '.tools/c2pa-dev/signer.key',
    meaning: "Private key of that certificate (PEM, PKCS#8 or SEC1): a file path or the PEM text. Must match the certificate's public key.",
  },
  {
    name: TRUST_ANCHORS_SETTING,
    default: '.tools/c2pa-dev/ca.pem',
    meaning:
      '`cubcanvas verify`: PEM file (or text) of the root certificates whose signers it reports as trusted; a valid manifest from any other signer is reported as valid but untrusted.',
  },
  {
    name: INCLUDE_PROMPT_SETTING,
    default: 'false',
    meaning:
      "true: the C2PA manifest also states the prompt as the user wrote it (`prompt` in the generator parameters). Off by default: a child's prompt may hold a name, and a published picture travels.",
  },
];

export interface ContentCredentialsSettings {
  /** Path or PEM text of the certificate chain. */
  certificate: string;
  /** Path or PEM text of the private key. */
  privateKey: string;
  /** Path or PEM text of the trust anchors. */
  trustAnchors: string;
  /** Whether the manifest states the prompt text (off: it never does). */
  includePrompt: boolean;
}

export function loadContentCredentialsSettings(env: Env): ContentCredentialsSettings {
  return {
    certificate: str(env, CERTIFICATE_SETTING, DEV_FILES.chain),
    privateKey: str(env, PRIVATE_KEY_SETTING, DEV_FILES.key),
    trustAnchors: str(env, TRUST_ANCHORS_SETTING, DEV_FILES.ca),
    includePrompt: bool(env, INCLUDE_PROMPT_SETTING, false),
  };
}
