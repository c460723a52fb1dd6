import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { V1Pod } from '@kubernetes/client-node';
import type { ImdsFacts } from '../../checks/imds/assess.js';
import {
  compareProbe,
  comparisonLine,
  probeManifest,
  staticProbeAnswer,
  type ProbeComparison,
  type ProbeOutcome,
} from '../../checks/imds/probe.js';
import { describeKubeError } from '../../kube/errors.js';
import { createPod, readPod, readPodLog } from '../../kube/probe-pods.js';
import { deleteProbePod, leftLine, settleLostCreate, type LeftPod } from './probe-pod-settle.js';
import type { ImdsContext as StepContext } from './session.js';

/** How long a probe pod may take from create to its end (image pull included). */
const PROBE_DEADLINE_MS = 90_000;

/** The confirmation for probing: typed, since it runs pods in the operator's namespaces. */
export function probeConfirmation(ctx: StepContext, namespaces: readonly string[], image: string) {
  const n = namespaces.length;
  return {
    cluster: ctx.cluster,
    change: `Run a probe pod (${image}) in ${n} namespace${n === 1 ? '' : 's'}: it opens TCP 169.254.169.254:80 once, then is deleted`,
    details: [
      `Namespaces: ${namespaces.join(', ')}`,
      'The pod runs as a non-root user with every capability dropped, no privileges and no service account token, on a Linux node; each create and delete is journaled.',
      'What it finds is shown beside the verdict of the policies; a disagreement is reported as a finding.',
    ],
    typed: ctx.cluster,
  };
}

/** What the pod's end says: exit 0 connected, exit 1 did not, anything else could not tell. */
function outcomeOf(pod: V1Pod, log: string | undefined): ProbeOutcome | undefined {
  const phase = pod.status?.phase;
  if (phase !== 'Succeeded' && phase !== 'Failed') return undefined;
  const ended = pod.status?.containerStatuses?.[0]?.state?.terminated;
  const text = log?.trim() ? { log: log.trim() } : {};
  if (ended?.exitCode === 0) return { kind: 'reachable', ...text };
  if (ended?.exitCode === 1) return { kind: 'unreachable', ...text };
  return {
    kind: 'failed',
    why: `the pod ended ${phase}${ended ? ` (exit ${ended.exitCode}, ${ended.reason ?? 'no reason'})` : ''}`,
  };
}

async function waitForEnd(
  ctx: StepContext,
  at: { namespace: string; name: string },
  signal: AbortSignal,
): Promise<ProbeOutcome> {
  const started = Date.now();
  let pause = 100;
  for (;;) {
    if (signal.aborted) return { kind: 'failed', why: 'cancelled' };
    const pod = await readPod(ctx.connection.kc, at, signal);
    const done = outcomeOf(pod, undefined);
    if (done)
      return done.kind === 'failed'
        ? done
        : (outcomeOf(pod, await readPodLog(ctx.connection.kc, at)) ?? done);
    if (Date.now() - started > PROBE_DEADLINE_MS) {
      const waiting = pod.status?.containerStatuses?.[0]?.state?.waiting?.reason;
      return {
        kind: 'failed',
        why: `it did not finish in ${PROBE_DEADLINE_MS / 1000} s (${pod.status?.phase ?? 'Pending'}${waiting ? `, ${waiting}` : ''})`,
      };
    }
    await sleep(pause, undefined, { signal }).catch(() => undefined);
    pause = Math.min(1000, pause * 2);
  }
}

const NOT_CREATED =
  'its create was sent and its answer lost; reading it again shows no pod: not created';
const MAYBE_CREATED =
  'its create was sent and its answer lost; whether the pod is there is unknown';

/** What a probe run did: one comparison per namespace, and the pods it did not delete. */
export interface ProbeRun {
  results: ProbeComparison[];
  /** Probe pods created (or found there after a create whose answer was lost). */
  made: number;
  /** Of those, the ones deleted. */
  deleted: number;
  /** Pods left behind, or whose create or delete outcome stays unknown. */
  left: LeftPod[];
}

/**
 * Runs one probe pod per namespace, one after the other: create (journaled; a lost answer settled
 * by a read), wait for its end, read its exit code and log, delete (journaled, even when cancelled
 * or failed). Each result is set beside the static answer for a pod with the probe's labels; a pod
 * not deleted, or that may be there, is named in the progress, the run's `left` and the journal.
 */
export async function runProbes(
  ctx: StepContext,
  facts: ImdsFacts,
  namespaces: readonly string[],
  image: string,
  progress: (line: string) => void,
  signal: AbortSignal,
): Promise<ProbeRun> {
  const run: ProbeRun = { results: [], made: 0, deleted: 0, left: [] };
  const leave = async (left: LeftPod) => {
    run.left.push(left);
    progress(leftLine(left));
    await ctx.journal
      .note(
        'imds',
        `probe pod ${left.unknown ? 'may be left' : 'left behind'}: pod/${left.namespace}/${left.name}`,
        { why: left.why },
      )
      .catch(() => undefined); // a broken journal reports itself; the pod is still named here
  };
  for (const namespace of namespaces) {
    if (signal.aborted) break;
    const name = `aks-runbook-imds-probe-${randomBytes(3).toString('hex')}`;
    const at = { namespace, name };
    let outcome: ProbeOutcome | undefined;
    let created = false;
    try {
      try {
        await ctx.journal.mutation(
          {
            step: 'imds',
            action: 'create probe pod',
            target: `pod/${namespace}/${name}`,
            detail: { image },
          },
          () =>
            createPod(ctx.connection.kc, probeManifest(namespace, name, image) as V1Pod, signal),
        );
        created = true;
      } catch (error) {
        const lost = await settleLostCreate(ctx, at, error);
        if (lost === undefined) throw error;
        if (lost === 'created') created = true;
        else if (lost === 'absent') outcome = { kind: 'failed', why: NOT_CREATED };
        else {
          await leave({ ...at, why: lost.unknown, unknown: true });
          outcome = { kind: 'failed', why: MAYBE_CREATED };
        }
      }
      if (created) {
        run.made += 1;
        outcome = await waitForEnd(ctx, at, signal);
      }
    } catch (error) {
      outcome = {
        kind: 'failed',
        why: describeKubeError(error, ctx.connection.kubeServer, `run a probe pod in ${namespace}`)
          .message,
      };
    }
    outcome ??= { kind: 'failed', why: NOT_CREATED };
    if (created) {
      const left = await deleteProbePod(ctx, at);
      if (left) await leave(left);
      else run.deleted += 1;
    }
    const comparison = compareProbe(namespace, name, staticProbeAnswer(facts, namespace), outcome);
    run.results.push(comparison);
    progress(comparisonLine(comparison));
  }
  return run;
}
