import { postNodeImageUpgrade, putCluster, putPool } from '../azure/upgrade-ops.js';
import { operationText, type ClusterOperation } from '../checks/fleet/cluster-work.js';
import type { Connection } from '../model/connection.js';
import {
  azControlPlaneUpgrade,
  azNodeImageUpgrade,
  azPoolUpgrade,
  azProvisioningState,
} from '../model/equivalent-commands.js';
import { failureOf } from '../target/failure.js';
import { drainRulesOf } from '../steps/rotation/estimate.js';
import { blockingPdb, type ArmFailure } from '../steps/rotation/explain.js';
import { sentWords, unheardWhy } from '../model/errors.js';
import { runOperation } from '../steps/rotation/run-operation.js';
import { controlPlaneBody, poolBody } from '../steps/upgrades/bodies.js';
import type {
  ClusterOutcome,
  ClusterUpgradeHooks,
  ClusterUpgradeRequest,
} from './cluster-upgrade.js';
import type { Journal } from './journal.js';
import { rotationLine } from './rotation-line.js';

/** Sends one operation of a cluster's upgrade, journaled, and follows it live; undefined when it succeeded, else how the turn ended. */
export async function sendOperation(
  op: ClusterOperation,
  connection: Connection,
  journal: Journal,
  req: ClusterUpgradeRequest,
  hooks: ClusterUpgradeHooks,
): Promise<ClusterOutcome | undefined> {
  const arm = connection.arm!;
  const timing = { updateIntervalInMs: req.pollMs };
  const what = operationText(op);
  let start;
  let pool: string | undefined;
  let target = {};
  if (op.kind === 'control-plane') {
    const read = await arm.client.managedClusters.get(arm.at.resourceGroup, arm.at.name);
    const body = controlPlaneBody(read, op.to);
    start = (abortSignal: AbortSignal) =>
      putCluster(arm.client, arm.at, body, { ...timing, abortSignal });
  } else if (op.kind === 'pool') {
    const read = await arm.client.agentPools.get(arm.at.resourceGroup, arm.at.name, op.pool.name);
    const body = poolBody(read, op.to);
    start = (abortSignal: AbortSignal) =>
      putPool(arm.client, arm.at, op.pool.name, body, { ...timing, abortSignal });
    pool = op.pool.name;
    target = { kubelet: op.to };
  } else {
    start = (abortSignal: AbortSignal) =>
      postNodeImageUpgrade(arm.client, arm.at, op.pool.name, { ...timing, abortSignal });
    pool = op.pool.name;
    target = { image: op.latest };
  }
  // A Ctrl+C that came during the read above: the request is not sent.
  if (hooks.signal?.aborted) {
    await journal.note('upgrades', `${what}: not sent (interrupted)`);
    return { kind: 'interrupted', what, notSent: true };
  }
  hooks.out(`  → ${what}\n`);
  let lastLine = '';
  const controller = new AbortController();
  const onAbort = (): void => controller.abort();
  hooks.signal?.addEventListener('abort', onAbort, { once: true });
  if (hooks.signal?.aborted) controller.abort();
  const started = Date.now();
  try {
    const done = await runOperation(
      { id: 'upgrades', connection, journal },
      {
        intent: {
          step: 'upgrades',
          action:
            op.kind === 'image'
              ? 'upgrade node image'
              : op.kind === 'pool'
                ? 'upgrade pool'
                : 'upgrade control plane',
          target: pool ? `agentPool/${pool}` : `managedCluster/${req.at.name}`,
          detail: {
            sequence: true,
            ...(op.kind === 'image' ? { image: op.latest } : { to: op.to }),
          },
        },
        what,
        ...(pool ? { pool } : {}),
        target,
        ...(op.kind !== 'control-plane'
          ? { drain: drainRulesOf(op.pool.settings, req.timeScale) }
          : {}),
        start,
        onUpdate: (rotation) => {
          const line = rotationLine(rotation);
          if (line !== lastLine) hooks.progress(`${req.at.name}: ${line}`);
          lastLine = line;
        },
        pollMs: req.pollMs,
      },
      controller.signal,
    );
    // Interrupted before the request went out (during the first node snapshot): nothing sent.
    if (!done.sent && controller.signal.aborted)
      return { kind: 'interrupted', what, notSent: true };
    const took = Math.round((Date.now() - started) / 1000);
    if (done.ending.kind === 'succeeded') {
      hooks.out(`  ✔ ${what} succeeded (${took} s)\n`);
      return undefined;
    }
    if (done.ending.kind === 'failed' && done.ending.failure.statusCode === 304) {
      hooks.out(`  ✔ ${what}: already the latest (AKS answered 304)\n`);
      return undefined;
    }
    if (done.ending.kind === 'left-running') return { kind: 'interrupted', what };
    if (done.ending.kind === 'unknown') {
      // Never "failed": Azure may be running it. Said with the command that tells.
      const why = failureOf(done.ending.cause, connection, 'follow the operation').line;
      const lines = [
        unheardWhy(done.ending.accepted, why),
        done.ending.accepted
          ? 'It may still be running in Azure: nothing here stopped or undid it.'
          : 'It may be running in Azure, or may never have started.',
        `Check it: ${azProvisioningState(arm.at, pool)} (Upgrading: still running; Succeeded or Failed: how it ended).`,
        'Then run the same command again: the sequence picks up at this cluster.',
      ];
      // The operator's Ctrl+C (or SIGTERM) ended the wait: an interruption, with its exit code.
      if (hooks.signal?.aborted) return { kind: 'interrupted', what, unanswered: lines };
      return stopped(`${what} ${sentWords(done.ending.accepted)}; its outcome is unknown`, lines);
    }
    return operationFailure(done.ending.failure, what, req.at.name);
  } finally {
    hooks.signal?.removeEventListener('abort', onAbort);
  }
}

