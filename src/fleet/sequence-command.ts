import type { FleetMember } from '@azure/arm-containerservicefleet';
import { matchesAll, type WhereClause } from '../checks/fleet/where.js';
import { planUpdateRun, type PlannedUpdate } from '../checks/fleet/update-plan.js';
import { FLEET_ADVICE_FROM, fleetAdvice, sequenceClusters } from '../checks/fleet/sequence.js';
import { visible } from '../model/visible-text.js';
import { renderPlan } from '../report/render-update-run.js';
import type { FleetAccess } from './access.js';
import { readInventory } from './inventory.js';
import { memberFacts } from './plan-facts.js';
import { plural } from '../model/plural.js';

/** What `fleet sequence` was asked. */
export interface SequenceRequest {
  subscriptions?: string[];
  where: WhereClause[];
  tag: string;
  order?: string[];
  update: PlannedUpdate;
}

/**
 * `fleet sequence`: for clusters in no fleet, the one-at-a-time order (by the `env` tag, test
 * before production), each cluster's readiness as for an update run, the command that upgrades
 * each one in the TUI, and with many clusters the `az fleet` commands that would hand the
 * ordering to Fleet Manager. Reads only.
 */
export async function runSequence(
  request: SequenceRequest,
  access: FleetAccess,
  env: NodeJS.ProcessEnv,
  io: { out: (t: string) => void; progress: (l: string) => void },
): Promise<number> {
  io.progress('Asking Azure Resource Graph for the clusters outside any fleet');
  const inventory = await readInventory(access, request.subscriptions);
  const rows = inventory.rows.filter((r) => matchesAll(r, request.where));
  const sequence = sequenceClusters(rows, request.tag, request.order);
  if (sequence.length === 0) {
    io.out(
      'Every cluster in scope is in a Fleet Manager fleet (or none matched): use fleet run plan.\n',
    );
    return 0;
  }
  const members: FleetMember[] = sequence.map((c) => ({
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
  const stages = sequence.map((c) => ({ name: c.env || 'untagged', groups: [c.row.name] }));
  const plan = planUpdateRun(stages, facts, request.update);
  const change =
    request.update.type === 'NodeImageOnly'
      ? 'node image upgrade'
      : `${request.update.type} upgrade to ${request.update.kubernetesVersion ?? '?'}`;
  io.out(
    renderPlan(
      `${plural(sequence.length, 'cluster')} in no fleet, one at a time by tag ${request.tag}: ${change}`,
      plan,
    ),
  );
  io.out(
    [
      '',
      'Upgrade them in this order, one at a time: open each in the runbook (its upgrades step plans,',
      'asks, upgrades and verifies), and go on to the next only once the last one is verified:',
      ...sequence.map(
        (c, i) =>
          `  ${i + 1}. aks-runbook --subscription ${c.row.subscriptionId} -g ${c.row.resourceGroup} -n ${c.row.name}`,
      ),
      '',
    ]
      .map(visible)
      .join('\n'),
  );
  if (sequence.length >= FLEET_ADVICE_FROM) {
    io.out(
      [
        `${sequence.length} clusters are many to take by hand: Azure Kubernetes Fleet Manager can run this order for you`,
        '(update groups by tag, stages with waits). For example:',
        ...fleetAdvice(sequence).map((l) => `  ${l}`),
        '',
      ]
        .map(visible)
        .join('\n'),
    );
  }
  return 0;
}
