// The settings groups are zod schemas (config/env-schema.ts): each bad value stops start-up with a
// ConfigError that names the variable, quotes what was given and says what is expected; unset and
// blank mean the default; text is coerced to numbers, booleans, lists and objects.
import { describe, expect, it } from 'vitest';
import { loadKubernetesSettings, loadWorkerSettings } from '../config/kubernetes-settings';
import { bool, num, oneOf, str } from '../config/parse';
import { loadConfig } from '../config/settings';
import { ConfigError } from '../domain/errors';
import { loadTracingSettings } from '../telemetry/settings';

const S3 = { CUBCANVAS_STORAGE: 's3', CUBCANVAS_S3_BUCKET: 'cubcanvas-test' };

/** The ConfigError `load` throws (the test fails when it throws nothing or something else). */
function configError(load: () => unknown): ConfigError {
  try {
    load();
  } catch (err) {
    if (err instanceof ConfigError) return err;
    throw err;
  }
  throw new Error('no ConfigError was thrown');
}

describe('settings on zod: a bad value names the setting, the value and what is expected', () => {
  it.each([
    // numbers: not a number, not an integer, out of range
    [{ CUBCANVAS_K8S_GPUS: 'two' }, 'CUBCANVAS_K8S_GPUS', '"two" is not an integer in 0..8'],
    [{ CUBCANVAS_MAX_CONCURRENT_ACTIVITIES: '2.5' }, 'CUBCANVAS_MAX_CONCURRENT_ACTIVITIES', '"2.5" is not an integer in 1..256'],
    [{ CUBCANVAS_UI_PORT: '70000' }, 'CUBCANVAS_UI_PORT', '"70000" is not an integer in 1..65535'],
    [{ CUBCANVAS_WATERMARK_OPACITY: 'half' }, 'CUBCANVAS_WATERMARK_OPACITY', '"half" is not a number in 0.05..1'],
    [{ CUBCANVAS_WORKER_SHUTDOWN_GRACE_SECONDS: '-1' }, 'CUBCANVAS_WORKER_SHUTDOWN_GRACE_SECONDS', '"-1" is not an integer in 0..3600'],
    // enums
    [{ CUBCANVAS_STORAGE: 'gcs' }, 'CUBCANVAS_STORAGE', '"gcs" is not one of fs, s3'],
    [{ CUBCANVAS_K8S_IMAGE_PULL_POLICY: 'Sometimes' }, 'CUBCANVAS_K8S_IMAGE_PULL_POLICY', '"Sometimes" is not one of Always, IfNotPresent, Never'],
    [{ CUBCANVAS_WATERMARK_CORNER: 'centre' }, 'CUBCANVAS_WATERMARK_CORNER', '"centre" is not one of'],
    // booleans
    [{ ...S3, CUBCANVAS_S3_FORCE_PATH_STYLE: 'Maybe' }, 'CUBCANVAS_S3_FORCE_PATH_STYLE', '"maybe" is not true or false'],
    // required values
    [{ CUBCANVAS_STORAGE: 's3' }, 'CUBCANVAS_S3_BUCKET', 'is required when CUBCANVAS_STORAGE=s3'],
    [{ CUBCANVAS_STORAGE: 's3', CUBCANVAS_S3_BUCKET: '   ' }, 'CUBCANVAS_S3_BUCKET', 'is required when CUBCANVAS_STORAGE=s3'],
    [{ CUBCANVAS_BACKEND: 'comfyui' }, 'CUBCANVAS_COMFYUI_URL', 'is required when CUBCANVAS_BACKEND=comfyui'],
    [{ ...S3, CUBCANVAS_BACKEND: 'kubernetes', CUBCANVAS_GPU_TYPE: 'A10G' }, 'CUBCANVAS_K8S_RUNNER_IMAGE', 'is required when CUBCANVAS_BACKEND=kubernetes'],
    [{ ...S3, CUBCANVAS_BACKEND: 'kubernetes', CUBCANVAS_K8S_RUNNER_IMAGE: 'r:1' }, 'CUBCANVAS_GPU_TYPE', 'is required when CUBCANVAS_BACKEND=kubernetes'],
    // patterns and parsed values
    [{ CUBCANVAS_S3_BUCKET: 'Bad_Bucket', CUBCANVAS_STORAGE: 's3' }, 'CUBCANVAS_S3_BUCKET', '"Bad_Bucket" is not a valid bucket name'],
    [{ CUBCANVAS_GPU_PRICES: 'A10G=4.8,H100' }, 'CUBCANVAS_GPU_PRICES', '"H100" is not GPU_TYPE=PRICE_PER_HOUR'],
    [{ CUBCANVAS_GPU_TYPE: 'B200' }, 'CUBCANVAS_GPU_TYPE', '"B200" has no price in CUBCANVAS_GPU_PRICES'],
    [{ CUBCANVAS_COMFYUI_URL: 'ftp://gpu-box' }, 'CUBCANVAS_COMFYUI_URL', '"ftp://gpu-box" is not an http(s) URL'],
    [{ CUBCANVAS_K8S_CPU: '4/8/16' }, 'CUBCANVAS_K8S_CPU', '"4/8/16" is not QUANTITY or REQUEST/LIMIT'],
    [{ CUBCANVAS_K8S_RUNNER_COMMAND: '["node", ""]' }, 'CUBCANVAS_K8S_RUNNER_COMMAND', '["node", ""] is not a JSON array of non-empty strings'],
    [{ CUBCANVAS_K8S_TOLERATIONS: 'gpu:Sometimes' }, 'CUBCANVAS_K8S_TOLERATIONS', '"gpu:Sometimes" is not key[=value]'],
    [{ CUBCANVAS_K8S_NODE_SELECTOR: 'gpu' }, 'CUBCANVAS_K8S_NODE_SELECTOR', '"gpu" is not label-key=label-value'],
    [{ CUBCANVAS_K8S_MODEL_VOLUME: 's3:bucket' }, 'CUBCANVAS_K8S_MODEL_VOLUME', '"s3:bucket" is not pvc:CLAIM-NAME'],
    [{ CUBCANVAS_K8S_STORAGE_SECRET: 'Not_A_Name' }, 'CUBCANVAS_K8S_STORAGE_SECRET', '"Not_A_Name" is not a valid Kubernetes name'],
    [{ CUBCANVAS_K8S_NAMESPACE: 'a.b' }, 'CUBCANVAS_K8S_NAMESPACE', '"a.b" is not a Kubernetes namespace name'],
    [{ CUBCANVAS_WATERMARK_TEXT: 'x'.repeat(61) }, 'CUBCANVAS_WATERMARK_TEXT', 'is longer than 60 characters'],
  ])('%j: %s', (env, setting, problem) => {
    const err = configError(() => loadConfig(env));
    expect(err.setting).toBe(setting);
    expect(err.message).toContain(`configuration ${setting}: ${problem}`);
  });
});

