import { type ContainerServiceClient } from '@azure/arm-containerservice';
import { FaultError, KIND_ADVICE, type UserError } from '../model/errors.js';
import { armErrorKind, describeArmError } from './errors.js';
import type { ListedCluster } from '../model/arm.js';

/**
 * Every AKS cluster in the client's subscription (`managedClusters.list()`, all pages), sorted by
 * resource group then name. A refusal or outage is one `UserError` line naming the subscription.
 */
export async function listManagedClusters(
  client: ContainerServiceClient,
  subscriptionId: string,
): Promise<ListedCluster[]> {
  const found: ListedCluster[] = [];
  try {
    for await (const mc of client.managedClusters.list()) {
      if (!mc.name || !mc.id) continue;
      const listed: ListedCluster = {
        subscriptionId,
        resourceGroup: resourceGroupOf(mc.id),
        name: mc.name,
        location: mc.location,
      };
      const version = mc.currentKubernetesVersion ?? mc.kubernetesVersion;
      if (version) listed.kubernetesVersion = version;
      if (mc.provisioningState) listed.provisioningState = mc.provisioningState;
      if (mc.powerState?.code) listed.powerState = mc.powerState.code;
      found.push(listed);
    }
  } catch (error) {
    throw listError(error, subscriptionId);
  }
  return found.sort(
    (a, b) => a.resourceGroup.localeCompare(b.resourceGroup) || a.name.localeCompare(b.name),
  );
}

/** The resource group named in an ARM resource id (ids are case-insensitive in the segment names). */
export function resourceGroupOf(id: string): string {
  return /\/resourceGroups\/([^/]+)/i.exec(id)?.[1] ?? '';
}

function listError(error: unknown, subscriptionId: string): UserError {
  const what = `list the AKS clusters of subscription ${subscriptionId}`;
  if (error instanceof FaultError) return error;
  const kind = armErrorKind(error);
  if (kind === 'not-found') {
    return new FaultError(
      kind,
      `subscription ${subscriptionId} was not found; check --subscription (az account list -o table)`,
    );
  }
  if (kind === 'forbidden') {
    return new FaultError(
      kind,
      `Azure refused (403): you are not allowed to ${what}; ${KIND_ADVICE.forbidden}`,
    );
  }
  // The cluster coordinates are not known yet: say it of the subscription.
  const line = describeArmError(error, { subscriptionId, resourceGroup: '', name: '' }, what);
  return line;
}
