import type { SimClock } from '../clock.js';
import type { KubeObject } from '../contracts.js';
import type { SimResponse } from '../http.js';
import { kubeStatus } from '../server.js';
import { isPodReady, podPhase } from './pod-status.js';
import type { PodLifecycle } from './pods.js';
import { R } from './resources.js';
import { fromSelectorObject, matchesLabels } from './selectors.js';
import { notFound, successStatus } from './status.js';
import type { Store } from './store.js';
import { isRecord, specOf, statusOf, arr } from './types.js';

/** Options of one eviction: dry run, and the grace period from `deleteOptions`. */
export interface EvictOptions {
  dryRun: boolean;
  gracePeriodSeconds?: number;
}

/** The answer plus which budget (if any) decided it. */
export interface EvictResult {
  response: SimResponse;
  pdb?: string;
}

const VIOLATION = "Cannot evict pod as it would violate the pod's disruption budget.";

function tooMany(cause: string, retryAfter = 0): SimResponse {
  const details: Record<string, unknown> = {
    causes: [{ reason: 'DisruptionBudget', message: cause }],
  };
  if (retryAfter > 0) details['retryAfterSeconds'] = retryAfter;
  const r = kubeStatus(429, 'TooManyRequests', VIOLATION, details);
  if (retryAfter > 0) r.headers = { 'retry-after': String(retryAfter) };
  return r;
}

function num(v: unknown): number {
  return typeof v === 'number' ? v : 0;
}

/** The Eviction API (pkg/registry/core/pod/storage/eviction.go), over the simulator's store. */
export class Evictor {
  constructor(
    private readonly store: Store,
    private readonly clock: SimClock,
    private readonly pods: PodLifecycle,
  ) {}

  /** Evicts a pod, honouring PodDisruptionBudgets exactly like the API server. */
  evict(namespace: string, name: string, opts: EvictOptions): EvictResult {
    const pod = this.store.get(R.pods, namespace, name);
    if (!pod) return { response: notFound(R.pods, name).response };
    const phase = podPhase(pod);
    const canIgnore =
      phase === 'Succeeded' ||
      phase === 'Failed' ||
      phase === 'Pending' ||
      !!pod.metadata.deletionTimestamp;
    if (canIgnore) return this.grant(pod, opts);
    const budgets = this.store.list(R.pdbs, namespace).filter((pdb) => {
      let sel;
      try {
        sel = fromSelectorObject(specOf(pdb)['selector']);
      } catch {
        return false;
      }
      return sel !== undefined && matchesLabels(sel, pod.metadata.labels);
    });
    if (budgets.length === 0) return this.grant(pod, opts);
    if (budgets.length > 1) {
      const body = {
        kind: 'Status',
        apiVersion: 'v1',
        metadata: {},
        status: 'Failure',
        message:
          'This pod has more than one PodDisruptionBudget, which the eviction subresource does not support.',
        code: 500,
      };
      return { response: { status: 500, body } };
    }
    const pdb = budgets[0]!;
    const pdbName = pdb.metadata.name;
    const st = statusOf(pdb);
    if (!isPodReady(pod)) {
      const policy = specOf(pdb)['unhealthyPodEvictionPolicy'];
      const healthyEnough =
        num(st['currentHealthy']) >= num(st['desiredHealthy']) && num(st['desiredHealthy']) > 0;
      if (
        policy === 'AlwaysAllow' ||
        ((policy === undefined || policy === 'IfHealthyBudget') && healthyEnough)
      ) {
        return { ...this.grant(pod, opts), pdb: pdbName };
      }
    }
    const generation =
      typeof pdb.metadata['generation'] === 'number' ? pdb.metadata['generation'] : 1;
    if (num(st['observedGeneration']) < generation) {
      return {
        response: tooMany(
          `The disruption budget ${pdbName} is still being processed by the server.`,
          10,
        ),
        pdb: pdbName,
      };
    }
    const allowed = num(st['disruptionsAllowed']);
    const forbiddenPdb = (why: string): EvictResult => ({
      response: kubeStatus(
        403,
        'Forbidden',
        `poddisruptionbudget.policy "${pdbName}" is forbidden: ${why}`,
        {
          name: pdbName,
          group: 'policy',
          kind: 'poddisruptionbudget',
        },
      ),
      pdb: pdbName,
    });
    if (allowed < 0) return forbiddenPdb('pdb disruptions allowed is negative');
    const disrupted = isRecord(st['disruptedPods']) ? st['disruptedPods'] : {};
    if (Object.keys(disrupted).length > 2000) {
      return forbiddenPdb(
        'DisruptedPods map too big - too many evictions not confirmed by PDB controller',
      );
    }
    if (allowed === 0) {
      const cause = `The disruption budget ${pdbName} needs ${num(st['desiredHealthy'])} healthy pods and has ${num(st['currentHealthy'])} currently`;
      return { response: tooMany(cause), pdb: pdbName };
    }
    if (!opts.dryRun) {
      const left = allowed - 1;
      const conditions = arr(st['conditions']);
      const status = {
        ...st,
        disruptionsAllowed: left,
        disruptedPods: { ...disrupted, [name]: this.clock.iso() },
        conditions:
          left === 0
            ? conditions.map((c): unknown =>
                isRecord(c) && c['type'] === 'DisruptionAllowed'
                  ? {
                      ...c,
                      status: 'False',
                      reason: 'InsufficientPods',
                      lastTransitionTime: this.clock.iso(),
                    }
                  : c,
              )
            : conditions,
      };
      this.store.update(R.pdbs, { ...pdb, status });
    }
    return { ...this.grant(pod, opts), pdb: pdbName };
  }

  private grant(pod: KubeObject, opts: EvictOptions): EvictResult {
    if (!opts.dryRun) {
      const condition = {
        type: 'DisruptionTarget',
        status: 'True',
        lastProbeTime: null,
        lastTransitionTime: this.clock.iso(),
        reason: 'EvictionByEvictionAPI',
        message: 'Eviction API: evicting',
      };
      this.pods.delete(pod.metadata.namespace ?? '', pod.metadata.name, opts.gracePeriodSeconds, [
        condition,
      ]);
    }
    return { response: successStatus(201) };
  }
}
