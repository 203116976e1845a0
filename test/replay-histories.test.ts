// Determinism: the histories of real runs of every workflow (a request, its shared render, a render
// group, a batch with a rejection, a regeneration and a failure) replay against the workflow code
// without a nondeterminism error.
import { afterEach, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { batchWorkflowId, type BatchResult } from '../domain/batch';
import { groupWorkflowId } from '../domain/render-group';
import { FsBlobStore } from '../storage/fs-store';
import { ScriptedBackend } from './support/scripted-backend';
import { replayClosedHistories } from './support/replay';
import { startPipeline, testConfig, uniquePrompt, uniqueTag, type TestPipeline } from './support/pipeline';

let p: TestPipeline | undefined;
afterEach(async () => {
  await p?.stop();
  p = undefined;
});

describe('workflow histories replay', () => {
  it('replays a request, its render, a render group and a whole batch without nondeterminism', async () => {
    const config = testConfig();
    const store = new FsBlobStore(join(config.dataDir, 'store'));
    let frogSeed: number | undefined;
    const backend = new ScriptedBackend(store, (task) => {
      if (task.prompt.includes('grumpy')) return 'broken';
      if (task.prompt.includes('gloomy')) return (frogSeed ??= task.seed) === task.seed ? 'dark' : 'good';
      return 'good';
    });
    p = await startPipeline({ config, overrides: { store, backend } });
    const pipeline = p;
    const tag = uniqueTag();
    const request = await pipeline.client.generate({ prompt: uniquePrompt('yak'), size: 'small' });
    expect(request.status).toBe('completed');
    const groupId = `replay-${tag}`;
    await pipeline.temporal.workflow.execute('renderGroup', {
      workflowId: groupWorkflowId(groupId),
      taskQueue: pipeline.config.taskQueue,
      args: [
        {
          groupId,
          tasks: [1, 2].map((i) => ({
            taskId: `t${i}`,
            spec: { cacheKey: `r${i}${tag}`, prompt: `a cute mole ${i}`, negativePrompt: '', width: 512, height: 512, seed: i, style: 'storybook' },
          })),
        },
      ],
    });
    await store.put(
      'manifests/replay.csv',
      Buffer.from(
        `id,prompt,size\na,a happy seal ${tag},small\nb,a cute puppy holding a loaded gun,small\nc,a grumpy owl ${tag},small\nd,a gloomy frog ${tag},small\n`,
      ),
    );
    const batchId = `replay-${tag}`;
    const batch = (await pipeline.temporal.workflow.execute('dailyBatch', {
      workflowId: batchWorkflowId(batchId),
      taskQueue: pipeline.config.taskQueue,
      args: [{ batchId, manifestKey: 'manifests/replay.csv', groupSize: 10, maxConcurrentJobs: 2 }],
    })) as BatchResult;
    expect(batch.counts).toMatchObject({ completed: 2, rejected: 1, failed: 1 });

    const types = new Set<string>();
    for await (const wf of pipeline.temporal.workflow.list({ query: `TaskQueue = '${pipeline.config.taskQueue}'` })) types.add(wf.type);
    expect([...types].sort()).toEqual(['dailyBatch', 'generateImage', 'renderGroup', 'renderImage']);
    const { replayed } = await replayClosedHistories(pipeline.temporal, pipeline.config.taskQueue);
    expect(replayed).toBeGreaterThanOrEqual(8);
  });
});
