import { setTimeout as sleep } from 'node:timers/promises';
import type { KubeConfig } from '@kubernetes/client-node';
import type { DrainPod } from '../../../model/drain.js';
import type { StepJournal } from '../../../model/journal.js';
import { deletePod, evictPod, type EvictionAnswer } from '../../../kube/eviction.js';
import { describeKubeError, statusKind } from '../../../kube/errors.js';
import { podPresence, waitForPodGone } from '../../../kube/pod-gone.js';
import { FaultError, OutcomeUnknown, mayStillLand, stampKind } from '../../../model/errors.js';
import {
  settleUnknownWrite,
  stillUnknownWords,
  unansweredWords,
} from '../../../kube/settle-unknown.js';
import { isAbortError } from '../../../kube/request-options.js';
import type { PodProgress } from './progress.js';

/** A dry run's eviction refused by a budget: the pod's state says so; nothing more to do. */
class WouldWait extends Error {
  constructor() {
    super('a budget refuses this eviction now (dry run)');
    this.name = 'WouldWait';
  }
}

/** A read of the pod (GET) failed: said as that read, not as the eviction around it. */
class ReadFailed extends Error {
  constructor(
    readonly original: unknown,
    readonly request: string,
  ) {
    super(`${request}: ${original instanceof Error ? original.message : String(original)}`);
    this.name = 'ReadFailed';
  }
}

/** `read()`, its failure (not an abort) tagged as the GET it was. */
async function getting<T>(request: string, read: () => Promise<T>): Promise<T> {
  try {
    return await read();
  } catch (error) {
    throw isAbortError(error) ? error : new ReadFailed(error, request);
  }
}

/** What moving one pod needs. */
export interface MovePodDeps {
  kc: KubeConfig;
  journal: StepJournal;
  node: string;
  dryRun: boolean;
  disableEviction: boolean;
  gracePeriodSeconds?: number;
  /** Between two eviction attempts refused by a PDB (kubectl: 5 s). */
  retryMs: number;
  /** Between two looks at a terminating pod (kubectl: 1 s). */
  pollMs: number;
  /** Aborts on the operator's abort and on the node's timeout. */
  signal: AbortSignal;
  /** The operator's abort alone: the read that settles a write the node's timeout cut off. */
  stop?: AbortSignal;
  /** The node's timeout, for the words of what it cut off. */
  timeoutSeconds?: number;
  /** Runs one eviction (or delete) request when the node's limit of requests in flight allows. */
  slot?: <T>(request: () => Promise<T>) => Promise<T>;
  /** Tells the view about the pod's new state. */
  update(patch: Partial<PodProgress>): void;
}

/**
 * Evicts (or deletes) one pod and waits until it is gone, retrying while a PDB refuses.
 * Unlike kubectl 1.32, the pod is read again between retries, so a pod that went away meanwhile
 * ends the wait. Never throws: the outcome is the pod's last state.
 */
