import { readVersionReads } from '../azure/upgrade-reads.js';
import type { ClusterOperation } from '../checks/fleet/cluster-work.js';
import type { PlannedUpdate } from '../checks/fleet/update-plan.js';
import { verifyUpgrade, type UpgradeVerdict } from '../checks/fleet/upgrade-verdict.js';
import { versionFactsFromArm } from '../checks/versions/from-arm.js';
import { isNodeReady, listAllNodes } from '../kube/nodes.js';
import type { Connection } from '../model/connection.js';
import type { Finding } from '../model/finding.js';

/**
 * Reads the cluster back after its upgrade (ARM: versions, provisioning states, node images;
 * the API server: nodes) and judges it with the pure verdict, against the findings before.
 */
export async function verifyCluster(
  connection: Connection,
  update: PlannedUpdate,
  sent: readonly ClusterOperation[],
  before: readonly Finding[],
  after: readonly Finding[],
): Promise<UpgradeVerdict> {
  const arm = connection.arm!;
  const reads = await readVersionReads(arm.client, arm.at);
  const versions = versionFactsFromArm(reads);
  const nodes = await listAllNodes(connection.kc);
  return verifyUpgrade(
    update,
    {
      controlPlane: sent.some((o) => o.kind === 'control-plane'),
      pools: sent.flatMap((o) => (o.kind === 'pool' ? [o.pool.name] : [])),
      images: sent.flatMap((o) => (o.kind === 'image' ? [o.pool.name] : [])),
    },
    {
      controlPlane: versions.controlPlane.current,
      provisioningState: versions.provisioningState,
      pools: versions.pools.map((p) => {
        const read = reads.pools.find((r) => r.name === p.name);
        const latest = reads.poolProfiles[p.name]?.latestNodeImageVersion;
        return {
          name: p.name,
          current: p.current,
          provisioningState: p.provisioningState,
          ...(read?.nodeImageVersion ? { image: read.nodeImageVersion } : {}),
          ...(latest ? { latestImage: latest } : {}),
        };
      }),
      nodes: nodes.map((n) => ({
        name: n.metadata?.name ?? '?',
        ready: isNodeReady(n),
        ...(n.status?.nodeInfo?.kubeletVersion
          ? { kubelet: n.status.nodeInfo.kubeletVersion }
          : {}),
      })),
    },
    before,
    after,
  );
}
