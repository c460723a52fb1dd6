import {
  apiAccessFactsOf,
  apiAccessFindings,
  apiAccessSummary,
  type ApiAccessFacts,
} from '../../checks/access/api-access.js';
import { armOf, azClusterArgs } from '../../azure/managed-cluster.js';
import { managedClusterOf } from '../../azure/shared-reads.js';
import type { InspectContext, Inspection } from '../contract/module.js';

/**
 * Reads the managed cluster and checks how the API server is reached and who may sign in.
 * Inspect only: the findings carry the exact `az` commands. A refused read is a finding.
 */
export async function inspectApiAccess(
  ctx: InspectContext,
): Promise<Inspection<ApiAccessFacts | undefined>> {
  const arm = armOf(ctx.connection, 'reads the cluster in Azure');
  const read = await managedClusterOf(ctx.connection, arm, ctx.signal);
  if ('forbidden' in read) {
    return {
      facts: undefined,
      findings: [
        {
          id: 'access.forbidden',
          severity: 'medium',
          object: { kind: 'ManagedCluster', name: arm.at.name },
          message: `Could not check API server access: forbidden (${read.forbidden}).`,
          remediation:
            'Ask for the Reader role (or Microsoft.ContainerService/managedClusters/read) on the cluster.',
        },
      ],
    };
  }
  const facts = apiAccessFactsOf(read.cluster);
  return {
    facts,
    findings: apiAccessFindings(facts, arm.at.name, azClusterArgs(arm.at)),
    summary: [
      ...apiAccessSummary(facts),
      '',
      'Nothing here is changed by the runbook: each finding shows the command to run.',
    ],
  };
}
