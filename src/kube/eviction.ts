import { ApiException, CoreV1Api, type KubeConfig } from '@kubernetes/client-node';
import { requestOptions } from './request-options.js';

/** How the API server answered one eviction (or deletion) of a pod. */
export type EvictionAnswer =
  /** Granted: the pod is terminating (or, in a dry run, would be). */
  | { kind: 'granted' }
  /** The pod no longer exists. */
  | { kind: 'gone' }
  /** 429: a PodDisruptionBudget allows no disruption now; retry later. */
  | { kind: 'pdb'; pdb?: string; message: string }
  /** 403 NamespaceTerminating: the namespace is being deleted; retry later. */
  | { kind: 'namespace-terminating'; message: string }
  /** Anything else (403, several PDBs = 500, ...): retrying will not help. */
  | { kind: 'refused'; code: number; message: string };

/** What one eviction request carries. */
export interface EvictRequest {
  namespace: string;
  name: string;
  gracePeriodSeconds?: number;
  dryRun?: boolean;
  signal?: AbortSignal;
}

/**
 * Asks the API server to evict a pod (the eviction subresource, which honours PDBs). A 201 Status
 * comes back mapped onto V1Eviction by client-node: success is simply "no exception".
 */
export async function evictPod(kc: KubeConfig, r: EvictRequest): Promise<EvictionAnswer> {
  const deleteOptions = {
    ...(r.gracePeriodSeconds !== undefined ? { gracePeriodSeconds: r.gracePeriodSeconds } : {}),
    ...(r.dryRun ? { dryRun: ['All'] } : {}),
  };
  try {
    await kc.makeApiClient(CoreV1Api).createNamespacedPodEviction(
      {
        name: r.name,
        namespace: r.namespace,
        ...(r.dryRun ? { dryRun: 'All' } : {}),
        body: {
          apiVersion: 'policy/v1',
          kind: 'Eviction',
          metadata: { name: r.name, namespace: r.namespace },
          deleteOptions,
        },
      },
      requestOptions(r.signal),
    );
    return { kind: 'granted' };
  } catch (error) {
    return answerOf(error);
  }
}

/** Deletes a pod directly (no PDB check): what "disable eviction" does. */
export async function deletePod(kc: KubeConfig, r: EvictRequest): Promise<EvictionAnswer> {
  try {
    await kc.makeApiClient(CoreV1Api).deleteNamespacedPod(
      {
        name: r.name,
        namespace: r.namespace,
        ...(r.gracePeriodSeconds !== undefined ? { gracePeriodSeconds: r.gracePeriodSeconds } : {}),
        ...(r.dryRun ? { dryRun: 'All' } : {}),
      },
      requestOptions(r.signal),
    );
    return { kind: 'granted' };
  } catch (error) {
    return answerOf(error);
  }
}

interface StatusBody {
  message?: string;
  details?: { causes?: Array<{ reason?: string; message?: string }> };
}

/** Turns an API error into an answer; anything that is not an API answer is thrown on. */
function answerOf(error: unknown): EvictionAnswer {
  if (!(error instanceof ApiException)) throw error;
  const status = parseStatus(error.body);
  const message = status.message ?? `HTTP ${error.code}`;
  const causes = status.details?.causes ?? [];
  if (error.code === 404) return { kind: 'gone' };
  if (error.code === 429) {
    const budget = causes.find((c) => c.reason === 'DisruptionBudget')?.message;
    const pdb = budget ? /disruption budget (\S+)/i.exec(budget)?.[1] : undefined;
    return { kind: 'pdb', ...(pdb ? { pdb } : {}), message: budget ?? message };
  }
  if (error.code === 403 && causes.some((c) => c.reason === 'NamespaceTerminating')) {
    return { kind: 'namespace-terminating', message };
  }
  return { kind: 'refused', code: error.code, message };
}

function parseStatus(body: unknown): StatusBody {
  if (typeof body === 'string') {
    try {
      return JSON.parse(body) as StatusBody;
    } catch {
      return { message: body };
    }
  }
  return body ?? {};
}
