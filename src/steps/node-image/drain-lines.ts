import type { PoolUpgradeSettings } from '../../checks/versions/facts.js';
import { poolBlockers } from '../../checks/versions/pool-blockers.js';
import type { ImagePool } from '../../checks/nodeimage/facts.js';
import { nodesOf, pdbsOf, podsOf } from '../../kube/shared-reads.js';
import type { Connection } from '../../model/connection.js';
import { firstLine, messageOf } from '../../model/errors.js';
import { readPdbFacts } from '../upgrades/pdb-facts.js';
import { graceBeyondTimeoutLines, poolDrainLines } from '../upgrades/drain-truth.js';

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
    const lines = poolDrainLines(
      settings,
      poolBlockers({ name: pool.name, count, settings }, pdbs, nodePools),
    );
    const poolNodes = new Set(
      Object.entries(nodePools)
        .filter(([, p]) => p === pool.name)
        .map(([n]) => n),
    );
    const grace = await graceLines(connection, settings, poolNodes);
    return [...lines.slice(0, -1), ...grace, ...lines.slice(-1)];
  } catch (error) {
    return [
      `Which PodDisruptionBudgets would hold its drains is not known: ${firstLine(messageOf(error))}.`,
      ...poolDrainLines(settings, []).slice(1),
    ];
  }
}

/** The pods of the pool whose grace period outlasts its drain timeout; a refused read is a line. */
async function graceLines(
  connection: Connection,
  settings: PoolUpgradeSettings,
  poolNodes: ReadonlySet<string>,
): Promise<string[]> {
  try {
    const pods = (await podsOf(connection))
      .filter((p) => p.status?.phase !== 'Succeeded' && p.status?.phase !== 'Failed')
      .map((p) => ({
        namespace: p.metadata?.namespace ?? '',
        name: p.metadata?.name ?? '',
        node: p.spec?.nodeName ?? '',
        graceSeconds: p.spec?.terminationGracePeriodSeconds ?? 30,
      }));
    return graceBeyondTimeoutLines(settings, pods, poolNodes);
  } catch (error) {
    return [
      `Which pods would outlast the drain timeout is not known: ${firstLine(messageOf(error))}.`,
    ];
  }
}
