import {
  defenderFactsOf,
  defenderFindings,
  defenderSummary,
  type DefenderFacts,
} from '../../checks/defender/defender.js';
import type { ManagedCluster } from '@azure/arm-containerservice';
import { armOf, azClusterArgs } from '../../azure/managed-cluster.js';
import { managedClusterOf } from '../../azure/shared-reads.js';
import type { InspectContext, Inspection } from '../contract/module.js';

/** What the defender step knows: the facts, and the cluster they came from (for GET-modify-PUT). */
export interface DefenderInspection {
  facts?: DefenderFacts;
  cluster?: ManagedCluster;
}

/** Reads Defender's state from ARM. A refused read is the finding `defender.forbidden`. */
export async function inspectDefender(
  ctx: InspectContext,
): Promise<Inspection<DefenderInspection>> {
  const arm = armOf(ctx.connection, 'reads and changes the cluster in Azure');
  const read = await managedClusterOf(ctx.connection, arm, ctx.signal);
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
