import pLimit from 'p-limit';
import { ApiException, type KubeConfig } from '@kubernetes/client-node';
import { planNode, podsToMove } from '../../../checks/drain/plan.js';
import type { DrainOptions } from '../../../model/drain.js';
import type { StepJournal } from '../../../model/journal.js';
import { readNode, setNodeUnschedulable } from '../../../kube/cordon.js';
import { kuredLockOf, toDrainPdb, toDrainPod } from '../facts.js';
import { listAllDaemonSets, listAllPdbs } from '../../../kube/lists.js';
import { describeKubeError } from '../../../kube/errors.js';
import {
  lostWords,
  settleUnknownWrite,
  stillUnknownWords,
  unansweredWords,
} from '../../../kube/settle-unknown.js';
import { StoppedInFlight, mayStillLand } from '../../../model/errors.js';
import { listPodsOnNode } from '../../../kube/node-pods.js';
import { isAbortError } from '../../../kube/request-options.js';
import { movePod } from './move-pod.js';
import { cordonSettlesAt } from '../left-cordoned.js';
import type { NodeProgress, PodProgress } from './progress.js';
import { plural } from '../../../model/plural.js';

/** What draining one node needs. */
export interface DrainNodeDeps {
  kc: KubeConfig;
  server: string;
  journal: StepJournal;
  options: DrainOptions;
  dryRun: boolean;
  retryMs: number;
  pollMs: number;
  /** Evictions in flight at once on one node. */
  concurrency: number;
  /** The operator's abort. */
  signal: AbortSignal;
  /** Tells the view that this node's block changed. */
  changed(): void;
  /**
   * The allowance left per PDB, shared by the nodes drained at the same time (one batch): the
   * eviction API counts one budget whatever node a pod is on. Dry-run evictions never use it up
   * on the server, so without this a dry run would grant each node the whole allowance.
   */
  budget?: Map<string, number>;
}

/**
 * Cordons one node, plans its pods again (the cluster moved since the preview), evicts them
 * concurrently and waits until they are gone, within the per-node timeout. Ends with the node's
 * final phase in `node`; a failed cordon ends it before any eviction.
 */
