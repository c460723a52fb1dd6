import { ApiException, CoreV1Api, type KubeConfig, type V1Pod } from '@kubernetes/client-node';
import { requestOptions } from './request-options.js';

/** Creates a pod (the caller journals it first). */
export function createPod(kc: KubeConfig, pod: V1Pod, signal?: AbortSignal): Promise<V1Pod> {
  return kc
    .makeApiClient(CoreV1Api)
    .createNamespacedPod(
      { namespace: pod.metadata!.namespace!, body: pod },
      requestOptions(signal),
    );
}

/** Reads a pod as stored now. */
export function readPod(
  kc: KubeConfig,
  at: { namespace: string; name: string },
  signal?: AbortSignal,
): Promise<V1Pod> {
  return kc.makeApiClient(CoreV1Api).readNamespacedPod(at, requestOptions(signal));
}

/** The pod's log, or undefined when it cannot be read (no `pods/log` right, already gone). */
export async function readPodLog(
  kc: KubeConfig,
  at: { namespace: string; name: string },
): Promise<string | undefined> {
  try {
    return await kc.makeApiClient(CoreV1Api).readNamespacedPodLog({ ...at, tailLines: 20 });
  } catch {
    return undefined;
  }
}

/** Deletes a pod at once (grace 0); a pod already gone counts as deleted. */
export async function deletePodNow(
  kc: KubeConfig,
  at: { namespace: string; name: string },
): Promise<void> {
  try {
    await kc.makeApiClient(CoreV1Api).deleteNamespacedPod({ ...at, gracePeriodSeconds: 0 });
  } catch (error) {
    if (error instanceof ApiException && error.code === 404) return;
    throw error;
  }
}
