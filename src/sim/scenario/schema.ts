import { z } from 'zod';
import { faultSpecSchema } from '../faults.js';
import { entraSchema } from '../graph/schema.js';
import { azureRbacSchema } from '../arm/role-assignments.js';

/** The apiVersion/kind that mark the one AKS descriptor document among a scenario's YAML. */
export const DESCRIPTOR_API_VERSION = 'aks-runbook/v1alpha1';
export const DESCRIPTOR_KIND = 'AksScenario';

const version = z.string().regex(/^\d+\.\d+\.\d+$/, 'expected a Kubernetes version like 1.31.8');
const surge = z.union([
  z.string().regex(/^\d+%?$/, 'expected a count like 1 or a share like 33%'),
  z.number().int(),
]);

/** Pool upgrade settings, as `AgentPoolUpgradeSettings` spells them on the wire. */
const upgradeSettings = z.strictObject({
  maxSurge: surge.optional(),
  maxUnavailable: surge.optional(),
  drainTimeoutInMinutes: z.number().int().min(5).max(1440).optional(),
  nodeSoakDurationInMinutes: z.number().int().min(0).max(30).optional(),
  undrainableNodeBehavior: z.enum(['Schedule', 'Cordon']).optional(),
});

/** Per-node extras for a pool's generated nodes, by index (0 = first node). */
const nodeOverride = z.strictObject({
  index: z.number().int().min(0),
  labels: z.record(z.string(), z.string()).optional(),
  annotations: z.record(z.string(), z.string()).optional(),
  unschedulable: z.boolean().optional(),
  ready: z.boolean().optional(),
});

const pool = z.strictObject({
  name: z
    .string()
    .regex(/^[a-z][a-z0-9]{0,11}$/, 'agent pool names are 1-12 lowercase letters/digits'),
  mode: z.enum(['System', 'User', 'Gateway']).default('User'),
  count: z.number().int().min(0).max(5000),
  vmSize: z.string().default('Standard_D4ds_v5'),
  osType: z.enum(['Linux', 'Windows']).default('Linux'),
  osSKU: z.string().optional(),
  orchestratorVersion: version,
  /** The node image the pool runs; absent = a current image for its OS. */
  nodeImageVersion: z.string().optional(),
  /** The newest image AKS offers for this pool; absent = the pool is on it. */
  latestNodeImageVersion: z.string().optional(),
  availabilityZones: z.array(z.string()).optional(),
  maxPods: z.number().int().default(110),
  type: z
    .enum(['VirtualMachineScaleSets', 'AvailabilitySet', 'VirtualMachines'])
    .default('VirtualMachineScaleSets'),
  upgradeSettings: upgradeSettings.optional(),
  nodeLabels: z.record(z.string(), z.string()).optional(),
  nodeTaints: z.array(z.string()).optional(),
  nodes: z.array(nodeOverride).optional(),
});

const kubernetesVersion = z.strictObject({
  version: z.string().regex(/^\d+\.\d+$/, 'expected major.minor like 1.31'),
  patches: z.array(version).min(1),
  isPreview: z.boolean().optional(),
  isDefault: z.boolean().optional(),
  /** Offered with AKS Long Term Support as well. */
  lts: z.boolean().optional(),
});