export async function movePod(pod: DrainPod, expectedPdb: string | undefined, d: MovePodDeps) {
  const { kc, signal } = d;
  const id = { namespace: pod.namespace, name: pod.name, uid: pod.uid };
  const verb = d.disableEviction ? 'delete' : 'evict';
  const done = d.disableEviction ? 'deleted' : 'evicted';
  d.update({ state: 'evicting' });
  let since: number | undefined;
  let waitedOn: string | undefined;
  /** An eviction request is on the wire, unanswered (set when it leaves, cleared on its answer). */
  let inFlight = false;
  /** Any eviction request was sent. */
  let sent = false;
  let answer: EvictionAnswer;
  try {
    answer = await d.journal.mutation(
      {
        step: 'drain',
        action: d.disableEviction ? 'delete pod' : 'evict pod',
        target: `pod/${pod.namespace}/${pod.name}`,
        detail: {
          node: d.node,
          uid: pod.uid,
          dryRun: d.dryRun,
          ...(d.gracePeriodSeconds !== undefined
            ? { gracePeriodSeconds: d.gracePeriodSeconds }
            : {}),
        },
      },
      () =>
        retryEviction().catch((error: unknown) => {
          // The node's timeout, not the operator: said as what it cut off.
          const reason = signal.reason as { name?: string } | undefined;
          if (reason?.name !== 'TimeoutError') throw error;
          throw cutOff();
        }),
    );
  } catch (error) {
    if (error instanceof WouldWait) return;
    if (isAbortError(error)) return d.update({ state: 'cancelled' });
    const settled = await settle(error);
    // Stopped with the request on its way: it may still land, so never "cancelled".
    if (settled === 'cancelled' && error instanceof OutcomeUnknown)
      return d.update({ state: 'unknown', detail: failedDetail(error) });
    if (settled === 'cancelled') return d.update({ state: 'cancelled' });
    if (settled === undefined) return d.update({ state: 'failed', detail: failedDetail(error) });
    if (!settled.settled) return d.update({ state: 'unknown', detail: settled.why });
    const where = `pod ${pod.namespace}/${pod.name}`;
    if (settled.value === 'present' && mayStillLand(error)) {
      // No answer in time: the API server may still act on it, so the pod may still go.
      const check = `kubectl get pod -n ${pod.namespace} ${pod.name}`;
      const late = `the pod may still be ${done}`;
      const why = unansweredWords(
        `the ${verb} of ${where}`,
        'it still running',
        late,
        check,
        error,
      );
      return d.update({ state: 'unknown', detail: why });
    }
    if (settled.value === 'present') {
      await d.journal.settled(error, 'failed', `${where} is still running`);
      const detail = `the ${verb} was sent and its answer lost; reading the pod again shows it still running (not ${done})`;
      return d.update({ state: 'failed', detail });
    }
    await d.journal.settled(error, 'ok', `${where} is ${settled.value}`);
    if (settled.value === 'gone') return d.update({ state: 'gone', detail: undefined });
    answer = { kind: 'granted' }; // terminating: our request took; wait for it below
  }
  if (answer.kind === 'gone') return d.update({ state: 'gone', detail: undefined });
  if (d.dryRun) return d.update({ state: 'accepted', detail: undefined });
  d.update({ state: 'terminating', detail: undefined });
  try {
    await getting(`get pod ${pod.namespace}/${pod.name}`, () =>
      waitForPodGone(kc, id, { pollMs: d.pollMs, signal }),
    );
    d.update({ state: 'gone' });
  } catch (error) {
    if (isAbortError(error)) d.update({ state: 'cancelled', detail: 'still terminating' });
    else d.update({ state: 'failed', detail: failedDetail(error) });
  }

  /**
   * A request sent whose answer was lost: one read of the pod settles it (gone, terminating, still
   * running) or it stays unknown, said with how to check. `undefined` for any other failure.
   */
  async function settle(error: unknown) {
    const server = kc.getCurrentCluster()?.server ?? '(unknown server)';
    const where = `pod ${pod.namespace}/${pod.name}`;
    // A dry run changes nothing: a pod going away meanwhile would not be our doing.
    if (d.dryRun && error instanceof OutcomeUnknown)
      return { settled: false as const, why: failedDetail(error) };
    try {
      // The node's timeout may be what cut the write off: the read answers to the operator only.
      const settled = await settleUnknownWrite(error, server, `get ${where}`, () =>
        podPresence(kc, id, d.stop ?? signal),
      );
      if (settled?.settled === false) {
        const check = `kubectl get pod -n ${pod.namespace} ${pod.name}`;
        return {
          settled: false as const,
          why: stillUnknownWords(`the ${verb} of ${where}`, check, error),
        };
      }
      return settled;
    } catch (abort) {
      if (isAbortError(abort)) return 'cancelled' as const;
      throw abort;
    }
  }

  /** One line for the pod's failure: the server's refusal as it said it, a transport failure in words. */
  function failedDetail(error: unknown): string {
    const server = kc.getCurrentCluster()?.server ?? '(unknown server)';
    // Each request is named by what it did: a GET of the pod is not an eviction.
    const request =
      error instanceof ReadFailed
        ? error.request
        : `${d.disableEviction ? 'delete' : 'evict'} pod ${pod.namespace}/${pod.name}`;
    const cause = error instanceof ReadFailed ? error.original : error;
    // The client says only "fetch failed"; the reason (ECONNREFUSED, a TLS code) is in its cause.
    return describeKubeError(cause, server, request).message;
  }

  /**
   * What the node's timeout cut off. A request on the wire may have been accepted (the server
   * does not stop because the client gave up): unknown, read again like an unanswered write.
   * A pod whose every eviction was refused (429 from a budget), or whose request never left (it
   * waited for a slot), was not evicted: a failure that says so.
   */
  function cutOff(): Error {
    const limit = `the node's timeout of ${d.timeoutSeconds ?? '?'}s`;
    if (inFlight && !d.dryRun) {
      const unknown = new OutcomeUnknown(
        `${limit} ran out while the ${verb} request was on its way: it was sent, so the API server may have accepted it`,
      );
      return stampKind(unknown, 'timeout');
    }
    if (since !== undefined)
      return new FaultError(
        'timeout',
        `timed out waiting on PDB ${waitedOn ?? '?'}: not ${done}, the budget refused every eviction until ${limit} ran out`,
      );
    if (sent)
      return new FaultError('timeout', `timed out: not ${done} (every request was refused)`);
    return new FaultError('timeout', `timed out before the ${verb} was sent: not ${done}`);
  }

  async function retryEviction(): Promise<EvictionAnswer> {
    for (;;) {
      // No dryRun here: in --dry-run the wire sends every eviction as a server-side dry run.
      const request = {
        ...id,
        signal,
        ...(d.gracePeriodSeconds !== undefined ? { gracePeriodSeconds: d.gracePeriodSeconds } : {}),
      };
      const send = async () => {
        // A request queued past the timeout never leaves (fetch refuses an aborted signal).
        signal.throwIfAborted();
        inFlight = true;
        sent = true;
        const answer = await (d.disableEviction ? deletePod(kc, request) : evictPod(kc, request));
        // Answered: no longer on the wire (a failure leaves it marked, as the timeout finds it).
        inFlight = false;
        return answer;
      };
      const got = d.slot ? await d.slot(send) : await send();
      if (got.kind === 'granted' || got.kind === 'gone') return got;
      if (got.kind === 'refused')
        // The server's own words (which right, which object) are the line: kept as said.
        throw new FaultError(statusKind(got.code), `refused (${got.code}): ${got.message}`);
      if (got.kind === 'pdb' && d.dryRun) {
        // A dry run reports the budget at once: waiting it out would only rehearse the timeout.
        d.update({ state: 'would-wait', pdb: got.pdb ?? expectedPdb, detail: got.message });
        throw new WouldWait();
      }
      if (got.kind === 'pdb') {
        since ??= Date.now();
        waitedOn = got.pdb ?? expectedPdb;
        d.update({
          state: 'waiting-pdb',
          pdb: got.pdb ?? expectedPdb,
          since,
          detail: got.message,
        });
      } else {
        d.update({ state: 'evicting', detail: got.message });
      }
      await sleep(d.retryMs, undefined, { signal });
      // kubectl 1.32 never looks again; a pod deleted meanwhile would keep it retrying.
      const presence = await getting(`get pod ${pod.namespace}/${pod.name}`, () =>
        podPresence(kc, id, signal),
      );
      if (presence === 'gone') return { kind: 'gone' } as const;
      if (presence === 'terminating' && got.kind === 'namespace-terminating') {
        return { kind: 'granted' } as const;
      }
    }
  }
}
