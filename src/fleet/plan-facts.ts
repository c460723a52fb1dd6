import type { FleetMember } from '@azure/arm-containerservicefleet';
import type { V1PodDisruptionBudget } from '@kubernetes/client-node';
import pLimit from 'p-limit';
import { createContainerServiceClient } from '../azure/client.js';
import { describeArmError } from '../azure/errors.js';
import { sameArmValue } from '../checks/arm-enums.js';
import { knownDisruptionsAllowed, pdbStatusBehind } from '../kube/pdb-status.js';
import { pdbsOf } from '../kube/shared-reads.js';
import type { MemberFacts, PlannedUpdate } from '../checks/fleet/update-plan.js';
import type { InventoryRow } from '../model/inventory.js';
import { connect } from '../target/connect.js';
import { failureOf } from '../target/failure.js';
import type { Connection } from '../model/connection.js';
import { memberApiUses } from './member-api-uses.js';
import type { FleetAccess } from './access.js';

const CLUSTER_ID =
  /^\/subscriptions\/([^/]+)\/resourceGroups\/([^/]+)\/providers\/Microsoft\.ContainerService\/managedClusters\/([^/]+)$/i;

/**
 * What is known of each member before a run: its cluster from the inventory, the upgrades its
 * profile offers, the PodDisruptionBudgets that allow no disruption now and its uses of APIs the
 * target removes (from its own API server, read-only; the latter only when the target removes
 * any after its minor). A part that cannot be read is named, not fatal. Four members at a time.
 */
export async function memberFacts(
  access: FleetAccess,
  members: readonly FleetMember[],
  inventory: readonly InventoryRow[],
  update: PlannedUpdate,
  env: NodeJS.ProcessEnv,
  onProgress: (line: string) => void,
): Promise<MemberFacts[]> {
  const limit = pLimit(4);
  return Promise.all(
    members.map((m) =>
      limit(async () => {
        const clusterId = m.properties?.clusterResourceId ?? '';
        const at = CLUSTER_ID.exec(clusterId);
        const row = inventory.find((r) => r.id.toLowerCase() === clusterId.toLowerCase());
        const facts: MemberFacts = {
          member: m.name ?? '?',
          ...(m.properties?.group ? { group: m.properties.group } : {}),
          cluster: at ? `${at[2]}/${at[3]}` : clusterId,
          unread: [],
        };
        if (row?.kubernetesVersion) facts.currentVersion = row.kubernetesVersion;
        if (row) facts.support = row.support;
        if (row?.provisioningState) facts.provisioningState = row.provisioningState;
        if (row?.powerState) facts.powerState = row.powerState;
        if (!row) facts.unread!.push('the cluster is not in the inventory (no read access?)');
        if (!at) return facts;
        const [, subscriptionId, resourceGroup, name] = at as unknown as [
          string,
          string,
          string,
          string,
        ];
        onProgress(`Reading member ${facts.member} (${resourceGroup}/${name})`);
        if (update.type !== 'NodeImageOnly') {
          const client = createContainerServiceClient({ ...access.connection, subscriptionId });
          try {
            const profile = await client.managedClusters.getUpgradeProfile(resourceGroup, name);
            facts.upgrades = (profile.controlPlaneProfile.upgrades ?? [])
              .map((u) => u.kubernetesVersion)
              .filter((v): v is string => !!v);
          } catch (error) {
            const at = { subscriptionId, resourceGroup, name };
            const why = describeArmError(error, at, 'read the upgrade profile').message;
            facts.unread!.push(`upgrade profile (${why})`);
          }
        }
        // The member's own API server, connected once for the reads below (none when stopped).
        let member: Promise<Connection> | undefined;
        const connection = () =>
          (member ??= connect(
            {
              cloud: access.connection.cloud,
              demo: false,
              subscription: subscriptionId,
              resourceGroup,
              name,
            },
            {
              env,
              mode: { readOnly: true, dryRun: false },
              credential: access.connection.credential,
              ...(access.connection.endpoint ? { armEndpoint: access.connection.endpoint } : {}),
              ...(access.connection.caCert ? { caCert: access.connection.caCert } : {}),
            },
          ));
        // A read's failure in the shared words (connect's own failure is already one line).
        const said = async (error: unknown, doing: string): Promise<string> =>
          failureOf(error, await member?.catch(() => undefined), doing).line;
        const running = !sameArmValue(facts.powerState, 'Stopped');
        if (update.type !== 'ControlPlaneOnly' && running) {
          try {
            const pdbs = await pdbsOf(await connection());
            const named = (p: V1PodDisruptionBudget) =>
              `${p.metadata?.namespace ?? ''}/${p.metadata?.name ?? ''}`;
            // A status behind its spec is not valid (its expectedPods neither): such a budget
            // counts as allowing none whatever it last said, as the drain and upgrade steps judge.
            facts.blockingPdbs = pdbs
              .filter(
                (p) =>
                  pdbStatusBehind(p) ||
                  (knownDisruptionsAllowed(p) <= 0 && (p.status?.expectedPods ?? 0) > 0),
              )
              .map(named);
            const notCurrent = pdbs.filter(pdbStatusBehind).map(named);
            if (notCurrent.length > 0) facts.pdbsNotCurrent = notCurrent;
          } catch (error) {
            facts.unread!.push(
              `PodDisruptionBudgets (${await said(error, 'list PodDisruptionBudgets')})`,
            );
          }
        }
        const target = update.type !== 'NodeImageOnly' ? update.kubernetesVersion : undefined;
        if (target && facts.currentVersion && running) {
          try {
            const read = await memberApiUses(await connection(), facts.currentVersion, target);
            facts.apiUses = read.uses;
            facts.unread!.push(...read.unread);
          } catch (error) {
            facts.unread!.push(
              `deprecated APIs (${await said(error, 'read the uses of deprecated APIs')})`,
            );
          }
        }
        return facts;
      }),
    ),
  );
}