export async function drainNode(node: NodeProgress, d: DrainNodeDeps): Promise<void> {
  const { kc } = d;
  const note = (line: string) => {
    node.notes.push(line);
    d.changed();
  };
  const phase = (p: NodeProgress['phase']) => {
    node.phase = p;
    d.changed();
  };
  phase('cordoning');
  const current = await readNode(kc, node.name, d.signal);
  const daemonSets = await listAllDaemonSets(kc, d.signal);
  if (kuredLockOf(daemonSets).includes(node.name)) {
    note('kured holds its reboot lock on this node: kured is draining it too');
  }
  if (current.spec?.unschedulable === true) {
    node.cordoned = true;
    node.cordonedBefore = true;
    note('already cordoned, not by this session: it is left for whoever cordoned it to uncordon');
  } else {
    const sentAt = Date.now();
    try {
      await d.journal.mutation(
        {
          step: 'drain',
          action: 'cordon',
          target: `node/${node.name}`,
          detail: { dryRun: d.dryRun },
        },
        // In --dry-run the wire makes this a server-side dry run.
        () => setNodeUnschedulable(kc, node.name, true, { signal: d.signal }),
      );
      node.cordoned = !d.dryRun;
      if (d.dryRun) note('cordon accepted by the server (dry run: still schedulable)');
    } catch (error) {
      if (isAbortError(error)) throw error;
      if (error instanceof StoppedInFlight && d.signal.aborted) {
        // Stopped with the cordon on its way: no read can settle it now; the uncordon offer and
        // later looks follow it as one that may still land.
        node.maybeCordoned = true;
        node.cordonSettlesAt = cordonSettlesAt(error, sentAt);
        note(
          `the cordon of ${node.name}: outcome unknown (it was on its way when this session stopped, so it may still land); check with kubectl get node ${node.name}`,
        );
        note('the drain stopped here: no pod was evicted');
        return phase('cordon-unknown');
      }
      const settled = await settleUnknownWrite(error, d.server, `get node ${node.name}`, () =>
        readNode(kc, node.name, d.signal),
      );
      if (settled?.settled === false) {
        // The node may be cordoned: the uncordon offer covers it (it reads before it writes).
        node.maybeCordoned = true;
        node.cordonSettlesAt = cordonSettlesAt(error, sentAt);
        note(
          stillUnknownWords(`the cordon of ${node.name}`, `kubectl get node ${node.name}`, error),
        );
        note('the drain stopped here: no pod was evicted from a node whose cordon is uncertain');
        return phase('cordon-unknown');
      }
      if (settled?.value.spec?.unschedulable === true) {
        node.cordoned = !d.dryRun;
        await d.journal.settled(error, 'ok', `node ${node.name} is cordoned`);
        note(
          `the cordon was sent and ${lostWords(error)}; reading the node again shows it cordoned`,
        );
        note('the drain stopped here all the same: no pod was evicted; drain again to go on');
        return phase('cordon-unknown');
      }
      if (settled && mayStillLand(error)) {
        // No answer in time: the API server may still apply it. Followed by later looks.
        node.maybeCordoned = true;
        node.cordonSettlesAt = cordonSettlesAt(error, sentAt);
        const check = `kubectl get node ${node.name}`;
        const late = 'the node may still become cordoned';
        const words = unansweredWords(
          `the cordon of ${node.name}`,
          'it still schedulable',
          late,
          check,
          error,
        );
        note(words);
        note('the drain stopped here: no pod was evicted from a node whose cordon is uncertain');
        return phase('cordon-unknown');
      }
      if (settled)
        await d.journal.settled(error, 'failed', `node ${node.name} is still schedulable`);
      // The answer was lost on the way (read back: not in effect), or the write was refused or
      // never sent: nothing changed.
      const why = settled
        ? `the cordon was sent and its answer lost; reading the node again shows it still schedulable (\`kubectl get node ${node.name}\` shows a late one)`
        : describeKubeError(error, d.server, `cordon node ${node.name}`).message;
      note(`cordon failed: ${why}`);
      note('the drain stopped here: no pod was evicted from a node that stays schedulable');
      return phase('cordon-failed');
    }
  }
  const [pods, pdbs] = await Promise.all([
    listPodsOnNode(kc, node.name, d.signal),
    // The eviction API enforces every budget itself (kubectl never lists them): a refused list
    // only leaves waits unnamed until the server names them, and is said, not a reason to stop.
    listAllPdbs(kc, d.signal).catch((error: unknown) => {
      if (!(error instanceof ApiException && error.code === 403)) throw error;
      // With eviction disabled pods are deleted, which no budget holds back: say that instead.
      note(
        d.options.disableEviction
          ? 'PodDisruptionBudgets could not be listed (forbidden), and with eviction disabled pods are deleted without regard to them'
          : 'PodDisruptionBudgets could not be listed (forbidden): the API server still enforces them, and a wait is named from its answer',
      );
      return [];
    }),
  ]);
  const drainPdbs = pdbs.map(toDrainPdb);
  const dsNames = new Set(daemonSets.map((ds) => `${ds.metadata?.namespace}/${ds.metadata?.name}`));
  const plan = planNode(
    node.name,
    pods.map(toDrainPod),
    { daemonSets: dsNames, pdbs: drainPdbs },
    d.options,
    d.budget,
  );
  if (!plan.drainable) {
    for (const b of plan.blocked.filter((v) => v.cause !== 'pdb')) {
      note(`blocked: ${b.pod.namespace}/${b.pod.name}: ${b.reason}`);
    }
    note(node.cordoned ? 'no pod was evicted; the node stays cordoned' : 'no pod was evicted');
    return phase('blocked');
  }
  const expected = new Map<string, string | undefined>();
  for (const v of plan.evict) expected.set(v.pod.uid, v.pdb);
  for (const v of plan.blocked) expected.set(v.pod.uid, v.pdbs?.[0]);
  // A dry run does not wait on budgets: the pods the budgets' allowances do not cover are
  // reported at once (the others still go to the server, whose dry-run 429 is reported too).
  const predicted = new Set(
    d.dryRun ? plan.blocked.filter((b) => b.cause === 'pdb').map((b) => b.pod.uid) : [],
  );
  const toMove = podsToMove(plan).filter((p) => !predicted.has(p.uid));
  node.pods = [
    ...toMove.map((p): PodProgress => ({ namespace: p.namespace, name: p.name, state: 'pending' })),
    ...plan.blocked
      .filter((b) => predicted.has(b.pod.uid))
      .map((b): PodProgress => ({
        namespace: b.pod.namespace,
        name: b.pod.name,
        state: 'would-wait',
        ...(b.pdbs?.[0] ? { pdb: b.pdbs[0] } : {}),
        detail: b.reason,
      })),
  ];
  phase('draining');

  const timeout = AbortSignal.timeout(d.options.timeoutSeconds * 1000);
  const signal = AbortSignal.any([d.signal, timeout]);
  // The limit holds eviction requests only: every evicted pod is waited for at the same time, as
  // kubectl does, so a node of 30 pods takes one grace period, not three.
  const slot = evictionSlots(d.concurrency);
  await Promise.all(
    toMove.map((pod, index) =>
      movePod(pod, expected.get(pod.uid), {
        kc,
        slot,
        journal: d.journal,
        node: node.name,
        dryRun: d.dryRun,
        disableEviction: d.options.disableEviction,
        ...(d.options.gracePeriodSeconds !== undefined
          ? { gracePeriodSeconds: d.options.gracePeriodSeconds }
          : {}),
        retryMs: d.retryMs,
        pollMs: d.pollMs,
        signal,
        stop: d.signal,
        timeoutSeconds: d.options.timeoutSeconds,
        update: (patch: Partial<PodProgress>) => {
          node.pods[index] = { ...node.pods[index]!, ...patch };
          d.changed();
        },
      }),
    ),
  );
  if (!d.signal.aborted && !(await nodeExists(kc, node.name, d.signal))) {
    // Its pods went with it: that is not a drain, and there is nothing left to uncordon.
    node.cordoned = false;
    note('the node no longer exists: it was deleted during the drain (scale-in or by hand)');
    return phase('failed');
  }
  const waits = node.pods.filter((p) => p.state === 'would-wait');
  if (d.dryRun && waits.length > 0 && !d.signal.aborted) {
    const names = [...new Set(waits.map((p) => p.pdb ?? '?'))];
    // A budget that allows some disruptions holds these pods only because pods evicted before
    // them (here or on a node of the same batch) take its allowance: the server's dry run grants
    // each on its own, so the wait is predicted, not answered.
    const shared = drainPdbs.some((p) => names.includes(p.name) && p.disruptionsAllowed > 0);
    const refuses = shared
      ? `would refuse ${plural(waits.length, 'pod')} (its allowance goes to pods evicted before them, on this node or another drained at the same time)`
      : `refuses ${plural(waits.length, 'pod')} now`;
    note(
      `dry run: PDB ${names.join(', ')} ${refuses}; a real drain would wait on it up to ${d.options.timeoutSeconds}s and stop at this node if it does not clear`,
    );
    return phase('would-wait');
  }
  const left = node.pods.filter((p) => p.state !== 'gone' && p.state !== 'accepted');
  const leftList = left.map((p) => `${p.namespace}/${p.name}${p.pdb ? ` (PDB ${p.pdb})` : ''}`);
  const stays = node.cordoned ? '; the node stays cordoned' : '';
  if (d.signal.aborted) {
    note(`aborted: ${plural(left.length, 'pod')} left on the node${stays}`);
    return phase('aborted');
  }
  const unsure = left.filter((p) => p.state === 'unknown');
  if (timeout.aborted && left.length > 0) {
    note(`timed out after ${d.options.timeoutSeconds}s${stays}.${waysOut(left)}`);
    if (unsure.length > 0) note(unsureWords(unsure));
    return phase('timed-out');
  }
  const stuck = left.length - unsure.length;
  if (unsure.length > 0) note(`${unsureWords(unsure)}${stuck === 0 ? stays : ''}`);
  if (stuck > 0) {
    const list = leftList.filter((_, i) => left[i]!.state !== 'unknown');
    note(`${plural(stuck, 'pod')} could not be moved: ${list.join(', ')}${stays}`);
  }
  if (left.length > 0) return phase('failed');
  phase(d.dryRun ? 'checked' : 'drained');
}

