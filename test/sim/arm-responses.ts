// The simulator's answer to every ARM read the tool makes (and a node image upgrade), keyed like
// our fixtures, so the shape tests can hold each one to its fixture and to Microsoft's example.
import type { ArmFixtureName } from '../fixtures/arm.js';
import { rawArm, type ArmHarness } from './arm-helpers.js';

/** One simulator response as sent. */
export interface SimAnswer {
  status: number;
  headers: Headers;
  body: unknown;
}

/** Our fixtures with a simulator counterpart (the others are states the sim reaches in its own time). */
export const SIM_COVERED = [
  'managed-cluster-profiles',
  'managed-cluster-list',
  'managed-cluster-upgrade-profile',
  'agent-pool-list',
  'agent-pool-get',
  'agent-pool-upgrade-profile',
  'available-agent-pool-versions',
  'kubernetes-versions',
  'credentials-user',
  'credentials-admin',
  'node-image-upgrade-202',
  'operation-status-in-progress',
] as const satisfies readonly ArmFixtureName[];

export type SimCovered = (typeof SIM_COVERED)[number];

const V = '?api-version=2026-06-01';

/** Asks the simulator behind `h` everything our fixtures describe, once each. */
export async function simAnswers(h: ArmHarness): Promise<Record<SimCovered, SimAnswer>> {
  const c = h.aks.coordinates;
  const sub = `/subscriptions/${c.subscriptionId}`;
  const mc = `${sub}/resourceGroups/${c.resourceGroup}/providers/Microsoft.ContainerService/managedClusters/${c.name}`;
  const pool = h.aks.state.pools[0]!.name;
  const get = (path: string) => rawArm(h, 'GET', `${path}${V}`);
  const post = (path: string) => rawArm(h, 'POST', `${path}${V}`);
  const answers = {
    'managed-cluster-profiles': await get(mc),
    'managed-cluster-list': await get(
      `${sub}/providers/Microsoft.ContainerService/managedClusters`,
    ),
    'managed-cluster-upgrade-profile': await get(`${mc}/upgradeProfiles/default`),
    'agent-pool-list': await get(`${mc}/agentPools`),
    'agent-pool-get': await get(`${mc}/agentPools/${pool}`),
    'agent-pool-upgrade-profile': await get(`${mc}/agentPools/${pool}/upgradeProfiles/default`),
    'available-agent-pool-versions': await get(`${mc}/availableAgentPoolVersions`),
    'kubernetes-versions': await get(
      `${sub}/providers/Microsoft.ContainerService/locations/${c.location}/kubernetesVersions`,
    ),
    'credentials-user': await post(`${mc}/listClusterUserCredential`),
    'credentials-admin': await post(`${mc}/listClusterAdminCredential`),
    'node-image-upgrade-202': await post(`${mc}/agentPools/${pool}/upgradeNodeImageVersion`),
  };
  const aao = new URL(answers['node-image-upgrade-202'].headers.get('azure-asyncoperation') ?? '');
  return {
    ...answers,
    'operation-status-in-progress': await rawArm(h, 'GET', aao.pathname + aao.search),
  };
}