describe('settings on zod: coercion and defaults', () => {
  it('treats unset and blank alike (the default) and trims what is set', () => {
    const blank = loadConfig({ CUBCANVAS_PREVIEW_STEPS: '  ', CUBCANVAS_BACKEND: '', CUBCANVAS_K8S_TOLERATIONS: ' ' });
    expect(blank.preview.steps).toBe(8);
    expect(blank.backend).toBe('preview');
    expect(blank.kubernetes.tolerations).toEqual([{ key: 'nvidia.com/gpu', operator: 'Exists', effect: 'NoSchedule' }]);
    const set = loadConfig({ CUBCANVAS_PREVIEW_STEPS: ' 12 ', CUBCANVAS_WATERMARK_OPACITY: '0.5', CUBCANVAS_TASK_QUEUE: ' q-2 ' });
    expect(set.preview.steps).toBe(12);
    expect(set.watermark.opacity).toBe(0.5);
    expect(set.taskQueue).toBe('q-2');
  });

  it('coerces booleans, lists, quantities and JSON from their text', () => {
    const c = loadConfig({
      ...S3,
      CUBCANVAS_S3_FORCE_PATH_STYLE: 'YES',
      AWS_DEFAULT_REGION: 'eu-west-1',
      CUBCANVAS_K8S_CPU: '2',
      CUBCANVAS_K8S_NODE_SELECTOR: 'gpu=a10g, zone=b',
      CUBCANVAS_K8S_TOLERATIONS: 'gpu=yes:NoExecute,spot',
      CUBCANVAS_K8S_MODEL_VOLUME: 'nfs:files:/models',
      CUBCANVAS_K8S_RUNNER_COMMAND: '["node","/app/runner/main.js"]',
      CUBCANVAS_K8S_IMAGE_PULL_SECRET: 'none',
    });
    expect(c.s3).toMatchObject({ forcePathStyle: true, region: 'eu-west-1', urlExpirySeconds: 3600, prefix: '' });
    expect(c.kubernetes).toMatchObject({
      cpuRequest: '2',
      cpuLimit: '2',
      memoryRequest: '24Gi',
      memoryLimit: '32Gi',
      nodeSelector: { gpu: 'a10g', zone: 'b' },
      tolerations: [
        { key: 'gpu', operator: 'Equal', value: 'yes', effect: 'NoExecute' },
        { key: 'spot', operator: 'Exists' },
      ],
      modelVolume: { kind: 'nfs', server: 'files', path: '/models' },
      runnerCommand: ['node', '/app/runner/main.js'],
      imagePullSecret: undefined,
      storageSecret: 'cubcanvas-storage',
    });
    // AWS_REGION wins over AWS_DEFAULT_REGION.
    expect(loadConfig({ ...S3, AWS_REGION: 'ap-east-1', AWS_DEFAULT_REGION: 'eu-west-1' }).s3?.region).toBe('ap-east-1');
  });

  it('keeps the group defaults of the kubernetes and worker settings', () => {
    expect(loadWorkerSettings({})).toEqual({ healthPort: 0, shutdownGraceSeconds: 25 });
    expect(loadKubernetesSettings({}, false)).toMatchObject({
      namespace: 'cubcanvas',
      imagePullPolicy: 'IfNotPresent',
      gpuCount: 1,
      modelVolume: { kind: 'pvc', claimName: 'cubcanvas-models' },
      modelMountPath: '/models',
      ttlSecondsAfterFinished: 300,
      activeDeadlineSeconds: 1800,
      backoffLimit: 1,
      unschedulableTimeoutSeconds: 300,
      sweepIntervalMinutes: 10,
    });
  });

  it('gives the single-setting readers of other modules the same rules and messages', () => {
    expect(num({ X_PORT: ' 81 ' }, 'X_PORT', 80, 1, 65535)).toBe(81);
    expect(num({}, 'X_PORT', 80, 1, 65535)).toBe(80);
    expect(bool({ X_ON: 'No' }, 'X_ON', true)).toBe(false);
    expect(str({ X_NAME: '' }, 'X_NAME', 'fallback')).toBe('fallback');
    const err = configError(() => num({ X_PORT: '0x' }, 'X_PORT', 80, 1, 65535));
    expect(err.message).toBe('configuration X_PORT: "0x" is not an integer in 1..65535');
    expect(configError(() => bool({ X_ON: 'on' }, 'X_ON', true)).message).toBe('configuration X_ON: "on" is not true or false');
  });

  it('reads a choice in any case, spelled as the list spells it (log level, exporter, guard format)', () => {
    const levels = ['TRACE', 'DEBUG', 'INFO', 'WARN', 'ERROR'] as const;
    expect(oneOf({ X_LEVEL: ' debug ' }, 'X_LEVEL', levels)).toBe('DEBUG');
    expect(oneOf({ X_LEVEL: '' }, 'X_LEVEL', levels)).toBeUndefined();
    expect(oneOf({}, 'X_LEVEL', levels, 'WARN')).toBe('WARN');
    expect(configError(() => oneOf({ X_LEVEL: 'loud' }, 'X_LEVEL', levels)).message).toBe(
      'configuration X_LEVEL: "loud" is not one of TRACE, DEBUG, INFO, WARN, ERROR',
    );
    expect(configError(() => loadTracingSettings({ CUBCANVAS_OTEL: 'jaeger' })).message).toBe(
      'configuration CUBCANVAS_OTEL: "jaeger" is not one of otlp, console, off',
    );
    expect(loadTracingSettings({ CUBCANVAS_OTEL: 'Console' })?.exporter).toBe('console');
  });
});
