import { setTimeout as sleep } from 'node:timers/promises';
import { ApiException, CoreV1Api, type KubeConfig } from '@kubernetes/client-node';
import { requestOptions } from './request-options.js';

/** The one pod a drain waits for: the same name with another uid is a new pod. */
export interface PodIdentity {
  namespace: string;
  name: string;
  uid: string;
}

/** What one look at a pod shows: gone (404 or another uid), terminating, or still running. */
export type PodPresence = 'gone' | 'terminating' | 'present';

/** Reads the pod once and says whether the one we know is still there. */
export async function podPresence(
  kc: KubeConfig,
  pod: PodIdentity,
  signal?: AbortSignal,
): Promise<PodPresence> {
  try {
    const seen = await kc
      .makeApiClient(CoreV1Api)
      .readNamespacedPod({ name: pod.name, namespace: pod.namespace }, requestOptions(signal));
    if (seen.metadata?.uid !== pod.uid) return 'gone';
    return seen.metadata?.deletionTimestamp ? 'terminating' : 'present';
  } catch (error) {
    if (error instanceof ApiException && error.code === 404) return 'gone';
    throw error;
  }
}

/** Polls the pod every `pollMs` until it is gone; rejects when `signal` aborts. */
export async function waitForPodGone(
  kc: KubeConfig,
  pod: PodIdentity,
  options: { pollMs: number; signal: AbortSignal },
): Promise<void> {
  for (;;) {
    if ((await podPresence(kc, pod, options.signal)) === 'gone') return;
    await sleep(options.pollMs, undefined, { signal: options.signal });
  }
}
