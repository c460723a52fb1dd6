import type { V1Node } from '@kubernetes/client-node';
import type { Finding } from '../../model/finding.js';
import { nodeOsChannelAdvice, upgradeChannelAdvice } from '../../checks/nodeimage/channels.js';
import type { KuredFacts, NodeImageFacts } from '../../checks/nodeimage/facts.js';
import { nodeImageFindings } from '../../checks/nodeimage/findings.js';
import { imageAgeDays } from '../../checks/nodeimage/image-age.js';
import { imageStatus } from '../../checks/nodeimage/image-version.js';
import { isWindowsOs } from '../../checks/arm-enums.js';
import { versionReadsOf } from '../../azure/shared-reads.js';
import { readKured } from './kured.js';
import { poolSizes } from './pool-sizes.js';
import { daemonSetsOf, nodesOf } from '../../kube/shared-reads.js';
import { UserError } from '../../model/errors.js';
import type { InspectContext, Inspection } from '../contract/module.js';
import { refusedOrThrow, refusedReadFinding } from '../refused-read.js';

/** A read refused (403): `what` has not been checked. */
function forbidden(what: string): Finding {
  return refusedReadFinding('nodeimage.forbidden', what);
}

/** Reads pools and their latest images from ARM, and node labels, reboot marks and kured from Kubernetes. */
export async function inspectNodeImage(ctx: InspectContext): Promise<Inspection<NodeImageFacts>> {
  const arm = ctx.connection.arm;
  if (!arm)
    throw new UserError(ctx.connection.armMissing ?? 'this step needs the cluster named over ARM');
  // ARM and Kubernetes asked at once; refusals are findings, in this order.
  const refusedNodes: Finding[] = [];
  const refusedKured: Finding[] = [];
  const [reads, nodes, kured] = await Promise.all([
    versionReadsOf(ctx.connection, arm),
    nodesOf(ctx.connection).catch((error: unknown): V1Node[] => {
      refusedOrThrow(error);
      refusedNodes.push(forbidden('node image labels and reboot marks'));
      return [];
    }),
    readKured(ctx.connection.kc, () => daemonSetsOf(ctx.connection)).catch(
      (error: unknown): KuredFacts => {
        refusedOrThrow(error);
        refusedKured.push(forbidden('whether kured is installed'));
        return { installed: false };
      },
    ),
  ]);
  const findings: Finding[] = [...refusedNodes, ...refusedKured];
  const facts: NodeImageFacts = {
    cluster: reads.cluster.name ?? '',
    pools: reads.pools.map((p) => ({
      name: p.name ?? '',
      osType: p.osType ?? 'Linux',
      ...(p.osSKU ? { osSKU: p.osSKU } : {}),
      ...(p.vmSize ? { vmSize: p.vmSize } : {}),
      ...poolSizes(
        p,
        nodes.filter((n) => n.metadata?.labels?.['kubernetes.azure.com/agentpool'] === p.name),
      ),
      ...(p.nodeImageVersion ? { nodeImageVersion: p.nodeImageVersion } : {}),
      ...(reads.poolProfiles[p.name ?? '']?.latestNodeImageVersion
        ? { latestNodeImageVersion: reads.poolProfiles[p.name ?? '']!.latestNodeImageVersion }
        : {}),
      provisioningState: p.provisioningState ?? 'Succeeded',
      ...(p.count !== undefined ? { count: p.count } : {}),
      ...(p.upgradeSettings || p.scaleSetPriority
        ? {
            drain: {
              ...p.upgradeSettings,
              ...(p.scaleSetPriority ? { scaleSetPriority: p.scaleSetPriority } : {}),
            },
          }
        : {}),
      nodes: nodes
        .filter((n) => n.metadata?.labels?.['kubernetes.azure.com/agentpool'] === p.name)
        .map((n) => {
          const a = n.metadata?.annotations ?? {};
          return {
            name: n.metadata?.name ?? '',
            image: n.metadata?.labels?.['kubernetes.azure.com/node-image-version'],
            ...(a['weave.works/kured-most-recent-reboot-needed']
              ? { rebootNeededSince: a['weave.works/kured-most-recent-reboot-needed'] }
              : {}),
            rebootInProgress: a['weave.works/kured-reboot-in-progress'] !== undefined,
          };
        }),
    })),
    channels: {
      upgrade: reads.cluster.autoUpgradeProfile?.upgradeChannel,
      nodeOS: reads.cluster.autoUpgradeProfile?.nodeOSUpgradeChannel,
    },
    kured,
    maintenance: reads.maintenance,
    now: Date.now(),
  };
  findings.unshift(...nodeImageFindings(facts));
  return { facts, findings, summary: nodeImageSummary(facts) };
}

/** Per pool: OS, SKU, image vs latest and its age; per node: its image label; channels with advice. */
function nodeImageSummary(f: NodeImageFacts): string[] {
  const lines: string[] = [];
  for (const p of f.pools) {
    const age = imageAgeDays(p.nodeImageVersion, f.now);
    const status = imageStatus(p);
    const mark = { behind: '▲', current: '✔', unknown: '?' }[status];
    lines.push(
      `${mark} ${p.name} · ${p.osType}${p.osSKU ? `/${p.osSKU}` : ''}${isWindowsOs(p.osType) ? ' (no nightly patching)' : ''} · ${p.provisioningState}`,
      `    image  ${p.nodeImageVersion ?? '?'}${age !== undefined ? ` (${age} d old)` : ''}`,
      `    latest ${p.latestNodeImageVersion ?? '?'}${status === 'current' ? ' (up to date)' : status === 'unknown' ? ' (not known)' : ''}`,
      ...p.nodes.map(
        (n) =>
          `    node ${n.name}: ${n.image === p.nodeImageVersion ? 'same image' : (n.image ?? 'no image label')}${n.rebootNeededSince || n.rebootInProgress ? ' · needs a reboot' : ''}`,
      ),
    );
  }
  lines.push(
    `Node OS channel: ${nodeOsChannelAdvice(f.channels.nodeOS, f.pools)}`,
    upgradeChannelAdvice(f.channels.upgrade),
    f.kured.installed
      ? `kured: installed (${f.kured.daemonSet ?? '?'})${f.kured.lockHolder ? `, reboot lock held by ${f.kured.lockHolder}` : ', lock free'}`
      : 'kured: not installed',
  );
  return lines;
}
