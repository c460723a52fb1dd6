import { UserError } from '../model/errors.js';
import type { SequencedCluster } from '../checks/fleet/sequence.js';
import type { ArmCoordinates } from '../model/arm.js';
import type { Finding } from '../model/finding.js';
import { plural } from '../model/plural.js';
import { visible } from '../model/visible-text.js';
import { upgradeCluster, type ClusterOutcome } from '../runbook/cluster-upgrade.js';
import { failureOf } from '../target/failure.js';
import type { FleetAccess } from './access.js';
import type { SequenceRequest } from './sequence-command.js';
import { SequenceJournal, type OpenSequence } from './sequence-journal.js';

/** Where the sequence prints and asks. */
export interface SequenceIo {
  out: (text: string) => void;
  progress: (line: string) => void;
  interactive: boolean;
  /** Asks one line on the terminal; absent: no terminal to ask on. */
  ask?: (question: string) => Promise<string>;
  /** Ctrl+C: stops following; an operation sent goes on in Azure, and the journal keeps the place. */
  signal?: AbortSignal;
}

/**
 * The clusters one at a time: each upgraded, followed and verified before the next is even
 * asked about. The sequence journal holds the order and each cluster's phase, so a rerun of the
 * same change picks up at the cluster it was on. Exit code as `runSequence`.
 */
export async function runClusters(
  clusters: readonly SequencedCluster[],
  open: OpenSequence | undefined,
  request: SequenceRequest,
  access: FleetAccess,
  env: NodeJS.ProcessEnv,
  io: SequenceIo,
): Promise<number> {
  const writes = !request.mode.readOnly && !request.mode.dryRun;
  const journal = writes
    ? await SequenceJournal.open(env, request.update, access.simulated, access.secret)
    : undefined;
  try {
    const confirmed = confirmedClusters(request.confirm, clusters);
    const verified = (c: SequencedCluster): boolean =>
      open?.phases.get(c.row.id.toLowerCase()) === 'verified';
    const first = clusters.findIndex((c) => !verified(c));
    if (open && first >= 0)
      io.out(
        `\nResuming the sequence begun ${open.began} (journal ${journal?.path ?? ''}): ${first} of ${clusters.length} verified; picking up at ${visible(clusters[first]!.row.name)}.\n`,
      );
    else if (journal)
      await journal.write({
        kind: 'begin',
        update: request.update,
        order: clusters.map((c) => c.row.id),
        names: clusters.map((c) => c.row.name),
      });
    for (const [i, c] of clusters.entries()) {
      if (verified(c)) continue;
      const id = c.row.id;
      io.out(
        `\n── ${i + 1}/${clusters.length} ${visible(c.row.name)} (${visible(c.env || 'untagged')}, ${visible(c.row.resourceGroup)}, subscription ${c.row.subscriptionId})\n`,
      );
      const phase = open?.phases.get(id.toLowerCase());
      const outcome: ClusterOutcome = await upgradeCluster(
        {
          at: atOf(c),
          update: request.update,
          mode: request.mode,
          arm: {
            credential: access.connection.credential,
            cloud: access.connection.cloud,
            ...(access.connection.endpoint ? { endpoint: access.connection.endpoint } : {}),
            ...(access.connection.caCert ? { caCert: access.connection.caCert } : {}),
          },
          env,
          ...(open?.baselines.get(id.toLowerCase())
            ? { baseline: open.baselines.get(id.toLowerCase())! }
            : {}),
          startedByUs: phase === 'confirmed' || phase === 'stopped',
          pollMs: pollMs(env),
        },
        {
          out: io.out,
          progress: io.progress,
          baseline: (findings) =>
            journal?.write({ kind: 'cluster', id, phase: 'baseline', findings: lean(findings) }) ??
            Promise.resolve(),
          journalOpened: (path) =>
            journal?.write({ kind: 'cluster', id, phase: 'confirmed', journal: path }) ??
            Promise.resolve(),
          confirm: (change, details) =>
            confirmCluster(c.row.name, change, details, confirmed.has(c.row.id), io),
          ...(io.signal ? { signal: io.signal } : {}),
        },
      ).catch((error: unknown) => ({
        kind: 'stopped' as const,
        reason: `could not go on: ${failureOf(error, { arm: { at: atOf(c) } }, `upgrade ${c.row.name}`).line}`,
        lines: [
          'Fix what is named, then run the same command again: the sequence picks up at this cluster.',
        ],
      }));
      const code = await ended(outcome, c, journal, io);
      if (code !== undefined) return code;
    }
    if (!writes) {
      io.out(
        `\n${request.mode.readOnly ? 'Read-only' : 'Dry run'}: nothing was sent to any cluster.\n`,
      );
      return 0;
    }
    await journal?.write({ kind: 'end', outcome: 'completed' });
    io.out(
      `\n✔ Sequence complete: ${plural(clusters.length, 'cluster')} upgraded or already there, each verified.\n`,
    );
    return 0;
  } finally {
    await journal?.close();
  }
}

