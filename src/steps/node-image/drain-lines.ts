import { poolBlockers } from '../../checks/versions/pool-blockers.js';
import type { ImagePool } from '../../checks/nodeimage/facts.js';
import { nodesOf, pdbsOf } from '../../kube/shared-reads.js';
import type { Connection } from '../../model/connection.js';
import { firstLine, messageOf } from '../../model/errors.js';
import { readPdbFacts } from '../upgrades/pdb-facts.js';
import { poolDrainLines } from '../upgrades/drain-truth.js';

/**
 * The node image confirmation's lines on drains: a node image upgrade surges, cordons, drains and
 * reimages every node as a version upgrade does, so the budgets predicted to hold its drains, and
 * what AKS does with a node it cannot drain, are said the same way. Read when asked (fresh), never
 * a reason not to ask: a refused read is said as a line.
 */
export async function nodeImageDrainLines(
  connection: Connection,
  pool: ImagePool,
): Promise<string[]> {
  const settings = pool.drain ?? {};
  try {
    const [pdbs, nodes] = await Promise.all([
      readPdbFacts(connection.kc, () => pdbsOf(connection)),
      nodesOf(connection),
    ]);
    const nodePools = Object.fromEntries(
      nodes.map((n) => [
        n.metadata?.name ?? '',
        n.metadata?.labels?.['kubernetes.azure.com/agentpool'] ?? '',
      ]),
    );
    const count = pool.count ?? pool.nodes.length;
    return poolDrainLines(
      settings,
      poolBlockers({ name: pool.name, count, settings }, pdbs, nodePools),
    );
  } catch (error) {
    return [
      `Which PodDisruptionBudgets would hold its drains is not known: ${firstLine(messageOf(error))}.`,
      ...poolDrainLines(settings, []).slice(1),
    ];
  }
}
