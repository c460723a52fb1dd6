import type { ClientCertificate } from '../cert.js';
import type { SimClock } from '../clock.js';
import type { KubeWorld } from '../contracts.js';
import type { FaultSpec } from '../faults.js';
import type { Scenario } from '../scenario.js';
import type { HttpsSim } from '../server.js';
import { kubeconfigYaml } from './kubeconfig.js';
import { OperationStore } from './operations.js';
import { Provider } from './provider.js';
import { initialNodes } from './roll.js';
import { registerClusterRoutes } from './routes-cluster.js';
import { registerPermissionRoutes } from './routes-permissions.js';
import { registerPoolRoutes } from './routes-pools.js';
import { RoleAssignments } from './role-assignments.js';
import { registerRoleAssignmentRoutes } from './routes-role-assignments.js';
import { clusterStateOf, type ClusterState } from './state.js';
import { stoppedClusterAnswer } from './stopped.js';

export interface AksOptions {
  clock: SimClock;
  kube: KubeWorld;
  scenario: Scenario;
  https: HttpsSim;
  caCert: string;
  /** Operation faults (a forced Failed/Canceled outcome); request faults are interceptors. */
  faults?: FaultSpec;
  /**
   * AKS's `masterclient` certificate (in `system:masters`): the admin credential, and the user
   * credential of a cluster without Entra ID. Tokens stand in for it when absent.
   */
  masterClient?: ClientCertificate;
}

/** The simulated AKS resource provider handed to the simulator. */
export interface Aks {
  coordinates: { subscriptionId: string; resourceGroup: string; name: string; location: string };
  /** Creates the pools' nodes in the Kubernetes world (call before loading workloads). */
  createNodes(): void;
  register(https: HttpsSim): void;
  /** The operator's kubeconfig (YAML), as listClusterUserCredential returns it. */
  userKubeconfig(): string;
  /** The provider's live state (tests and the sim command read it). */
  state: ClusterState;
  provider: Provider;
  /** Azure role assignments and definitions (the scenario's `azureRbac:`). */
  roleAssignments: RoleAssignments;
}

/** Builds the AKS resource provider of a scenario: ARM endpoints, operations, and pool nodes. */
export function createAks(options: AksOptions): Aks {
  const { clock, kube, scenario, https, caCert } = options;
  const descriptor = scenario.descriptor;
  const cluster = clusterStateOf(descriptor);
  const ops = new OperationStore(
    clock,
    () => https.baseUrl,
    cluster.subscriptionId,
    cluster.location,
  );
  const provider = new Provider(
    cluster,
    descriptor,
    ops,
    kube,
    clock,
    options.faults?.operationOutcome ?? descriptor.faults?.operationOutcome,
  );
  const roleAssignments = new RoleAssignments(cluster, descriptor.azureRbac);
  const kubeconfig = (admin: boolean): string => {
    // Without Entra ID there is no user to sign in: AKS hands out its local admin certificate.
    const local = admin || !cluster.aadProfile;
    const master = { user: 'masterclient', groups: ['system:masters', 'system:authenticated'] };
    const identity = local
      ? master
      : { user: descriptor.operator.user, groups: descriptor.operator.groups };
    const cert = local ? options.masterClient : undefined;
    return kubeconfigYaml({
      clusterName: cluster.name,
      server: https.baseUrl,
      caCert,
      userName: `${admin ? 'clusterAdmin' : 'clusterUser'}_${cluster.resourceGroup}_${cluster.name}`,
      credential: cert ?? { token: https.tokens.issue({ ...identity, audience: 'kube' }) },
    });
  };
  return {
    coordinates: {
      subscriptionId: cluster.subscriptionId,
      resourceGroup: cluster.resourceGroup,
      name: cluster.name,
      location: cluster.location,
    },
    state: cluster,
    provider,
    roleAssignments,
    createNodes() {
      const created = clock.iso();
      for (const [i, pool] of cluster.pools.entries()) {
        const overrides = descriptor.cluster.pools[i]?.nodes ?? [];
        for (const node of initialNodes(cluster, pool, overrides, created)) kube.putNode(node);
      }
    },
    register(target: HttpsSim) {
      registerClusterRoutes(target.arm, provider, descriptor.operator.armRole, {
        user: () => kubeconfig(false),
        admin: () => kubeconfig(true),
      });
      registerPoolRoutes(target.arm, provider, descriptor.operator.armRole);
      registerPermissionRoutes(target.arm, cluster, descriptor.operator.armRole);
      registerRoleAssignmentRoutes(
        target.arm,
        cluster,
        descriptor.operator.armRole,
        roleAssignments,
      );
      target.interceptors.push((req, api) => stoppedClusterAnswer(cluster, req, api));
    },
    userKubeconfig: () => kubeconfig(false),
  };
}
