// The sweeper's activity: deletes render Jobs whose render workflow has closed. Thin: the work is
// render/kubernetes/sweeper.ts.
import { ConfigError } from '../domain/errors';
import type { SweepReport } from '../render/kubernetes/sweeper';
import { renderIsOpen } from '../temporal/render-is-open';
import type { ActivityDeps } from './deps';

export function sweepActivities(deps: ActivityDeps) {
  return {
    async sweepRenderJobs({ dryRun = false }: { dryRun?: boolean } = {}): Promise<SweepReport> {
      if (!deps.jobSweeper) throw new ConfigError('CUBCANVAS_BACKEND', 'the render Job sweeper needs the kubernetes backend');
      return deps.jobSweeper.sweep(renderIsOpen(deps.temporal), { dryRun });
    },
  };
}
