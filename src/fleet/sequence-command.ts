import type { FleetMember } from '@azure/arm-containerservicefleet';
import { matchesAll, type WhereClause } from '../checks/fleet/where.js';
import { planUpdateRun, type PlannedUpdate } from '../checks/fleet/update-plan.js';
import { FLEET_ADVICE_FROM, fleetAdvice, type SequencedCluster } from '../checks/fleet/sequence.js';
import { UserError } from '../model/errors.js';
import type { WireMode } from '../model/session.js';
import { visible } from '../model/visible-text.js';
import { renderPlan } from '../report/render-update-run.js';
import type { FleetAccess } from './access.js';
import { readInventory } from './inventory.js';
import { memberFacts } from './plan-facts.js';
import { plural } from '../model/plural.js';
import { chooseSequence } from './sequence-order.js';
import { runClusters, unknownConfirms, type SequenceIo } from './sequence-run.js';
import { readOpenSequence } from './sequence-journal.js';

/** What `fleet sequence` was asked. */
export interface SequenceRequest {
  subscriptions?: string[];
  where: WhereClause[];
  tag: string;
  order?: string[];
  /** The operator's own order: cluster names (or resource ids), first to last. */
  clusters?: string[];
  update: PlannedUpdate;
  /** Clusters confirmed on the command line (`--confirm NAME`, once per cluster). */
  confirm: string[];
  mode: WireMode;
  /** Start over: ignore an unfinished sequence of the same change in the journal. */
  fresh: boolean;
}

/**
 * `fleet sequence`: clusters in no fleet, one at a time (the operator's order, or by tag, test
 * before production). Prints the order with each cluster's readiness, then upgrades each cluster
 * and goes on to the next only once it is verified and the next one is confirmed. Resumes an
 * unfinished sequence of the same change from its journal. From five clusters on, recommends a
 * Fleet Manager fleet with the `az fleet` commands. Exit 0 done (or shown), 1 stopped, 130
 * interrupted.
 */
export async function runSequence(
  request: SequenceRequest,
  access: FleetAccess,
  env: NodeJS.ProcessEnv,
  io: SequenceIo,
): Promise<number> {
  io.progress('Asking Azure Resource Graph for the clusters outside any fleet');
  const inventory = await readInventory(access, request.subscriptions);
  const rows = inventory.rows.filter((r) => matchesAll(r, request.where));
  const writes = !request.mode.readOnly && !request.mode.dryRun;
  const journaled = request.fresh
    ? undefined
    : await readOpenSequence(env, request.update, access.simulated);
  const sequence = chooseSequence(rows, inventory.rows, request, journaled);
  const open = sequence.resumed ? journaled : undefined;
  if (sequence.clusters.length === 0) {
    io.out(
      'Every cluster in scope is in a Fleet Manager fleet (or none matched): use fleet run plan.\n',
    );
    return 0;
  }
  // NAME or GROUP/NAME, as `confirmedClusters` takes them (an ambiguous NAME is refused there).
  const unknown = unknownConfirms(request.confirm, sequence.clusters);
  if (unknown.length > 0)
    throw new UserError(
      `--confirm ${unknown.join(', ')}: not a cluster of this sequence (${sequence.clusters.map((c) => `${c.row.resourceGroup}/${c.row.name}`).join(', ')}); nothing was changed`,
    );
  const members: FleetMember[] = sequence.clusters.map((c) => ({
    name: c.row.name,
    properties: { clusterResourceId: c.row.id, group: c.row.name },
  }));
  const facts = await memberFacts(
    access,
    members,
    inventory.rows,
    request.update,
    env,
    io.progress,
  );
  const stages = sequence.clusters.map((c) => ({
    name: c.env || 'untagged',
    groups: [c.row.name],
  }));
  const plan = planUpdateRun(stages, facts, request.update);
  io.out(
    renderPlan(
      `${plural(sequence.clusters.length, 'cluster')} in no fleet, one at a time ${sequence.how}: ${changeOf(request.update)}`,
      plan,
      'sequence',
    ),
  );
  if (sequence.clusters.length >= FLEET_ADVICE_FROM) io.out(advice(sequence.clusters));
  for (const note of sequence.notes) io.out(`${visible(note)}\n`);
  if (writes && request.confirm.length === 0 && (!io.interactive || !io.ask))
    throw new UserError(
      `this upgrades ${plural(sequence.clusters.length, 'cluster')} one at a time: name each with --confirm <cluster> (or run it in a terminal to be asked); --dry-run shows the requests`,
    );
  return runClusters(sequence.clusters, open, request, access, env, io);
}

function changeOf(update: PlannedUpdate): string {
  return update.type === 'NodeImageOnly'
    ? 'node image upgrade'
    : `${update.type} upgrade to ${update.kubernetesVersion ?? '?'}`;
}

function advice(clusters: readonly SequencedCluster[]): string {
  return `${[
    '',
    `${clusters.length} clusters are many to take by hand: Azure Kubernetes Fleet Manager can run this order for you`,
    '(update groups by tag, stages with waits). For example:',
    ...fleetAdvice(clusters).map((l) => `  ${l}`),
    '',
  ]
    .map(visible)
    .join('\n')}\n`;
}
