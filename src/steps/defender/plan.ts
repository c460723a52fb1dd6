import type { ManagedCluster } from '@azure/arm-containerservice';
import { codeBlock, type ViewItem } from '../contract/view.js';
import { sendableCluster } from '../../azure/put-cluster.js';
import { sameArmValue } from '../../checks/arm-enums.js';

/** The change that enables Defender: the cluster as read, with the Defender profile set. */
export interface DefenderPlan {
  cluster: string;
  resourceId: string;
  /** The Log Analytics workspace Defender will report to (ARM requires one). */
  workspace: string;
  /** From the read just before; sent as If-Match so a concurrent change is not overwritten. */
  eTag?: string;
  body: ManagedCluster;
}

/**
 * Whether Defender is on already (someone, or an earlier run whose answer was lost, turned it on):
 * 'same' with this workspace, else the workspace it reports to; undefined when it is off. Pure.
 */
export function defenderAlreadyOn(
  mc: ManagedCluster,
  workspace: string | undefined,
): 'same' | { reportsTo: string } | undefined {
  const d = mc.securityProfile?.defender;
  if (d?.securityMonitoring?.enabled !== true) return undefined;
  // No workspace asked for: Defender on, reporting anywhere, is what was wanted.
  if (workspace === undefined) return 'same';
  const now = d.logAnalyticsWorkspaceResourceId ?? '';
  // ARM resource ids compare case-insensitively.
  return now.toLowerCase() === workspace.toLowerCase()
    ? 'same'
    : { reportsTo: now || 'no workspace' };
}

/**
 * GET-modify-PUT: keeps everything read and sets only `securityProfile.defender`, with the
 * workspace. ARM requires `logAnalyticsWorkspaceResourceId` whenever Defender is enabled (the
 * ManagedClusterSecurityProfileDefender schema); `az aks update --enable-defender` without a
 * config creates or finds a default workspace itself, client-side, before its PUT. Pure.
 */
export function planEnableDefender(mc: ManagedCluster, workspace: string): DefenderPlan {
  const security = mc.securityProfile ?? {};
  const body: ManagedCluster = {
    ...sendableCluster(mc),
    securityProfile: {
      ...security,
      defender: {
        ...security.defender,
        logAnalyticsWorkspaceResourceId: workspace,
        securityMonitoring: { enabled: true },
      },
    },
  };
  const plan: DefenderPlan = { cluster: mc.name ?? '?', resourceId: mc.id ?? '?', workspace, body };
  if (mc.eTag) plan.eTag = mc.eTag;
  return plan;
}

/**
 * A workspace as the operator recognises it: its name first, then its resource group (a full
 * resource id is too long to show whole in 80 columns, and its end is what names it).
 */
export function workspaceWords(id: string): string {
  const parts = id.split('/');
  const at = (key: string) => {
    const i = parts.findIndex((p) => p.toLowerCase() === key.toLowerCase());
    return i >= 0 ? parts[i + 1] : undefined;
  };
  const name = at('workspaces');
  const group = at('resourceGroups');
  if (!name) return id;
  return `${name}${group ? ` (resource group ${group})` : ''}`;
}

/** Why Defender cannot be enabled yet when no workspace is known, in words. */
export const WORKSPACE_NEEDED =
  'give the Log Analytics workspace first (w): ARM requires one to enable Defender';

/** The plan as the operator reads it: the request, and the only part of the body that changes. */
export function describeDefenderPlan(plan: DefenderPlan): ViewItem[] {
  const change = JSON.stringify(
    { securityProfile: { defender: plan.body.securityProfile?.defender } },
    null,
    2,
  );
  return [
    `PUT ${plan.resourceId}${plan.eTag ? ` (If-Match: ${plan.eTag})` : ''}`,
    'Body: the cluster exactly as just read, with:',
    codeBlock(change),
    'Then: follow the operation to its end and read the cluster again to verify.',
  ];
}

/** Whether `set` (a version, or a minor alias such as `1.31`) is what `runs`. */
function runsAsSet(set: string | undefined, runs: string | undefined): boolean {
  if (!set || !runs) return true;
  return set === runs || (/^\d+\.\d+$/.test(set) && runs.startsWith(`${set}.`));
}

/**
 * What the cluster PUT does besides enabling Defender, in words, or undefined when nothing: AKS
 * takes a PUT of a Failed cluster (or of one with a Failed pool) as a reconcile and retries what
 * failed, and a version set but not running (an upgrade that stopped) is sent back as set. Pure.
 */
export function putAlsoReconciles(mc: ManagedCluster): string | undefined {
  const pools = mc.agentPoolProfiles ?? [];
  const failed = [
    ...(sameArmValue(mc.provisioningState, 'Failed') ? ['the cluster'] : []),
    ...pools
      .filter((p) => sameArmValue(p.provisioningState, 'Failed'))
      .map((p) => `pool ${p.name}`),
  ];
  const unfinished = [
    ...(runsAsSet(mc.kubernetesVersion, mc.currentKubernetesVersion)
      ? []
      : [`the control plane runs ${mc.currentKubernetesVersion}, set to ${mc.kubernetesVersion}`]),
    ...pools
      .filter((p) => !runsAsSet(p.orchestratorVersion, p.currentOrchestratorVersion))
      .map(
        (p) =>
          `pool ${p.name} runs ${p.currentOrchestratorVersion}, set to ${p.orchestratorVersion}`,
      ),
  ];
  if (failed.length === 0 && unfinished.length === 0) return undefined;
  const parts = [
    ...(failed.length
      ? [
          `${failed.join(' and ')} ${failed.length === 1 ? 'is' : 'are'} in a Failed state: AKS takes this PUT as a reconcile and retries what failed (a failed upgrade surges, cordons and drains nodes again)`,
        ]
      : []),
    ...(unfinished.length
      ? [
          `the PUT sends the versions back as set, so AKS may resume that upgrade (${unfinished.join('; ')})`,
        ]
      : []),
  ];
  return `Besides Defender: ${parts.join('; ')}. Settle that first (upgrades step) if you do not want it now.`;
}
