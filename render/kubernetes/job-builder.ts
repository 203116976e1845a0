// Builds the batch/v1 Job of one render launch from settings. Pure: the same inputs give the same
// Job, which is what makes a re-created Job identical to the one a 409 adopts.
import type { V1EnvVar, V1Job, V1Volume, V1VolumeMount } from '@kubernetes/client-node';
import type { KubernetesSettings } from '../../config/kubernetes-settings';
import { EXIT } from '../../runner/contract';
import { ANNOTATION, LABEL, MANAGED_BY, RUNNER_CONTAINER, labelValue, renderDigest } from './naming';

export interface RenderJobIdentity {
  name: string;
  renderId: string;
  attempt: number;
  launch: number;
  requestId?: string;
  taskQueue: string;
  /** Blob-store key of the runner's job (RUNNER_JOB_KEY): the spec travels without image bytes. */
  jobKey: string;
  manifestKey: string;
}

/**
 * The runner's non-secret storage settings (bucket, endpoint, prefix, region): the same store the
 * worker uses. Credentials come from the Secret named in the settings, never from here.
 */
export type StorageEnv = Record<string, string>;

const MODEL_VOLUME = 'models';

export function buildRenderJob(settings: KubernetesSettings, id: RenderJobIdentity, storageEnv: StorageEnv): V1Job {
  if (!settings.runnerImage) throw new Error('CUBCANVAS_K8S_RUNNER_IMAGE is not set');
  const labels: Record<string, string> = {
    [LABEL.managedBy]: MANAGED_BY,
    [LABEL.component]: 'render',
    [LABEL.render]: renderDigest(id.renderId),
    [LABEL.attempt]: String(id.attempt),
    [LABEL.launch]: String(id.launch),
  };
  if (id.requestId) labels[LABEL.request] = labelValue(id.requestId);
  // Kueue reads the queue from the Job's own labels; the pod template does not need it.
  const jobLabels = settings.kueueQueue ? { ...labels, [LABEL.kueueQueue]: settings.kueueQueue } : labels;
  const annotations: Record<string, string> = {
    [ANNOTATION.renderId]: id.renderId,
    [ANNOTATION.jobKey]: id.jobKey,
    [ANNOTATION.manifestKey]: id.manifestKey,
    [ANNOTATION.taskQueue]: id.taskQueue,
  };
  if (id.requestId) annotations[ANNOTATION.requestId] = id.requestId;

  const env: V1EnvVar[] = [
    ...Object.entries(storageEnv).map(([name, value]) => ({ name, value })),
    { name: 'RUNNER_JOB_KEY', value: id.jobKey },
    { name: 'RUNNER_POD_NAME', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } },
  ];
  const volumes: V1Volume[] = [];
  const mounts: V1VolumeMount[] = [];
  const mv = settings.modelVolume;
  if (mv) {
    volumes.push(
      mv.kind === 'pvc'
        ? { name: MODEL_VOLUME, persistentVolumeClaim: { claimName: mv.claimName, readOnly: true } }
        : { name: MODEL_VOLUME, nfs: { server: mv.server, path: mv.path, readOnly: true } },
    );
    mounts.push({ name: MODEL_VOLUME, mountPath: settings.modelMountPath, readOnly: true });
  }
  const limits: Record<string, string> = { cpu: settings.cpuLimit, memory: settings.memoryLimit };
  const requests: Record<string, string> = { cpu: settings.cpuRequest, memory: settings.memoryRequest };
  if (settings.gpuCount > 0) {
    // Extended resources must have request = limit; the device plugin hands out whole GPUs.
    limits['nvidia.com/gpu'] = String(settings.gpuCount);
    requests['nvidia.com/gpu'] = String(settings.gpuCount);
  }

  return {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: { name: id.name, labels: jobLabels, annotations },
    spec: {
      backoffLimit: settings.backoffLimit,
      activeDeadlineSeconds: settings.activeDeadlineSeconds,
      ttlSecondsAfterFinished: settings.ttlSecondsAfterFinished,
      completions: 1,
      parallelism: 1,
      // Required with a podFailurePolicy: a replacement pod starts only once the old one is gone,
      // so two pods never hold a GPU for the same render.
      podReplacementPolicy: 'Failed',
      podFailurePolicy: {
        rules: [
          // The runner's "running again will not help": fail at once, no backoff.
          { action: 'FailJob', onExitCodes: { containerName: RUNNER_CONTAINER, operator: 'In', values: [EXIT.nonRetryable] } },
          // Preempted node, eviction, node shutdown: not the render's fault, not counted.
          { action: 'Ignore', onPodConditions: [{ type: 'DisruptionTarget', status: 'True' }] },
          // The runner's "worth running again": counted against backoffLimit.
          { action: 'Count', onExitCodes: { containerName: RUNNER_CONTAINER, operator: 'In', values: [EXIT.retryable] } },
        ],
      },
      template: {
        metadata: { labels, annotations: { [ANNOTATION.renderId]: id.renderId } },
        spec: {
          restartPolicy: 'Never',
          // Pod deletion on cancellation: the runner interrupts ComfyUI and writes its manifest on SIGTERM.
          terminationGracePeriodSeconds: 20,
          automountServiceAccountToken: false,
          // The runner image runs as 10001 (runner/Dockerfile); the pod passes PodSecurity "restricted".
          securityContext: { runAsNonRoot: true, runAsUser: 10001, runAsGroup: 10001, seccompProfile: { type: 'RuntimeDefault' } },
          ...(settings.serviceAccount ? { serviceAccountName: settings.serviceAccount } : {}),
          ...(settings.imagePullSecret ? { imagePullSecrets: [{ name: settings.imagePullSecret }] } : {}),
          ...(Object.keys(settings.nodeSelector).length ? { nodeSelector: settings.nodeSelector } : {}),
          ...(settings.tolerations.length ? { tolerations: settings.tolerations } : {}),
          ...(volumes.length ? { volumes } : {}),
          containers: [
            {
              name: RUNNER_CONTAINER,
              image: settings.runnerImage,
              imagePullPolicy: settings.imagePullPolicy,
              ...(settings.runnerCommand ? { command: settings.runnerCommand } : {}),
              env,
              ...(settings.storageSecret ? { envFrom: [{ secretRef: { name: settings.storageSecret } }] } : {}),
              resources: { requests, limits },
              ...(mounts.length ? { volumeMounts: mounts } : {}),
              // Last lines of the log become the termination message kubectl describe shows.
              terminationMessagePolicy: 'FallbackToLogsOnError',
              securityContext: { allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] } },
            },
          ],
        },
      },
    },
  };
}