/** The pods whose eviction's outcome is unknown, named in one line. */
function unsureWords(unsure: readonly PodProgress[]): string {
  const names = unsure.map((p) => `${p.namespace}/${p.name}`).join(', ');
  return `${plural(unsure.length, 'pod')} with an eviction of unknown outcome (may be going): ${names}`;
}

/** Whether the node is still there (a 404 says it was deleted). */
async function nodeExists(kc: KubeConfig, name: string, signal: AbortSignal): Promise<boolean> {
  try {
    await readNode(kc, name, signal);
    return true;
  } catch (error) {
    if (error instanceof ApiException && error.code === 404) return false;
    throw error;
  }
}

/**
 * At most `max` eviction requests at once, the rest in the order they asked (kubectl evicts
 * every pod at once; a limit keeps a 100-pod node from flooding the API server).
 */
export function evictionSlots(max: number): <T>(request: () => Promise<T>) => Promise<T> {
  const limit = pLimit(max);
  return (request) => limit(request);
}

/**
 * What the operator can do about pods a PodDisruptionBudget kept on the node: said once, on the
 * node, as the Kubernetes documentation gives the ways out of a blocked eviction.
 */
function waysOut(left: readonly PodProgress[]): string {
  const budgets = [...new Set(left.flatMap((p) => (p.pdb ? [p.pdb] : [])))];
  if (budgets.length === 0) return '';
  const which = budgets.length === 1 ? `PDB ${budgets[0]}` : `PDBs ${budgets.join(', ')}`;
  return ` ${which} allowed no eviction in time. Ways out: scale the workload up so the budget allows one, relax the budget (minAvailable / maxUnavailable), or evict deliberately (drain again with "disable eviction": pods are deleted past the budget).`;
}
