import type { ManagedCluster } from '@azure/arm-containerservice';
import type { Finding } from '../../model/finding.js';
import { PUBLIC_SHARE_THRESHOLD, publicCoverage } from './public-ranges.js';
import { plural } from '../../model/plural.js';
import { sameArmValue } from '../arm-enums.js';
import { entraModeOf, entraOn, type EntraMode } from './entra-mode.js';

/** How the API server is reached and who may sign in, as read from the managed cluster. */
export interface ApiAccessFacts {
  /** `managed`: AKS-managed Entra ID; `legacy`: the deprecated app-based integration. */
  entra: EntraMode;
  azureRbac: boolean;
  adminGroups: number;
  localAccountsDisabled: boolean;
  privateCluster: boolean;
  authorizedRanges: string[];
  /** `Disabled` closes the public endpoint even without a private cluster. */
  publicNetworkAccess?: string;
  /** `enableRBAC: false`: no Kubernetes RBAC, every signed-in identity may do everything. */
  kubernetesRbacOff?: boolean;
}

/** Reads the access facts; every profile may be absent (the official Get example has none). */
export function apiAccessFactsOf(mc: ManagedCluster): ApiAccessFacts {
  const aad = mc.aadProfile;
  const access = mc.apiServerAccessProfile;
  return {
    entra: entraModeOf(aad),
    azureRbac: aad?.enableAzureRbac === true,
    adminGroups: aad?.adminGroupObjectIDs?.length ?? 0,
    localAccountsDisabled: mc.disableLocalAccounts === true,
    privateCluster: access?.enablePrivateCluster === true,
    authorizedRanges: access?.authorizedIPRanges ?? [],
    publicNetworkAccess: mc.publicNetworkAccess,
    kubernetesRbacOff: mc.enableRbac === false,
  };
}

/**
 * Whether anyone on the internet can reach the API server's endpoint: never for a private cluster
 * or with public network access disabled; otherwise when no range is authorized, when the
 * authorized ranges together cover more than `PUBLIC_SHARE_THRESHOLD` of the public IPv4 or IPv6
 * internet (address math over their union, so four /2 ranges count as 0.0.0.0/0), or when an
 * entry is not an address or CIDR at all: what it lets in cannot be judged, so it is not a pass.
 */
export function isApiPublic(
  f: Pick<ApiAccessFacts, 'privateCluster' | 'publicNetworkAccess' | 'authorizedRanges'>,
): boolean {
  if (f.privateCluster || sameArmValue(f.publicNetworkAccess, 'Disabled')) return false;
  if (f.authorizedRanges.length === 0) return true;
  const c = publicCoverage(f.authorizedRanges);
  return c.invalid.length > 0 || c.ipv4 > PUBLIC_SHARE_THRESHOLD || c.ipv6 > PUBLIC_SHARE_THRESHOLD;
}

function percent(share: number): string {
  return share >= 0.9995 ? 'all' : `${(share * 100).toFixed(share < 0.1 ? 2 : 1)}%`;
}

/** Why the endpoint counts as public, in a sentence. */
function publicReason(f: ApiAccessFacts): string {
  if (f.authorizedRanges.length === 0)
    return 'The API server is public with no authorized IP ranges: anyone on the internet can reach its sign-in, and every unpatched flaw in it. Limit it to your networks, or make the cluster private.';
  const c = publicCoverage(f.authorizedRanges);
  if (c.invalid.length > 0 && c.ipv4 <= PUBLIC_SHARE_THRESHOLD && c.ipv6 <= PUBLIC_SHARE_THRESHOLD)
    return `The API server's authorized IP ranges hold entries that are not IP addresses or CIDRs (${c.invalid.join(', ')}): what they let in cannot be judged, so the endpoint is taken as public (assumed; AKS refuses such entries when they are set). Replace them with your networks' CIDRs.`;
  const shares = [
    ...(c.ipv4 > PUBLIC_SHARE_THRESHOLD ? [`${percent(c.ipv4)} of the public IPv4 internet`] : []),
    ...(c.ipv6 > PUBLIC_SHARE_THRESHOLD ? [`${percent(c.ipv6)} of the public IPv6 internet`] : []),
  ];
  return `The API server is public: its authorized IP ranges (${f.authorizedRanges.join(', ')}) together let in ${shares.join(' and ')} (more than 1/256 counts as public). Limit them to your networks.`;
}

