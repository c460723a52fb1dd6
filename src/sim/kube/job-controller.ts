// The Job controller: pods from the template until `completions` of them succeeded (at most
// `parallelism` at once), failures counted against `backoffLimit`, and the conditions
// (`SuccessCriteriaMet`, `Complete`, `FailureTarget`, `Failed`) `kubectl wait` looks for.
import type { KubeObject } from '../contracts.js';
import type { ContainerRun } from './connect-probe.js';
import { isPodReady, podPhase } from './pod-status.js';
import { R } from './resources.js';
import { arr, controllerRef, isRecord, specOf, statusOf } from './types.js';
import { randomSuffix, type Workloads } from './workloads.js';

/** How long a Job's container runs before it exits, in simulated milliseconds. */
const BATCH_RUN_MS = 10_000;

function num(v: unknown, fallback: number): number {
  return typeof v === 'number' ? v : fallback;
}

function finished(job: KubeObject): boolean {
  return arr(statusOf(job)['conditions']).some(
    (c) =>
      isRecord(c) && (c['type'] === 'Complete' || c['type'] === 'Failed') && c['status'] === 'True',
  );
}

function condition(
  type: string,
  reason: string,
  message: string,
  now: string,
): Record<string, unknown> {
  return { type, status: 'True', lastProbeTime: now, lastTransitionTime: now, reason, message };
}

/** One reconcile of a Job: start pods, count outcomes, finish when done. */
export function reconcileJob(w: Workloads, job: KubeObject, now: string): void {
  const ns = job.metadata.namespace ?? '';
  const spec = specOf(job);
  if (finished(job)) return;
  const completions = num(spec['completions'], 1);
  const parallelism = num(spec['parallelism'], 1);
  const backoffLimit = num(spec['backoffLimit'], 6);
  const pods = w.store.podsOwnedBy(job.metadata.uid ?? '');
  const succeeded = pods.filter((p) => podPhase(p) === 'Succeeded').length;
  const failed = pods.filter((p) => podPhase(p) === 'Failed').length;
  let active = pods.filter(
    (p) => !p.metadata.deletionTimestamp && !['Succeeded', 'Failed'].includes(podPhase(p)),
  );
  const status: Record<string, unknown> = { ...statusOf(job) };
  status['startTime'] ??= now;
  const conditions: unknown[] = [];
  if (succeeded >= completions) {
    status['completionTime'] = now;
    conditions.push(
      condition(
        'SuccessCriteriaMet',
        'CompletionsReached',
        'Reached expected number of succeeded pods',
        now,
      ),
      condition('Complete', 'CompletionsReached', 'Reached expected number of succeeded pods', now),
    );
  } else if (failed > backoffLimit) {
    conditions.push(
      condition(
        'FailureTarget',
        'BackoffLimitExceeded',
        'Job has reached the specified backoff limit',
        now,
      ),
      condition(
        'Failed',
        'BackoffLimitExceeded',
        'Job has reached the specified backoff limit',
        now,
      ),
    );
  } else if (spec['suspend'] !== true) {
    const want = Math.min(parallelism, completions - succeeded);
    for (let i = active.length; i < want; i++) {
      w.createPod(job, `${job.metadata.name}-${randomSuffix()}`, {});
    }
    active = w.store
      .podsOwnedBy(job.metadata.uid ?? '')
      .filter(
        (p) => !p.metadata.deletionTimestamp && !['Succeeded', 'Failed'].includes(podPhase(p)),
      );
  }
  if (conditions.length) {
    status['conditions'] = conditions;
    for (const p of active) w.pods.delete(ns, p.metadata.name);
    active = [];
  }
  const counts: Array<[string, number]> = [
    ['active', active.length],
    ['succeeded', succeeded],
    ['failed', failed],
  ];
  for (const [k, v] of counts) {
    if (v > 0) status[k] = v;
    else delete status[k];
  }
  status['ready'] = active.filter(isPodReady).length;
  status['terminating'] = 0;
  status['uncountedTerminatedPods'] = {};
  const cur = w.store.get(R.jobs, ns, job.metadata.name) ?? job;
  if (JSON.stringify(cur['status']) !== JSON.stringify(status))
    w.store.update(R.jobs, { ...cur, status });
}

/**
 * What a Job's container does when it starts: it runs a while and exits 0; `echo` prints its
 * arguments (so `kubectl logs job/x` shows them).
 */
export function batchRun(pod: KubeObject): ContainerRun | undefined {
  if (controllerRef(pod)?.['kind'] !== 'Job') return undefined;
  const c = arr(specOf(pod)['containers']).find(isRecord);
  const argv = [...arr(c?.['command']), ...arr(c?.['args'])].map(String);
  const log = argv[0] === 'echo' ? [argv.slice(1).join(' ')] : [];
  return { afterMs: BATCH_RUN_MS, exitCode: 0, log };
}
