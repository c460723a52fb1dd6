import type { ArmCoordinates } from './arm.js';
import type { DrainOptions } from './drain.js';
import { shellLine } from './shell-quote.js';

// The az and kubectl commands that do what a confirmed change does, for the operator to read,
// copy or run by hand. Built from the real names; every word quoted for a POSIX shell.
// A builder of a command that writes takes the session's dry-run mode: what it does then must be
// what a paste does, so kubectl asks for a server-side dry run and az (which has none) is shown
// as a comment, naming what a real run would send.

/** A command line: fixed words (spaced, never quoted), then flag and value words, quoted. */
function line(fixed: string, ...words: string[]): string {
  return `${fixed} ${shellLine(words)}`;
}

/** What starts an az command that a dry run shows but does not send: a shell comment. */
export const AZ_NOT_RUN = '# not run (dry run): ';

/** An az command as a dry run shows it: commented out, so a paste runs nothing. */
function az(command: string, dryRun: boolean): string {
  return dryRun ? `${AZ_NOT_RUN}${command}` : command;
}

/**
 * `az aks upgrade` of the control plane only (pools keep their versions); with `overrideUntil`,
 * first the `az aks update` that sets AKS's deprecated-API override. The subscription comes last
 * and always: az would otherwise use its own default one. In a dry run, commented out.
 */
export function azControlPlaneUpgrade(
  at: ArmCoordinates,
  version: string,
  dryRun: boolean,
  overrideUntil?: Date,
): string[] {
  const upgrade = line(
    'az aks upgrade',
    ...['-g', at.resourceGroup, '-n', at.name, '--kubernetes-version', version],
    ...['--control-plane-only', '--subscription', at.subscriptionId],
  );
  if (!overrideUntil) return [az(upgrade, dryRun)];
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
  return [az(override, dryRun), az(upgrade, dryRun)];
}

/** `az aks nodepool upgrade` of one pool to a Kubernetes version; in a dry run, commented out. */
export function azPoolUpgrade(
  at: ArmCoordinates,
  pool: string,
  version: string,
  dryRun: boolean,
): string {
  const upgrade = line(
    'az aks nodepool upgrade',
    ...['-g', at.resourceGroup, '--cluster-name', at.name, '-n', pool],
    ...['--kubernetes-version', version, '--subscription', at.subscriptionId],
  );
  return az(upgrade, dryRun);
}

/**
 * `az aks nodepool upgrade --node-image-only` of one pool (its nodes get the latest image); in a
 * dry run, commented out.
 */
export function azNodeImageUpgrade(at: ArmCoordinates, pool: string, dryRun: boolean): string {
  const upgrade = line(
    'az aks nodepool upgrade',
    ...['-g', at.resourceGroup, '--cluster-name', at.name, '-n', pool],
    ...['--node-image-only', '--subscription', at.subscriptionId],
  );
  return az(upgrade, dryRun);
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

/** What makes a kubectl write a dry run the API server checks, as the session's own are. */
const KUBECTL_DRY_RUN = '--dry-run=server';

/**
 * `kubectl drain` of one node with the flags that match the chosen options; in a dry run, with
 * `--dry-run=server` (the cordon and every eviction go as server-side dry runs).
 */
export function kubectlDrain(node: string, o: DrainOptions, dryRun: boolean): string {
  const flags = [
    o.ignoreDaemonSets && '--ignore-daemonsets',
    o.deleteEmptyDirData && '--delete-emptydir-data',
    o.force && '--force',
    o.disableEviction && '--disable-eviction',
    o.gracePeriodSeconds !== undefined && `--grace-period=${o.gracePeriodSeconds}`,
    `--timeout=${o.timeoutSeconds}s`,
    dryRun && KUBECTL_DRY_RUN,
  ];
  return line('kubectl drain', node, ...flags.filter((f): f is string => typeof f === 'string'));
}

/** `kubectl cordon` or `kubectl uncordon` of one node; in a dry run, with `--dry-run=server`. */
export function kubectlCordon(node: string, verb: 'cordon' | 'uncordon', dryRun: boolean): string {
  return dryRun ? line(`kubectl ${verb}`, node, KUBECTL_DRY_RUN) : line(`kubectl ${verb}`, node);
}