/**
 * The API-server access findings. Each fires only where it means something: Azure RBAC and
 * local accounts are reported only once Entra ID is on (neither can be changed before), and a
 * private cluster needs no authorized ranges. `az` is the `--subscription -g -n` of the cluster.
 */
export function apiAccessFindings(f: ApiAccessFacts, cluster: string, az: string): Finding[] {
  const object = { kind: 'ManagedCluster', name: cluster };
  const findings: Finding[] = [];
  if (f.kubernetesRbacOff) {
    // Without RBAC the API server authorizes every request, and AKS cannot turn RBAC (or the
    // Entra integration, which needs it) on for an existing cluster.
    findings.push({
      id: 'access.rbac-off',
      severity: 'high',
      object,
      message:
        'Kubernetes RBAC is disabled (enableRBAC: false): every identity that can sign in may do everything, so role bindings restrict nothing. AKS cannot enable RBAC or Entra ID on an existing cluster.',
      remediation:
        'Create a new cluster with RBAC and AKS-managed Entra ID (az aks create --enable-aad --aad-admin-group-object-ids <group>), move the workloads to it, then delete this one.',
    });
  }
  if (!entraOn(f.entra)) {
    findings.push({
      id: 'access.entra-off',
      severity: 'high',
      object,
      message:
        f.entra === 'legacy'
          ? 'The cluster uses the retired app-based Entra ID integration: move it to AKS-managed Entra ID before support ends.'
          : 'Entra ID is not integrated: people reach the API server with shared certificates that cannot be revoked one person at a time, and group membership does not follow them.',
      remediation: f.kubernetesRbacOff
        ? 'Entra ID needs Kubernetes RBAC, which only a new cluster can have (see access.rbac-off).'
        : `az aks update ${az} --enable-aad --aad-admin-group-object-ids <admin-group-object-id>`,
    });
  } else {
    if (!f.azureRbac) {
      findings.push({
        id: 'access.azure-rbac-off',
        severity: 'low',
        object,
        message:
          'Azure RBAC for Kubernetes is off: access is decided by Kubernetes RBAC alone. That is sound with Entra groups bound to roles; Azure RBAC would add Azure role assignments, reviewed with the rest of your Azure access.',
        remediation: `az aks update ${az} --enable-azure-rbac`,
      });
    }
    if (!f.localAccountsDisabled) {
      findings.push({
        id: 'access.local-accounts-on',
        severity: 'medium',
        object,
        message:
          'Local accounts are enabled: the static cluster-admin credential (az aks get-credentials --admin) bypasses Entra ID, cannot be revoked per person and leaves no Entra sign-in behind. Move any automation off --admin credentials first.',
        remediation: `az aks update ${az} --disable-local-accounts`,
      });
    }
  }
  if (isApiPublic(f)) {
    findings.push({
      id: 'access.api-public',
      severity: 'medium',
      object,
      message: publicReason(f),
      remediation: `az aks update ${az} --api-server-authorized-ip-ranges <your-office-and-CI-CIDRs>`,
    });
  }
  return findings;
}

/** The facts as a few lines for the operator. */
export function apiAccessSummary(f: ApiAccessFacts): string[] {
  const entra = { managed: 'on (AKS-managed)', legacy: 'legacy app-based', off: 'off' }[f.entra];
  const endpoint = f.privateCluster
    ? 'private cluster'
    : sameArmValue(f.publicNetworkAccess, 'Disabled')
      ? 'public network access disabled'
      : f.authorizedRanges.length > 0
        ? `public, limited to ${f.authorizedRanges.join(', ')}`
        : 'public, open to any address';
  return [
    `Entra ID integration:       ${entra}${f.entra === 'managed' ? `, ${plural(f.adminGroups, 'admin group')}` : ''}`,
    `Azure RBAC for Kubernetes:  ${f.azureRbac ? 'on' : 'off'}`,
    `Local accounts:             ${f.localAccountsDisabled ? 'disabled' : 'enabled'}`,
    `API server endpoint:        ${endpoint}`,
  ];
}