/** A failed operation for an operator at a terminal: what happened and what to do next. */
export function operationFailure(f: ArmFailure, what: string, cluster: string): ClusterOutcome {
  if (f.notSent)
    return stopped(`${what} was not sent: ${f.message}`, [
      'Nothing was sent to Azure. Fix the cause, then run the same command again.',
    ]);
  const pdb = blockingPdb(f.message);
  // UpgradeFailed covers more than drains (VM extensions, quota): only a message about draining,
  // evicting or a budget is explained as one (as the upgrades step explains it).
  if (pdb || /drain|evict|disruption budget|\bPDBs?\b/i.test(f.message))
    return stopped(
      pdb
        ? `${what} failed: PodDisruptionBudget ${pdb.namespace}/${pdb.pdb} would not let AKS evict pod ${pdb.pod}, so a node could not be drained`
        : `${what} failed: AKS could not drain a node in time (${f.code})`,
      [
        pdb
          ? `See it: kubectl get pdb -n ${pdb.namespace} ${pdb.pdb} (on ${cluster}). Scale the workload so a pod may go, or relax the budget for the window; or set the pool's upgradeSettings.undrainableNodeBehavior to Cordon.`
          : 'Find the budget or pod holding the drain (aks-runbook on the cluster: the drain step), fix it, or set undrainableNodeBehavior: Cordon.',
        'Then run the same command again: the sequence picks up at this cluster and retries the pool at the same version (AKS resumes where it stopped).',
        `AKS said: ${f.message}`,
      ],
    );
  // The If-Match eTag no longer matched: refused before anything changed.
  if (f.statusCode === 412 || f.code === 'EtagMismatch')
    return stopped(
      `${what} was refused: ${cluster} changed after it was read (${f.code}${f.statusCode ? `, HTTP ${f.statusCode}` : ''}), so nothing was changed`,
      [
        'Someone or something else changed the cluster or pool meanwhile. Check what changed (az aks show), then run the same command again: it reads the cluster afresh.',
        `AKS said: ${f.message}`,
      ],
    );
  if (f.statusCode === 409 || /in progress|another operation/i.test(f.message))
    return stopped(`${what} was refused: another operation is running on ${cluster} (${f.code})`, [
      'Wait for it to end (az aks show shows provisioningState), then run the same command again: the sequence picks up at this cluster.',
      `AKS said: ${f.message}`,
    ]);
  return stopped(`${what} failed: ${f.code}${f.statusCode ? ` (HTTP ${f.statusCode})` : ''}`, [
    `AKS said: ${f.message}`,
    'Fix the cause, then run the same command again: the sequence picks up at this cluster.',
  ]);
}

export function stopped(reason: string, lines: string[]): ClusterOutcome {
  return { kind: 'stopped', reason, lines };
}

/** The az commands that do the same operation (commented out in a dry run). */
export function azOf(
  op: ClusterOperation,
  at: ClusterUpgradeRequest['at'],
  dryRun: boolean,
): string[] {
  if (op.kind === 'control-plane') return azControlPlaneUpgrade(at, op.to, dryRun);
  if (op.kind === 'pool') return [azPoolUpgrade(at, op.pool.name, op.to, dryRun)];
  return [azNodeImageUpgrade(at, op.pool.name, dryRun)];
}
