import {
  defenderFactsOf,
  defenderFindings,
  defenderSummary,
  type DefenderFacts,
} from '../../checks/defender/defender.js';
import type { ManagedCluster } from '@azure/arm-containerservice';
import { azClusterArgs, readManagedCluster } from '../../azure/managed-cluster.js';
import { UserError } from '../../errors.js';
import type { Connection } from '../../target/connect.js';
import type { InspectContext, Inspection } from '../types.js';

/** What the defender step knows: the facts, and the cluster they came from (for GET-modify-PUT). */
export interface DefenderInspection {
  facts?: DefenderFacts;
  cluster?: ManagedCluster;
}

/** The ARM side, or a one-line error that says exactly what to add to the command line. */
export function armOf(connection: Connection): NonNullable<Connection['arm']> {
  if (connection.arm) return connection.arm;
  const name = connection.summary.name;
  throw new UserError(
    `this step reads and changes the cluster in Azure: start again with --subscription <subscription-id> -g <resource-group> -n ${name}`,
  );
}

/** Reads Defender's state from ARM. A refused read is the finding `defender.forbidden`. */
export async function inspectDefender(
  ctx: InspectContext,
): Promise<Inspection<DefenderInspection>> {
  const arm = armOf(ctx.connection);
  const read = await readManagedCluster(arm, ctx.signal);
  if ('forbidden' in read) {
    return {
      facts: {},
      findings: [
        {
          id: 'defender.forbidden',
          severity: 'medium',
          object: { kind: 'ManagedCluster', name: arm.at.name },
          message: `Could not check Defender: forbidden (${read.forbidden}).`,
          remediation:
            'Ask for the Reader role (or Microsoft.ContainerService/managedClusters/read) on the cluster.',
        },
      ],
    };
  }
  const facts = defenderFactsOf(read.cluster);
  return {
    facts: { facts, cluster: read.cluster },
    findings: defenderFindings(facts, arm.at.name, azClusterArgs(arm.at)),
    summary: defenderSummary(facts),
  };
}
