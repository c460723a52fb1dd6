import type { TokenCredential } from '@azure/core-auth';
import type { CloudName } from '../azure/clouds.js';
import { readVersionReads } from '../azure/upgrade-reads.js';
import { clusterWork, operationText, type PoolImage } from '../checks/fleet/cluster-work.js';
import type { PlannedUpdate } from '../checks/fleet/update-plan.js';
import type { UpgradeVerdict } from '../checks/fleet/upgrade-verdict.js';
import { versionFactsFromArm } from '../checks/versions/from-arm.js';
import type { VersionFacts } from '../checks/versions/facts.js';
import type { Connection } from '../model/connection.js';
import type { Finding } from '../model/finding.js';
import type { ArmVersionReads } from '../model/arm.js';
import type { WireMode } from '../model/session.js';
import { armFailureOf } from '../steps/rotation/explain.js';
import { inspectUpgrades } from '../steps/upgrades/inspect.js';
import { connect } from '../target/connect.js';
import { azOf, sendOperation, stopped } from './cluster-operation.js';
import { verifyCluster } from './cluster-verify.js';
import { Journal } from './journal.js';

/** One cluster of a sequence and how to reach it. */
export interface ClusterUpgradeRequest {
  at: { subscriptionId: string; resourceGroup: string; name: string };
  update: PlannedUpdate;
  mode: WireMode;
  arm: { credential: TokenCredential; cloud: CloudName; endpoint?: string; caCert?: string };
  env: NodeJS.ProcessEnv;
  /** The findings before the upgrade an earlier session recorded (a resumed cluster). */
  baseline?: Finding[];
  /** This sequence confirmed the cluster before (journal): an operation running now is its own. */
  startedByUs: boolean;
  /** Wall-clock ms between polls (ARM operations and nodes). */
  pollMs: number;
  /** The simulator's clock speed, for drain-timeout countdowns (absent: real time). */
  timeScale?: number;
}

/** What the sequence lends the cluster's upgrade: where to print, the confirmation, the journal. */
export interface ClusterUpgradeHooks {
  out(text: string): void;
  progress(line: string): void;
  /** The findings before anything was sent, to journal. */
  baseline(findings: Finding[]): Promise<void>;
  /** The typed confirmation of the whole change on this cluster. */
  confirm(change: string, details: string[]): Promise<boolean>;
  /** The cluster's own session journal was opened (its operations are journaled there). */
  journalOpened(path: string): Promise<void>;
  signal?: AbortSignal;
}

/** How one cluster's turn ended. */
export type ClusterOutcome =
  | { kind: 'verified'; verdict: UpgradeVerdict; changed: boolean }
  | { kind: 'stopped'; reason: string; lines: string[] }
  | { kind: 'not-confirmed' }
  /**
   * Ctrl+C: following `what` stopped (it goes on in Azure), or, `notSent`, before it was sent
   * (`after`: the operations of this cluster that succeeded before it), or, `unanswered`, while
   * its request waited for Azure's answer (the lines say how to find out whether it started).
   */
  | { kind: 'interrupted'; what: string; notSent?: true; after?: string[]; unanswered?: string[] }
  | { kind: 'shown' };

const RUNNING = /ing$/i;

/**
 * One cluster of a one-at-a-time sequence, the way the upgrades step does it: look (the upgrades
 * step's own inspection), plan the operations, ask, send each as a journaled ARM operation
 * followed live on the SDK's poller and the pool's nodes, then verify. In `--read-only` and
 * `--dry-run` the operations are shown and nothing is sent.
 */
