// Content credentials: a C2PA 2.x manifest (claim v2) signed into the published PNG, saying that
// the picture was made by a trained model (IPTC trainedAlgorithmicMedia), with what, for which
// request, and that a visible label was drawn on it. The data-hash binding covers every byte but
// the manifest's own caBX chunk, so this must be the last write: anything written after it (a
// tEXt chunk, a re-encode) breaks the binding, which `verify` then reports as tampered.
import { randomUUID } from 'node:crypto';
import type { Action, ClaimVersion } from '@trustnxt/c2pa-ts/manifest';
import { version as packageVersion } from '../../package.json';
import type { Provenance } from '../watermark';
import { loadC2paLib } from './c2pa-lib';
import type { PictureSigner } from './signer';
import { TRAINED_ALGORITHMIC_MEDIA, withDigitalSourceTypeXmp } from './xmp';

/** C2PA 2.x claims (c2pa.claim.v2); c2pa-ts's enum value, which loads only as an ES module. */
const CLAIM_V2 = 1 as ClaimVersion;

export const GENERATOR_NAME = 'cubcanvas';
/** Parameters of the c2pa.created action that say what made the picture (read back by `verify`). */
export const GENERATOR_PARAMETERS = 'com.cubcanvas.generator';

export interface CredentialFacts {
  provenance: Provenance;
  /** The visible label drawn on the picture. */
  watermarkText: string;
  /** cubcanvas's own version; default: package.json's. */
  version?: string;
  /** The prompt, stated only when CUBCANVAS_C2PA_INCLUDE_PROMPT asks for it; absent otherwise. */
  prompt?: string;
}

/** What the manifest states about the render; the prompt text only when it is given (an opt-in setting). */
export function generatorParameters(p: Provenance, prompt?: string): Record<string, unknown> {
  const env = p.environment;
  return {
    requestId: p.requestId,
    cacheKey: p.cacheKey,
    model: p.model,
    graphVersion: p.workflowVersion,
    seed: p.seed,
    preview: p.preview,
    ...(env?.comfyuiVersion ? { comfyuiVersion: env.comfyuiVersion } : {}),
    ...(env?.comfyuiRevision ? { comfyuiRevision: env.comfyuiRevision } : {}),
    // The model files (diffusion model, LoRA, text encoder, VAE) with their hashes, as the runner reported them.
    ...(env?.models.length ? { modelFiles: env.models.map((m) => ({ name: m.name, sha256: m.sha256 })) } : {}),
    ...(prompt !== undefined ? { prompt } : {}),
  };
}

function actions(facts: CredentialFacts, version: string): Action[] {
  const agent = { name: GENERATOR_NAME, version };
  return [
    {
      action: 'c2pa.created' as Action['action'],
      digitalSourceType: TRAINED_ALGORITHMIC_MEDIA as Action['digitalSourceType'],
      softwareAgent: agent,
      // In parameters: c2pa-ts 0.9 does not write an action's own description field.
      parameters: {
        description: facts.provenance.preview ? 'cubcanvas preview render (CPU drawing, no model)' : `rendered by ${facts.provenance.model}`,
        [GENERATOR_PARAMETERS]: generatorParameters(facts.provenance, facts.prompt),
      },
    },
    {
      // C2PA 2.x reserves c2pa.watermarked for an invisible watermark that a soft-binding assertion
      // describes (the official validator fails the manifest without one: assertion.action.softBindingMissing);
      // a visible label drawn on the pixels is an edit.
      action: 'c2pa.edited' as Action['action'],
      softwareAgent: agent,
      parameters: {
        description: `visible watermark label "${facts.watermarkText}" drawn on the picture`,
        'com.cubcanvas.visibleWatermark': facts.watermarkText,
      },
    },
  ];
}

/** The PNG with the XMP digital source type and a signed C2PA manifest added (replacing any there). */
export async function signPicture(png: Buffer, signer: PictureSigner, facts: CredentialFacts): Promise<Buffer> {
  const { asset: assets, manifest: c2pa } = await loadC2paLib();
  const { ActionAssertion, DataHashAssertion, ManifestStore } = c2pa;
  const asset = new assets.PNG(new Uint8Array(withDigitalSourceTypeXmp(png)));
  const store = new ManifestStore();
  const manifest = store.createManifest({
    claimVersion: CLAIM_V2,
    assetFormat: 'image/png',
    instanceID: `xmp:iid:${randomUUID()}`,
    defaultHashAlgorithm: 'SHA-256',
    signer,
  });
  manifest.claim!.claimGeneratorName = GENERATOR_NAME;
  const version = facts.version ?? packageVersion;
  manifest.claim!.claimGeneratorVersion = version;
  const actionAssertion = new ActionAssertion();
  actionAssertion.actions = actions(facts, version);
  manifest.addAssertion(actionAssertion);
  const hardBinding = DataHashAssertion.create('SHA-256');
  manifest.addAssertion(hardBinding);
  // Room for the manifest first (a new caBX chunk), then the hash over everything but that chunk.
  await asset.ensureManifestSpace(store.measureSize());
  await hardBinding.updateWithAsset(asset);
  await manifest.sign(signer);
  await asset.writeManifestJUMBF(store.getBytes());
  return Buffer.from(await asset.getDataRange());
}
