import { kubectlCordon, kubectlDrain } from '../../model/equivalent-commands.js';
import type { DrainNode } from '../../model/drain.js';
import type { DrainOptions, NodePlan } from '../../model/drain.js';
import type { ConfirmationRequest } from '../../model/session.js';
import { plural } from '../../model/plural.js';
import { AKS_UPGRADE_STATUS_LABEL, quarantineWayOut } from '../../checks/drain/nodes.js';

/** How many nodes a question's change names; the rest are counted (all are in its details). */
const NAMED_NODES = 3;

/**
 * Nodes as a change names them: `node a`, `2 nodes (a, b)`, or for a pool of 40 the first few
 * and `and 37 more`, so the change stays a line or two and the question fits the screen.
 */
export function nodesNamed(names: readonly string[]): string {
  if (names.length === 1) return `node ${names[0]}`;
  const shown = names.slice(0, NAMED_NODES).join(', ');
  const more = names.length - NAMED_NODES;
  return `${names.length} nodes (${shown}${more > 0 ? ` and ${more} more` : ''})`;
}

/** A details line naming every node, when the change names only some. */
function allNodes(names: readonly string[]): string[] {
  return names.length > NAMED_NODES ? [`Nodes: ${names.join(', ')}.`] : [];
}

/** The options as one line for the operator. */
function describeOptions(o: DrainOptions): string {
  const grace = o.gracePeriodSeconds === undefined ? "pod's own" : `${o.gracePeriodSeconds}s`;
  return [
    `ignore DaemonSets ${o.ignoreDaemonSets ? 'on' : 'off'}`,
    `delete emptyDir data ${o.deleteEmptyDirData ? 'on' : 'off'}`,
    `force ${o.force ? 'on' : 'off'}`,
    `disable eviction ${o.disableEviction ? 'on' : 'off'}`,
    `grace ${grace}`,
    `timeout ${o.timeoutSeconds}s per node`,
    `${plural(o.batchSize, 'node')} at a time`,
  ].join(', ');
}

/**
 * The confirmation of a drain: names the cluster and every node. More than one node needs the
 * cluster name typed; force or disable-eviction on one node needs the node name typed. A dry run
 * says what it does instead of what a real drain leaves behind.
 */
export function drainConfirmation(
  cluster: string,
  nodes: readonly DrainNode[],
  previews: Record<string, NodePlan>,
  options: DrainOptions,
  dryRun = false,
): ConfirmationRequest {
  const names = nodes.map((n) => n.name);
  const what = nodesNamed(names);
  const details = nodes.map((n) => {
    const p = previews[n.name];
    const waits = p?.blocked.filter((b) => b.cause === 'pdb').length ?? 0;
    return `${n.name}: evict ${p?.evict.length ?? 0}, skip ${p?.skip.length ?? 0}${waits ? `, ${waits} wait on a PDB` : ''}`;
  });
  details.push(`Options: ${describeOptions(options)}.`);
  const waiting = nodes.some((n) => previews[n.name]?.blocked.some((b) => b.cause === 'pdb'));
  if (waiting && options.batchSize > 1 && nodes.length > 1) {
    details.push(
      "Nodes drained at the same time share each PDB's allowed disruptions: a pod beyond them waits until an evicted pod's replacement is Ready (up to the timeout per node).",
    );
  }
  if (options.disableEviction) {
    details.push('WARNING: pods are deleted directly; PodDisruptionBudgets are bypassed.');
  }
  if (options.force) details.push('WARNING: pods without a controller are deleted for good.');
  if (options.deleteEmptyDirData) details.push('emptyDir data of evicted pods is lost.');
  for (const n of nodes.filter((x) => x.kuredLock || x.rebootNeeded)) {
    details.push(
      `${n.name}: kured ${n.kuredLock ? 'holds its lock on it' : 'wants to reboot it'}.`,
    );
  }
  details.push(
    dryRun
      ? 'Dry run: the cordon and every eviction go to the API server as dry runs; no node is cordoned, no pod moves.'
      : 'A stopped or aborted drain leaves the node cordoned; u uncordons it.',
  );
  const dangerous = options.force || options.disableEviction;
  const typed = names.length > 1 ? cluster : dangerous ? names[0] : undefined;
  return {
    cluster,
    change: `Cordon and drain ${what}`,
    details,
    commands: names.map((name) => kubectlDrain(name, options, dryRun)),
    ...(typed ? { typed } : {}),
  };
}

