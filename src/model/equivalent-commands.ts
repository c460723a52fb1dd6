import type { ArmCoordinates } from './arm.js';
import type { DrainOptions } from './drain.js';
import { shellLine } from './shell-quote.js';

// The az and kubectl commands that do what a confirmed change does, for the operator to read,
// copy or run by hand. Built from the real names; every word quoted for a POSIX shell.

/** A command line: fixed words (spaced, never quoted), then flag and value words, quoted. */
function line(fixed: string, ...words: string[]): string {
  return `${fixed} ${shellLine(words)}`;
}

/**
 * `az aks upgrade` of the control plane only (pools keep their versions); with `overrideUntil`,
 * first the `az aks update` that sets AKS's deprecated-API override. The subscription comes last
 * and always: az would otherwise use its own default one.
 */
export function azControlPlaneUpgrade(
  at: ArmCoordinates,
  version: string,
  overrideUntil?: Date,
): string[] {
  const upgrade = line(
    'az aks upgrade',
    ...['-g', at.resourceGroup, '-n', at.name, '--kubernetes-version', version],
    ...['--control-plane-only', '--subscription', at.subscriptionId],
  );
  if (!overrideUntil) return [upgrade];
  const override = line(
    'az aks update',
    ...['-g', at.resourceGroup, '-n', at.name, '--enable-force-upgrade'],
    ...[
      '--upgrade-override-until',
      overrideUntil.toISOString(),
      '--subscription',
      at.subscriptionId,
    ],
  );
  return [override, upgrade];
}

/** `az aks nodepool upgrade` of one pool to a Kubernetes version. */
export function azPoolUpgrade(at: ArmCoordinates, pool: string, version: string): string {
  return line(
    'az aks nodepool upgrade',
    ...['-g', at.resourceGroup, '--cluster-name', at.name, '-n', pool],
    ...['--kubernetes-version', version, '--subscription', at.subscriptionId],
  );
}

/** `az aks nodepool upgrade --node-image-only` of one pool (its nodes get the latest image). */
export function azNodeImageUpgrade(at: ArmCoordinates, pool: string): string {
  return line(
    'az aks nodepool upgrade',
    ...['-g', at.resourceGroup, '--cluster-name', at.name, '-n', pool],
    ...['--node-image-only', '--subscription', at.subscriptionId],
  );
}

/**
 * `az aks show` (or `az aks nodepool show` for a pool) asking only for `provisioningState`: how
 * an operator checks by hand whether an operation on it still runs (Upgrading) or how it ended.
 */
export function azProvisioningState(at: ArmCoordinates, pool?: string): string {
  return pool
    ? line(
        'az aks nodepool show',
        ...['-g', at.resourceGroup, '--cluster-name', at.name, '-n', pool],
        ...['--query', 'provisioningState', '--subscription', at.subscriptionId],
      )
    : line(
        'az aks show',
        ...['-g', at.resourceGroup, '-n', at.name],
        ...['--query', 'provisioningState', '--subscription', at.subscriptionId],
      );
}

/**
 * `az fleet updaterun show` of one update run (asking only for its state when `state`): how an
 * operator checks by hand whether a start, stop or skip took.
 */
export function azFleetRunShow(
  fleet: { subscriptionId: string; resourceGroup: string; name: string },
  run: string,
  state: boolean,
): string {
  return line(
    'az fleet updaterun show',
    ...['-g', fleet.resourceGroup, '--fleet-name', fleet.name, '-n', run],
    ...(state ? ['--query', 'status.status.state'] : []),
    ...['--subscription', fleet.subscriptionId],
  );
}

/** `kubectl drain` of one node with the flags that match the chosen options. */
export function kubectlDrain(node: string, o: DrainOptions): string {
  const flags = [
    o.ignoreDaemonSets && '--ignore-daemonsets',
    o.deleteEmptyDirData && '--delete-emptydir-data',
    o.force && '--force',
    o.disableEviction && '--disable-eviction',
    o.gracePeriodSeconds !== undefined && `--grace-period=${o.gracePeriodSeconds}`,
    `--timeout=${o.timeoutSeconds}s`,
  ];
  return line('kubectl drain', node, ...flags.filter((f): f is string => typeof f === 'string'));
}

/** `kubectl cordon` or `kubectl uncordon` of one node. */
export function kubectlCordon(node: string, verb: 'cordon' | 'uncordon' = 'cordon'): string {
  return line(`kubectl ${verb}`, node);
}
