// Deletes render Jobs whose render has closed: what a worker killed mid-render, a cancelled request
// on a worker that died before deleting, or a failure path that could not reach the API left
// behind. Run by a Temporal Schedule (workflows/sweep-render-jobs.ts) and `cubcanvas k8s sweep`.
import { BatchV1Api, type KubeConfig } from '@kubernetes/client-node';
import { ANNOTATION, LABEL, MANAGED_BY } from './naming';

export interface SweepReport {
  namespace: string;
  checked: number;
  /** Jobs deleted (or, in a dry run, that would be). */
  deleted: { job: string; renderId: string; reason: string }[];
  /** Jobs kept because their render still runs. */
  kept: string[];
  dryRun: boolean;
}

/** Whether the render workflow of that id is still running. */
export type RenderIsOpen = (renderId: string) => Promise<boolean>;

export class RenderJobSweeper {
  private readonly batch: BatchV1Api;

  constructor(
    kubeConfig: KubeConfig,
    readonly namespace: string,
  ) {
    this.batch = kubeConfig.makeApiClient(BatchV1Api);
  }

  async sweep(renderIsOpen: RenderIsOpen, opts: { dryRun?: boolean } = {}): Promise<SweepReport> {
    const report: SweepReport = { namespace: this.namespace, checked: 0, deleted: [], kept: [], dryRun: Boolean(opts.dryRun) };
    let _continue: string | undefined;
    do {
      const page = await this.batch.listNamespacedJob({ namespace: this.namespace, labelSelector: `${LABEL.managedBy}=${MANAGED_BY}`, limit: 200, _continue });
      for (const job of page.items) {
        const name = job.metadata?.name;
        if (!name || job.metadata?.deletionTimestamp) continue;
        report.checked++;
        const renderId = job.metadata?.annotations?.[ANNOTATION.renderId];
        const reason = !renderId ? 'no render id annotation' : (await renderIsOpen(renderId)) ? undefined : 'its render has closed';
        if (!reason) {
          report.kept.push(name);
          continue;
        }
        report.deleted.push({ job: name, renderId: renderId ?? '', reason });
        if (opts.dryRun) continue;
        try {
          await this.batch.deleteNamespacedJob({ name, namespace: this.namespace, propagationPolicy: 'Background' });
        } catch (err) {
          // Deleted by its TTL or another sweeper meanwhile: the goal is reached.
          if ((err as { code?: number }).code !== 404) throw err;
        }
      }
      _continue = page.metadata?._continue || undefined;
    } while (_continue);
    return report;
  }
}