export async function upgradeCluster(
  req: ClusterUpgradeRequest,
  hooks: ClusterUpgradeHooks,
): Promise<ClusterOutcome> {
  const connection = await connect(
    {
      cloud: req.arm.cloud,
      demo: false,
      subscription: req.at.subscriptionId,
      resourceGroup: req.at.resourceGroup,
      name: req.at.name,
    },
    {
      env: req.env,
      mode: req.mode,
      credential: req.arm.credential,
      ...(req.arm.endpoint ? { armEndpoint: req.arm.endpoint } : {}),
      ...(req.arm.caCert ? { caCert: req.arm.caCert } : {}),
    },
  );
  const arm = connection.arm!;
  let look = await inspectUpgrades({ connection, mode: { ...req.mode, demo: false } });
  const before = req.baseline ?? look.findings;
  if (!req.baseline && !req.mode.readOnly && !req.mode.dryRun) await hooks.baseline(before);
  const busy = runningStates(look.facts.versions);
  if (busy.length > 0) {
    const state = busy.join(', ');
    if (!req.startedByUs)
      return stopped(
        `an operation is running on the cluster (${state}) that this sequence did not start`,
        [
          'Wait for it to end (az aks show shows provisioningState), then run the same command again.',
        ],
      );
    hooks.out(`  An upgrade this sequence started is still running (${state}): following it.\n`);
    const ended = await waitWhileRunning(connection, req, hooks);
    if (ended === 'interrupted')
      return { kind: 'interrupted', what: `the running operation (${state})` };
    look = await inspectUpgrades({ connection, mode: { ...req.mode, demo: false } });
  }
  const images =
    req.update.type === 'NodeImageOnly' ? imagesOf(await readVersionReads(arm.client, arm.at)) : [];
  const work = clusterWork(req.update, look.facts.versions, images);
  if (work.kind === 'refused')
    return stopped(work.reason, [
      'Choose a target this cluster can reach (fleet inventory shows each version), or leave it out with --where / --clusters.',
    ]);
  const ops = work.operations;
  if (ops.length === 0) {
    hooks.out('  Nothing to send: the cluster is already there.\n');
  } else {
    const lines = ops.map((op, i) => `  ${i + 1}. ${operationText(op)}`);
    hooks.out(`  Operations, one after the other:\n${lines.join('\n')}\n`);
    if (req.mode.readOnly) {
      hooks.out('  Read-only: the upgrade is shown, not offered; nothing was sent.\n');
      return { kind: 'shown' };
    }
    if (req.mode.dryRun) {
      hooks.out(
        `  Dry run: ${ops.length === 1 ? 'this request was' : 'these requests were'} not sent; nothing changed.\n`,
      );
      return { kind: 'shown' };
    }
    const warnings = [
      ...look.findings
        .filter((f) => f.id === 'versions.pdb-blocks-drain' || f.id === 'versions.node-not-ready')
        .map((f) => `Warning: ${f.message}`),
      'The same with az, one after the other:',
      ...ops.flatMap((op) => azOf(op, req.at, req.mode.dryRun).map((c) => `  ${c}`)),
    ];
    const change = `upgrade ${req.at.name}: ${ops.map(operationText).join(', then ')}`;
    // A Ctrl+C that came while the cluster was looked at stops here: nothing sent, none asked.
    if (hooks.signal?.aborted) return { kind: 'interrupted', what: 'its upgrade', notSent: true };
    if (!(await hooks.confirm(change, warnings))) return { kind: 'not-confirmed' };
    const journal = await Journal.open({
      cluster: req.at.name,
      mode: { ...req.mode, demo: false },
      env: req.env,
    });
    try {
      await hooks.journalOpened(journal.path);
      await journal.confirmation({ cluster: req.at.name, change, typed: req.at.name }, true);
      const done: string[] = [];
      for (const op of ops) {
        const after = done.length > 0 ? { after: [...done] } : {};
        if (hooks.signal?.aborted)
          return { kind: 'interrupted', what: operationText(op), notSent: true, ...after };
        const ended = await sendOperation(op, connection, journal, req, hooks);
        if (ended?.kind === 'interrupted' && ended.notSent) return { ...ended, ...after };
        if (ended) return ended;
        done.push(operationText(op));
      }
    } finally {
      await journal.close();
    }
  }
  hooks.progress(`Verifying ${req.at.name}: versions, states, nodes, findings`);
  const after = await inspectUpgrades({ connection, mode: { ...req.mode, demo: false } });
  const verdict = await verifyCluster(connection, req.update, ops, before, after.findings);
  if (!verdict.ok)
    return stopped(`verification failed: ${verdict.failed.join('; ')}`, [
      'Look at the cluster (aks-runbook on it: the upgrades step), fix what is named, then run the same command again: it verifies this cluster again before going on.',
    ]);
  return { kind: 'verified', verdict, changed: ops.length > 0 };
}

/** Each pool's image and the latest its upgrade profile offers. */
function imagesOf(reads: ArmVersionReads): PoolImage[] {
  return reads.pools.map((p) => ({
    pool: p.name ?? '',
    ...(p.nodeImageVersion ? { image: p.nodeImageVersion } : {}),
    ...(reads.poolProfiles[p.name ?? '']?.latestNodeImageVersion
      ? { latest: reads.poolProfiles[p.name ?? '']!.latestNodeImageVersion! }
      : {}),
  }));
}

/** The cluster's and pools' provisioning states that say an operation is running. */
function runningStates(v: VersionFacts): string[] {
  return [
    ...(RUNNING.test(v.provisioningState) ? [`cluster ${v.provisioningState}`] : []),
    ...v.pools
      .filter((p) => RUNNING.test(p.provisioningState))
      .map((p) => `pool ${p.name} ${p.provisioningState}`),
  ];
}

/** Polls the cluster until its provisioning state ends (an operation an earlier session sent). */
async function waitWhileRunning(
  connection: Connection,
  req: ClusterUpgradeRequest,
  hooks: ClusterUpgradeHooks,
): Promise<'ended' | 'interrupted'> {
  const arm = connection.arm!;
  for (;;) {
    if (hooks.signal?.aborted) return 'interrupted';
    const reads = await readVersionReads(arm.client, arm.at).catch((e: unknown) => {
      throw new Error(armFailureOf(e).message);
    });
    const facts = versionFactsFromArm(reads);
    const running = runningStates(facts);
    if (running.length === 0) return 'ended';
    hooks.progress(
      `${req.at.name}: ${running.join(', ')} (control plane ${facts.controlPlane.current})`,
    );
    await new Promise((r) => setTimeout(r, req.pollMs));
  }
}
