import { rightsFindings } from '../../checks/rights/findings.js';
import type { RightAnswers } from '../../model/rights.js';
import { rightsTable } from '../../checks/rights/table.js';
import type { InspectContext, Inspection } from '../contract/module.js';
import { plural } from '../../model/plural.js';

/** What the connect step saw: the answers of the rights preflight. */
export interface ConnectStepFacts {
  rights: RightAnswers;
}

/**
 * The rights preflight as an inspection: every right each later step needs, asked at once,
 * shown as a table; rights refused become findings so that no step reports a clean result
 * it could not see.
 */
export async function inspectConnect(ctx: InspectContext): Promise<Inspection<ConnectStepFacts>> {
  const { connection } = ctx;
  const rights = await connection.rights.answers();
  const card = connection.summary;
  const summary = [
    `Cluster ${card.name} (${card.source === 'arm+kube' ? 'Azure and Kubernetes' : 'Kubernetes only'}), API server ${card.serverVersion}, ${card.readyNodeCount}/${plural(card.nodeCount, 'node')} ready.`,
    ...(connection.armMissing ? [`Azure side: ${connection.armMissing}.`] : []),
    '',
    'Your rights, per step:',
    ...rightsTable(rights),
  ];
  return { facts: { rights }, findings: rightsFindings(rights), summary };
}
