import type { V1Node } from '@kubernetes/client-node';
import type { Finding } from '../../model/finding.js';
import { versionFactsFromArm } from '../../checks/versions/from-arm.js';
import type { VersionFacts } from '../../checks/versions/facts.js';
import { versionFindings } from '../../checks/versions/findings.js';
import { furthestTarget, targetChoices, type TargetChoice } from '../../checks/versions/planner.js';
import { preflightFindings, type PdbFacts } from '../../checks/versions/preflight.js';
import { batchSettingsText, batchText, upgradeBatch } from '../../checks/versions/upgrade-batch.js';
import { REMOVED_API_LIMITS, removedBetween } from '../../checks/versions/removed-apis.js';
import { versionSummary } from '../../checks/versions/table.js';
import { targetBreaks, type TargetBreaks } from '../../checks/versions/target-breaks.js';
import { versionReadsOf } from '../../azure/shared-reads.js';
import { readPdbFacts } from './pdb-facts.js';
import { judgeDeprecatedApis, readDeprecatedApiSources } from './deprecated-apis.js';
import { isNodeReady } from '../../kube/nodes.js';
import { nodesOf, pdbsOf, servedOf } from '../../kube/shared-reads.js';
import { UserError } from '../../model/errors.js';
import type { InspectContext, Inspection } from '../contract/module.js';
import { refusedOrThrow, refusedReadFinding } from '../refused-read.js';

/** What the upgrades step knows after looking. */
export interface UpgradesFacts {
  versions: VersionFacts;
  choices: TargetChoice[];
  /** Per offered target, the APIs it removes that are still in use (chooser and confirmation). */
  impact: TargetBreaks[];
  /**
   * Budgets and where their pods run, for predicting which pool drains they block. `unread`
   * names what could not be read (budgets, nodes): then no prediction is a pass.
   */
  drains: { pdbs: PdbFacts[]; nodePools: Record<string, string>; unread?: string[] };
}

async function attempt<T>(
  what: string,
  read: () => Promise<T>,
  fallback: T,
  findings: Finding[],
): Promise<T> {
  try {
    return await read();
  } catch (error) {
    refusedOrThrow(error);
    findings.push(refusedReadFinding('versions.forbidden', what));
    return fallback;
  }
}

/** Reads versions, profiles and channels from ARM, and PDBs, nodes and served APIs from Kubernetes. */
export async function inspectUpgrades(ctx: InspectContext): Promise<Inspection<UpgradesFacts>> {
  const arm = ctx.connection.arm;
  if (!arm)
    throw new UserError(ctx.connection.armMissing ?? 'this step needs the cluster named over ARM');
  const kc = ctx.connection.kc;
  // ARM and Kubernetes reads at once: none of the Kubernetes ones waits on ARM. Findings of
  // refused reads keep their order (nodes, budgets, served APIs) whichever answers first.
  const refused: Finding[][] = [[], [], []];
  const servedRead = attempt<string[]>(
    'served API versions',
    () => servedOf(ctx.connection),
    [],
    refused[2]!,
  );
  // The deprecated-API sources need only the served versions (not ARM's): read meanwhile.
  const sources = servedRead.then((served) =>
    readDeprecatedApiSources(ctx.connection, served, ctx.signal),
  );
  sources.catch(() => undefined); // awaited below, unless ARM failed first
  const [armReads, nodes, pdbs, served] = await Promise.all([
    versionReadsOf(ctx.connection, arm),
    attempt<V1Node[]>('nodes', () => nodesOf(ctx.connection), [], refused[0]!),
    attempt<PdbFacts[]>(
      'PodDisruptionBudgets',
      () => readPdbFacts(kc, () => pdbsOf(ctx.connection)),
      [],
      refused[1]!,
    ),
    servedRead,
  ]);
  const findings: Finding[] = refused.flat();
  // The budgets, and the nodes that say which pool each of their pods is on.
  const unread = [
    ...(refused[1]!.length > 0 ? ['PodDisruptionBudgets'] : []),
    ...(refused[0]!.length > 0 ? ['nodes'] : []),
  ];
  const versions = versionFactsFromArm(armReads);
  const choices = targetChoices(versions);
  // Up to the newest target offered (an LTS migration skips minors), so nothing is under-reported.
  const furthest = furthestTarget(choices);
  const nodePools = Object.fromEntries(
    nodes.map((n) => [
      n.metadata?.name ?? '',
      n.metadata?.labels?.['kubernetes.azure.com/agentpool'] ?? '',
    ]),
  );
  const deprecated = judgeDeprecatedApis(await sources, versions.controlPlane.current, furthest);
  findings.unshift(
    ...versionFindings(versions),
    ...preflightFindings({
      pools: versions.pools,
      clusterState: versions.provisioningState,
      pdbs,
      nodePools,
      notReady: nodes.filter((n) => !isNodeReady(n)).map((n) => n.metadata?.name ?? ''),
      removedApis: furthest ? removedBetween(served, versions.controlPlane.current, furthest) : [],
    }),
    ...deprecated.findings,
  );
  const summary = [
    ...versionSummary(versions),
    'Pool upgrade settings (AKS defaults when unset):',
    ...versions.pools.map(
      (p) =>
        `  ${p.name}: ${batchSettingsText(p.settings)} (${batchText(upgradeBatch(p.settings, p.count))}) · drain timeout ${p.settings.drainTimeoutInMinutes ?? 30} min · soak ${p.settings.nodeSoakDurationInMinutes ?? 0} min · undrainable: ${p.settings.undrainableNodeBehavior ?? 'Schedule'}`,
    ),
    `Deprecated APIs: ${REMOVED_API_LIMITS}`,
    ...deprecated.summary,
  ];
  const impact = targetBreaks(
    deprecated.uses,
    versions.controlPlane.current,
    choices.map((c) => c.version),
  );
  return {
    facts: {
      versions,
      choices,
      impact,
      drains: { pdbs, nodePools, ...(unread.length > 0 ? { unread } : {}) },
    },
    findings,
    summary,
  };
}