const cluster = z.strictObject({
  subscriptionId: z.string().default('00000000-0000-0000-0000-000000000000'),
  resourceGroup: z.string(),
  name: z.string().regex(/^[a-zA-Z0-9]$|^[a-zA-Z0-9][-_a-zA-Z0-9]{0,61}[a-zA-Z0-9]$/),
  location: z.string().default('westeurope'),
  kubernetesVersion: version,
  dnsPrefix: z.string().optional(),
  /** Instead of dnsPrefix, for a private cluster with its own private DNS zone. */
  fqdnSubdomain: z.string().optional(),
  publicNetworkAccess: z.enum(['Enabled', 'Disabled', 'SecuredByPerimeter']).optional(),
  tags: z.record(z.string(), z.string()).optional(),
  sku: z
    .strictObject({
      name: z.string().default('Base'),
      tier: z.enum(['Free', 'Standard', 'Premium']),
    })
    .optional(),
  supportPlan: z.enum(['KubernetesOfficial', 'AKSLongTermSupport']).default('KubernetesOfficial'),
  enableRBAC: z.boolean().default(true),
  /** AKS-managed Entra ID (`aadProfile`); absent = not integrated. */
  aadProfile: z
    .strictObject({
      managed: z.boolean().default(true),
      enableAzureRBAC: z.boolean().default(false),
      /** `null` as AKS shows it for a cluster whose admin groups were never set. */
      adminGroupObjectIDs: z.array(z.string()).nullable().default([]),
      tenantID: z.string().default('72f988bf-86f1-41af-91ab-2d7cd011db47'),
    })
    .optional(),
  disableLocalAccounts: z.boolean().default(false),
  apiServerAccessProfile: z
    .strictObject({
      authorizedIPRanges: z.array(z.string()).optional(),
      enablePrivateCluster: z.boolean().optional(),
      /** `system`, `none`, or the resource id of a private DNS zone. */
      privateDNSZone: z.string().optional(),
      enablePrivateClusterPublicFqdn: z.boolean().optional(),
      disableRunCommand: z.boolean().optional(),
    })
    .optional(),
  networkProfile: z
    .strictObject({
      networkPlugin: z.enum(['azure', 'kubenet', 'none']).default('azure'),
      networkPluginMode: z.enum(['overlay']).optional(),
      networkPolicy: z.enum(['none', 'calico', 'azure', 'cilium']).optional(),
      networkDataplane: z.enum(['azure', 'cilium']).optional(),
      /** `[IPv4, IPv6]` for a dual-stack cluster; IPv4 only when absent. */
      ipFamilies: z.array(z.enum(['IPv4', 'IPv6'])).optional(),
    })
    .default({ networkPlugin: 'azure' }),
  /** Defender for Containers (`securityProfile.defender`); absent = not configured. */
  defender: z
    .strictObject({ enabled: z.boolean(), logAnalyticsWorkspaceResourceId: z.string().optional() })
    .optional(),
  autoUpgradeProfile: z
    .strictObject({
      upgradeChannel: z.enum(['rapid', 'stable', 'patch', 'node-image', 'none']).optional(),
      nodeOSUpgradeChannel: z.enum(['None', 'Unmanaged', 'NodeImage', 'SecurityPatch']).optional(),
    })
    .optional(),
  /** A stopped cluster (`az aks stop`): its API server is gone and AKS refuses changes until started. */
  powerState: z.enum(['Running', 'Stopped']).default('Running'),
  pools: z.array(pool).min(1),
});

/** Who the simulated operator is, and what ARM lets them do. */
const operator = z.strictObject({
  user: z.string(),
  groups: z.array(z.string()).default([]),
  /** ARM role on the cluster: `reader` cannot write or list admin credentials; `none` cannot read. */
  armRole: z
    .enum(['owner', 'contributor', 'cluster-user', 'reader', 'none'])
    .default('contributor'),
});

/** The AKS descriptor document: everything ARM knows that Kubernetes YAML cannot say. */
export const descriptorSchema = z.strictObject({
  apiVersion: z.literal(DESCRIPTOR_API_VERSION),
  kind: z.literal(DESCRIPTOR_KIND),
  description: z.string().optional(),
  cluster,
  kubernetesVersions: z.array(kubernetesVersion).min(1),
  operator,
  /** Minor reported by the API server's `/version`; defaults to the cluster's minor. */
  kubernetesMinor: z.string().regex(/^\d+$/).optional(),
  clockSpeed: z.number().positive().optional(),
  faults: faultSpecSchema.optional(),
  /** The Entra tenant Microsoft Graph serves: users, groups, service principals, operator's rights. */
  entra: entraSchema.optional(),
  /** Azure role assignments at the cluster and above it, and custom roles (Microsoft.Authorization). */
  azureRbac: azureRbacSchema.optional(),
  /**
   * Deprecated API versions: `serve` makes the API server serve the deprecated versions its minor
   * still has (flowcontrol v1beta3 below 1.32); `requested` are uses clients made before the
   * session, which `apiserver_requested_deprecated_apis` starts with (`write`: AKS blocks on those).
   */
  deprecatedApis: z
    .strictObject({
      serve: z.boolean().default(false),
      requested: z
        .array(
          z.strictObject({
            group: z.string(),
            version: z.string(),
            resource: z.string(),
            subresource: z.string().default(''),
            removedRelease: z.string().regex(/^\d+\.\d+$/, 'expected a minor like 1.32'),
            write: z.boolean().default(true),
          }),
        )
        .default([]),
    })
    .optional(),
});

export type DescriptorInput = z.input<typeof descriptorSchema>;
export type DescriptorDoc = z.output<typeof descriptorSchema>;
export type PoolSpec = z.output<typeof pool>;
export type ClusterSpec = z.output<typeof cluster>;
export type KubernetesVersionSpec = z.output<typeof kubernetesVersion>;
export type UpgradeSettingsSpec = z.output<typeof upgradeSettings>;
