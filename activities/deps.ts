// Everything activities need, handed in by the worker (or a test): activities never read
// configuration or open connections themselves.
import type { Client } from '@temporalio/client';
import type { PriceTable } from '../domain/cost';
import type { PictureSafetyCheck } from '../domain/picture-safety';
import type { Lexicon } from '../domain/screening/lexicon';
import type { PictureSigner } from '../imaging/content-credentials/signer';
import type { WatermarkOptions } from '../imaging/watermark';
import type { GuardModel } from '../moderation/guard-model';
import type { RenderBackend } from '../render/backend';
import type { RenderJobSweeper } from '../render/kubernetes/sweeper';
import type { BlobStore } from '../storage/blob-store';
import type { WebhookSender } from '../webhooks/sender';

export interface ActivityDeps {
  store: BlobStore;
  backend: RenderBackend;
  lexicon: Lexicon;
  /** The optional guard model, asked after the local screening layers allow a prompt (CUBCANVAS_MODERATION_URL). */
  guardModel?: GuardModel;
  /**
   * Every check run on each rendered picture before it is published (validate step); all must say
   * safe. The nsfwjs classifier always; the guard model when configured. Loaded once per worker.
   */
  pictureChecks: PictureSafetyCheck[];
  prices: PriceTable;
  currency: string;
  watermark: WatermarkOptions;
  /** Signs the C2PA manifest of every published picture; loaded and checked once at start-up (the content-credentials settings). */
  signer: PictureSigner;
  /** CUBCANVAS_C2PA_INCLUDE_PROMPT: the manifest states the prompt text (off by default). */
  promptInCredentials?: boolean;
  /** Used to start or join the shared render workflow and to report render progress. */
  temporal: Client;
  taskQueue: string;
  /** Set with the kubernetes backend: deletes render Jobs whose render has closed. */
  jobSweeper?: RenderJobSweeper;
  /** Signs and sends webhook events; absent when CUBCANVAS_WEBHOOK_ALLOWED_HOSTS is empty (webhooks off). */
  webhooks?: WebhookSender;
  now?: () => Date;
}
