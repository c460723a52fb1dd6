import type { ManagedCluster } from '@azure/arm-containerservice';
import type { Finding } from '../../model/finding.js';

/** A Log Analytics workspace that Defender could report to, and where it was found. */
export interface KnownWorkspace {
  id: string;
  /** e.g. `the monitoring add-on (omsagent)`, `typed by you`. */
  from: string;
}

/** Defender for Containers on the cluster, as `securityProfile.defender` says. */
export interface DefenderFacts {
  enabled: boolean;
  /** The workspace Defender reports to (when configured). */
  workspace?: string;
  /** A workspace already tied to the cluster, usable to enable Defender without typing one. */
  known?: KnownWorkspace;
}

const WORKSPACE_ID =
  /^\/subscriptions\/[^/]+\/resourceGroups\/[^/]+\/providers\/Microsoft\.OperationalInsights\/workspaces\/[^/]+$/i;

/** Whether `id` is shaped like a Log Analytics workspace resource id. */
export function isWorkspaceId(id: string): boolean {
  return WORKSPACE_ID.test(id.trim());
}

/** Reads Defender's state and any workspace the cluster already uses (Defender or monitoring). */
export function defenderFactsOf(mc: ManagedCluster): DefenderFacts {
  const defender = mc.securityProfile?.defender;
  const workspace = defender?.logAnalyticsWorkspaceResourceId || undefined;
  return {
    enabled: defender?.securityMonitoring?.enabled === true,
    workspace,
    known: workspace
      ? { id: workspace, from: 'the cluster’s Defender profile' }
      : monitoringWorkspace(mc),
  };
}

function monitoringWorkspace(mc: ManagedCluster): KnownWorkspace | undefined {
  const addons = mc.addonProfiles ?? {};
  for (const [name, addon] of Object.entries(addons)) {
    if (!/^omsagent$|^omsAgent$/i.test(name) || !addon.enabled) continue;
    // The key's casing varies between clusters created by different tools.
    const entry = Object.entries(addon.config ?? {}).find(
      ([key]) => key.toLowerCase() === 'loganalyticsworkspaceresourceid',
    );
    if (entry && isWorkspaceId(entry[1])) {
      return { id: entry[1], from: 'the monitoring add-on (omsagent)' };
    }
  }
  return undefined;
}

/**
 * `defender.disabled` (medium): Defender is a detection control, not a lock: its absence opens
 * no door, but a break-in through any other finding would go unnoticed.
 */
export function defenderFindings(f: DefenderFacts, cluster: string, az: string): Finding[] {
  if (f.enabled) return [];
  const workspaceHint = f.known
    ? ` It can report to ${f.known.id} (from ${f.known.from}).`
    : ' Enabling needs a Log Analytics workspace; az aks update --enable-defender without one creates or reuses a default workspace.';
  return [
    {
      id: 'defender.disabled',
      severity: 'medium',
      object: { kind: 'ManagedCluster', name: cluster },
      message: `Microsoft Defender for Containers is off: no runtime threat detection on the nodes and no alerts for suspicious activity in the cluster, so a compromise can go unnoticed. It is a paid plan (billed per vCore).${workspaceHint}`,
      remediation: f.known
        ? `echo '{"logAnalyticsWorkspaceResourceId": "${f.known.id}"}' > defender.json && az aks update ${az} --enable-defender --defender-config defender.json`
        : `az aks update ${az} --enable-defender`,
    },
  ];
}

/** The Defender facts as a few lines for the operator. */
export function defenderSummary(f: DefenderFacts): string[] {
  return [
    `Defender for Containers:  ${f.enabled ? 'on' : 'off'}`,
    `Log Analytics workspace:  ${f.workspace ?? (f.known ? `none set; known: ${f.known.id} (${f.known.from})` : 'none known')}`,
  ];
}
