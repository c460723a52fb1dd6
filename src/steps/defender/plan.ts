import type { ManagedCluster } from '@azure/arm-containerservice';

/** The change that enables Defender: the cluster as read, with the Defender profile set. */
export interface DefenderPlan {
  cluster: string;
  resourceId: string;
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
  workspace: string,
): 'same' | { reportsTo: string } | undefined {
  const d = mc.securityProfile?.defender;
  if (d?.securityMonitoring?.enabled !== true) return undefined;
  const now = d.logAnalyticsWorkspaceResourceId ?? '';
  // ARM resource ids compare case-insensitively.
  return now.toLowerCase() === workspace.toLowerCase()
    ? 'same'
    : { reportsTo: now || 'no workspace' };
}

/** GET-modify-PUT: keeps everything read and sets only `securityProfile.defender`. Pure. */
export function planEnableDefender(mc: ManagedCluster, workspace: string): DefenderPlan {
  const security = mc.securityProfile ?? {};
  const body: ManagedCluster = {
    ...mc,
    securityProfile: {
      ...security,
      defender: {
        ...security.defender,
        logAnalyticsWorkspaceResourceId: workspace,
        securityMonitoring: { enabled: true },
      },
    },
  };
  return { cluster: mc.name ?? '?', resourceId: mc.id ?? '?', workspace, eTag: mc.eTag, body };
}

/** The plan as the operator reads it: the request, and the only part of the body that changes. */
export function describeDefenderPlan(plan: DefenderPlan): string[] {
  const change = JSON.stringify(
    { securityProfile: { defender: plan.body.securityProfile?.defender } },
    null,
    2,
  ).split('\n');
  return [
    `PUT ${plan.resourceId}${plan.eTag ? ` (If-Match: ${plan.eTag})` : ''}`,
    'Body: the cluster exactly as just read, with:',
    ...change.map((line) => `  ${line}`),
    'Then: follow the operation to its end and read the cluster again to verify.',
  ];
}