/**
 * The confirmation of an uncordon. A node kured is rebooting needs its name typed: uncordoning it
 * lets pods back onto a node about to restart, which defeats the reboot. `kuredUnread` is why
 * kured's lock could not be read just before asking: then no node is known free of it, so the
 * question says so and asks as strongly as for a held lock.
 */
export function uncordonConfirmation(
  cluster: string,
  nodes: readonly DrainNode[],
  dryRun: boolean,
  kuredUnread?: string,
): ConfirmationRequest {
  const names = nodes.map((n) => n.name);
  const kured = nodes.filter((n) => n.kuredLock || n.rebootNeeded);
  const details = kured.map(
    (n) =>
      `WARNING: kured ${n.kuredLock ? 'holds its reboot lock on' : 'is waiting to reboot'} ${n.name}; uncordoning it defeats the reboot.`,
  );
  const quarantined = nodes.filter((x) => x.aksQuarantined);
  for (const n of quarantined) {
    details.push(
      `WARNING: AKS quarantined ${n.name} (label ${AKS_UPGRADE_STATUS_LABEL}=Quarantined) after an upgrade drain it could not finish; it is still on the old version.`,
      `AKS's way out: ${quarantineWayOut(n.name)}`,
    );
  }
  if (kuredUnread !== undefined) {
    details.push(
      `WARNING: kured's reboot lock could not be checked; if kured is rebooting ${names.length > 1 ? 'one of these nodes' : 'this node'}, uncordoning defeats the reboot.`,
      `Why: ${kuredUnread}.`,
    );
  }
  const strong =
    kured[0]?.name ?? quarantined[0]?.name ?? (kuredUnread !== undefined ? names[0] : undefined);
  const typed = strong ?? (names.length > 1 ? cluster : undefined);
  return {
    cluster,
    change: `Uncordon ${nodesNamed(names)}`,
    details: [...allNodes(names), ...details, 'New pods may be scheduled on it again.'],
    commands: names.map((name) => kubectlCordon(name, 'uncordon', dryRun)),
    ...(typed ? { typed } : {}),
  };
}

/** The question before cordoning nodes without draining them. */
export function cordonConfirmation(
  cluster: string,
  nodes: readonly DrainNode[],
  dryRun: boolean,
): ConfirmationRequest {
  const names = nodes.map((n) => n.name);
  return {
    cluster,
    change: `Cordon ${nodesNamed(names)} (no pod is evicted)`,
    details: [
      ...allNodes(names),
      'No new pod will be scheduled there; the pods running there stay until drained.',
    ],
    commands: names.map((name) => kubectlCordon(name, 'cordon', dryRun)),
    ...(names.length > 1 ? { typed: cluster } : {}),
  };
}

/**
 * The question before aborting a running drain (the same dialog as every other question: Cancel
 * first, Yes = abort). Names the nodes still being drained and what is left of them.
 */
export function abortConfirmation(
  cluster: string,
  draining: readonly string[],
  dryRun: boolean,
): ConfirmationRequest {
  const what = draining.length === 0 ? 'the drain' : `the drain of ${nodesNamed(draining)}`;
  return {
    cluster,
    change: `Abort ${what}`,
    details: [
      ...allNodes(draining),
      ...(dryRun
        ? [
            'The dry-run evictions still to be checked are not sent.',
            'Nothing was cordoned or evicted, so nothing is left to undo.',
            'Cancel, and the dry run goes on.',
          ]
        : [
            'Evictions in flight are cancelled; pods already evicted stay evicted.',
            'Nodes already cordoned stay cordoned, so no new pod lands there; u uncordons them.',
            'Cancel, and the drain goes on.',
          ]),
    ],
  };
}