/** Prints and journals how a cluster's turn ended; an exit code when the sequence stops there. */
async function ended(
  outcome: ClusterOutcome,
  c: SequencedCluster,
  journal: SequenceJournal | undefined,
  io: SequenceIo,
): Promise<number | undefined> {
  const id = c.row.id;
  const name = visible(c.row.name);
  switch (outcome.kind) {
    case 'shown':
      return undefined;
    case 'verified':
      await journal?.write({
        kind: 'cluster',
        id,
        phase: 'verified',
        message: outcome.verdict.passed.join('; '),
      });
      io.out(`  ✔ ${name} verified: ${outcome.verdict.passed.join('; ')}\n`);
      return undefined;
    case 'not-confirmed':
      io.out(
        `  Stopped before ${name}: not confirmed, nothing was sent to it. To go on: run the same command again (it picks up here), with --confirm ${name} when scripted.\n`,
      );
      return 1;
    case 'interrupted':
      if (outcome.notSent) {
        io.out(
          `  Interrupted before ${visible(outcome.what)} on ${name}: ${outcome.after ? `it was not sent (${outcome.after.map(visible).join(', ')} succeeded before it)` : 'nothing was sent to it'}. Run the same command again: the sequence picks up at ${name}.\n`,
        );
        return 130;
      }
      if (outcome.unanswered) {
        io.out(
          `  Interrupted while ${visible(outcome.what)} on ${name} waited for Azure's answer:\n${outcome.unanswered.map((l) => `    ${visible(l)}\n`).join('')}`,
        );
        return 130;
      }
      io.out(
        `  Stopped following ${visible(outcome.what)} on ${name}: it goes on in Azure. Run the same command again: the sequence picks up at ${name} and follows it.\n`,
      );
      return 130;
    case 'stopped':
      await journal?.write({ kind: 'cluster', id, phase: 'stopped', message: outcome.reason });
      io.out(
        `  ✖ The sequence stopped at ${name}: ${visible(outcome.reason)}\n${outcome.lines.map((l) => `    ${visible(l)}\n`).join('')}`,
      );
      return 1;
  }
}

/** The typed confirmation of one cluster: `--confirm NAME`, or the name typed at the prompt. */
async function confirmCluster(
  name: string,
  change: string,
  details: string[],
  confirmed: boolean,
  io: SequenceIo,
): Promise<boolean> {
  if (confirmed) {
    io.out(`  Confirmed on the command line (--confirm ${visible(name)}).\n`);
    return true;
  }
  if (!io.interactive || !io.ask) return false;
  io.out(`\n  About to ${visible(change)}.\n${details.map((d) => `  ${visible(d)}\n`).join('')}`);
  const typed = (
    await io.ask(
      `  Type the cluster name (${visible(name)}) to go ahead, or press Enter to stop here: `,
    )
  ).trim();
  if (typed === name) return true;
  return false;
}

/** A finding as the journal keeps it for the comparison after the upgrade. */
function lean(findings: readonly Finding[]): Finding[] {
  return findings.map((f) => ({
    id: f.id,
    severity: f.severity,
    ...(f.object ? { object: f.object } : {}),
    message: f.message,
  }));
}

/** How often operations and nodes are polled (AKS_RUNBOOK_FLEET_POLL_MS; tests shorten it). */
function pollMs(env: NodeJS.ProcessEnv): number {
  const ms = Number(env['AKS_RUNBOOK_FLEET_POLL_MS']);
  return Number.isFinite(ms) && ms > 0 ? ms : 2000;
}

/**
 * The ids of the clusters `--confirm` names: a full resource id, `GROUP/NAME`, or a bare NAME. A
 * value that names more than one cluster of the sequence (a name shared by two resource groups,
 * GROUP/NAME shared by two subscriptions) is refused before anything is sent.
 */
export function confirmedClusters(
  names: readonly string[],
  clusters: readonly SequencedCluster[],
): Set<string> {
  const ids = new Set<string>();
  for (const given of names) {
    const matching = confirmedBy(given, clusters);
    if (matching.length > 1) {
      const short = matching.map((c) => `${c.row.resourceGroup}/${c.row.name}`);
      const groupsDiffer = new Set(short.map((n) => n.toLowerCase())).size === short.length;
      throw new UserError(
        `--confirm ${given}: ${matching.length} clusters of this sequence answer to it (${(groupsDiffer ? short : matching.map((c) => c.row.id)).join(', ')}); confirm each by ${groupsDiffer ? 'GROUP/NAME or ' : ''}its full resource id (/subscriptions/ID/resourceGroups/GROUP/providers/Microsoft.ContainerService/managedClusters/NAME)`,
      );
    }
    for (const c of matching) ids.add(c.row.id);
  }
  return ids;
}

/** The `--confirm` names that no cluster of the sequence answers to. */
export function unknownConfirms(
  names: readonly string[],
  clusters: readonly SequencedCluster[],
): string[] {
  return names.filter((given) => confirmedBy(given, clusters).length === 0);
}

/** A managed cluster's resource id: subscription, group and name. */
const CLUSTER_ID =
  /^\/subscriptions\/([^/]+)\/resourceGroups\/([^/]+)\/providers\/Microsoft\.ContainerService\/managedClusters\/([^/]+)\/?$/i;

/** The clusters one `--confirm` value names: its resource id, GROUP/NAME, or every cluster with that NAME. */
function confirmedBy(given: string, clusters: readonly SequencedCluster[]): SequencedCluster[] {
  const same = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();
  if (given.startsWith('/')) {
    const id = CLUSTER_ID.exec(given);
    if (!id) return [];
    const [, sub = '', group = '', name = ''] = id;
    return clusters.filter(
      (c) =>
        same(c.row.subscriptionId, sub) &&
        same(c.row.resourceGroup, group) &&
        same(c.row.name, name),
    );
  }
  const [group, name = ''] = given.includes('/') ? given.split('/', 2) : [undefined, given];
  return clusters.filter(
    (c) => same(c.row.name, name) && (group === undefined || same(c.row.resourceGroup, group)),
  );
}

/** The cluster's ARM coordinates. */
function atOf(c: SequencedCluster): ArmCoordinates {
  return {
    subscriptionId: c.row.subscriptionId,
    resourceGroup: c.row.resourceGroup,
    name: c.row.name,
  };
}
