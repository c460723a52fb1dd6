import type { Finding } from '../../model/finding.js';
import type { NodeImageFacts } from './facts.js';
import { imageAgeDays } from './image-age.js';
import { imageStatus } from './image-version.js';
import { nodesBehindPool } from './node-behind.js';
import { maintenanceWindowFinding } from '../versions/maintenance-window.js';
import { isWindowsOs, nodeOsChannelOf } from '../arm-enums.js';
import { azureLinuxGpuPools, channelSuggestion } from './supported-channels.js';
import { retiredOsFindings } from './retired-os.js';

/**
 * Node image and node OS findings: outdated images (Windows apart), nodes behind their pool's
 * image, images that could not be judged, channel None, reboots.
 */
export function nodeImageFindings(f: NodeImageFacts): Finding[] {
  const out: Finding[] = [];
  const suggested = channelSuggestion(f.pools);
  for (const pool of f.pools) {
    const { nodeImageVersion: has, latestNodeImageVersion: latest } = pool;
    const status = imageStatus(pool);
    if (status === 'unknown') {
      out.push(imageUnknown(pool.name, has, latest));
      continue;
    }
    if (status === 'current' || !has || !latest) continue;
    const age = imageAgeDays(has, f.now);
    const aged = age === undefined ? '' : ` (built ${age} days ago)`;
    const windows = isWindowsOs(pool.osType);
    out.push({
      id: windows ? 'nodeimage.windows-outdated' : 'nodeimage.outdated',
      severity: windows || (age ?? 0) > 60 ? 'high' : 'medium',
      object: { kind: 'AgentPool', name: pool.name },
      message: windows
        ? `Windows pool ${pool.name} runs ${has}${aged}; ${latest} is available. Windows nodes get no nightly patches: a node image upgrade is how they get security fixes.`
        : `Pool ${pool.name} runs ${has}${aged}; ${latest} is available.`,
      remediation: `Upgrade the pool's node image (one pool at a time, here), or let the ${windows || suggested.channel === 'NodeImage' ? 'NodeImage' : 'NodeImage/SecurityPatch'} channel do it in a maintenance window.`,
    });
  }
  out.push(...retiredOsFindings(f.pools, f.now));
  // Judged whatever the pool's own verdict: a pool on the latest image can have nodes left behind.
  out.push(...f.pools.flatMap((pool) => nodesBehindPool(pool, f.now)));
  const cluster = { kind: 'ManagedCluster', name: f.cluster };
  const channel = nodeOsChannelOf(f.channels.nodeOS);
  if (channel === 'None') {
    out.push({
      id: 'nodeos.channel-none',
      severity: 'medium',
      object: cluster,
      message:
        'The node OS upgrade channel is None: no OS security patches reach the nodes unless someone upgrades node images by hand.',
      remediation: `az aks update --node-os-upgrade-channel ${suggested.text}, with a maintenance window${suggested.why ? ` (${suggested.why})` : ''}.`,
    });
  }
  if ((channel === 'NodeImage' || channel === 'SecurityPatch') && f.maintenance) {
    const window = maintenanceWindowFinding(f.maintenance, {
      schedule: 'aksManagedNodeOSUpgradeSchedule',
      upgrades: `the node OS channel ${channel} reimages every node to ${channel === 'NodeImage' ? 'each new node image' : 'security-patched images'}`,
      ids: { missing: 'nodeos.no-window', unknown: 'nodeos.window-unknown' },
      object: cluster,
      cluster: f.cluster,
    });
    if (window) out.push(window);
  }
  const windowsPools = f.pools.filter((p) => isWindowsOs(p.osType)).map((p) => p.name);
  // The node OS auto-upgrade article gives Unmanaged's nightly patching to Ubuntu and Azure Linux
  // CPU pools only: on Windows and on Azure Linux GPU pools, Unmanaged is None.
  const gpuPools = azureLinuxGpuPools(f.pools);
  const unpatched = [
    ...(windowsPools.length ? [`Windows pools (${windowsPools.join(', ')})`] : []),
    ...(gpuPools.length ? [`Azure Linux GPU pools (${gpuPools.join(', ')})`] : []),
  ];
  if (channel === 'Unmanaged' && unpatched.length > 0) {
    out.push({
      id: 'nodeos.channel-none',
      severity: 'medium',
      object: cluster,
      message: `The node OS upgrade channel is Unmanaged, which on ${unpatched.join(' and ')} behaves like None: no OS security patches reach those nodes unless someone upgrades their node images by hand.`,
      // Windows or Azure Linux GPU pools are present here, so SecurityPatch is never offered.
      remediation: `az aks update --node-os-upgrade-channel ${suggested.text}, with a maintenance window${suggested.why ? ` (${suggested.why})` : ''}.`,
    });
  }
  // kured matters only where nightly updates land: Linux pools other than Azure Linux on GPU.
  const patchedNightly = f.pools.some((p) => !isWindowsOs(p.osType) && !gpuPools.includes(p.name));
  if (channel === 'Unmanaged' && patchedNightly && !f.kured.installed) {
    out.push({
      id: 'reboot.kured-missing',
      severity: 'medium',
      object: cluster,
      message: `The node OS channel is Unmanaged and kured is not installed: ${gpuPools.length ? 'Ubuntu and Azure Linux CPU nodes' : 'nodes'} install security updates but nothing reboots them, so kernel fixes never take effect.`,
      remediation: `Install kured, or switch the node OS channel to ${suggested.channel === 'NodeImage' ? `NodeImage (${suggested.why})` : 'SecurityPatch or NodeImage'}.`,
    });
  }
  for (const pool of f.pools) {
    for (const node of pool.nodes) {
      if (!node.rebootNeededSince && !node.rebootInProgress) continue;
      const holds = f.kured.lockHolder === node.name ? ' kured holds its reboot lock for it.' : '';
      out.push({
        id: 'reboot.required',
        severity: 'medium',
        object: { kind: 'Node', name: node.name },
        message: `Node ${node.name} needs a reboot${node.rebootNeededSince ? ` (since ${node.rebootNeededSince})` : ''}${node.rebootInProgress ? '; kured marked a reboot in progress' : ''}.${holds}`,
        remediation:
          'Let kured finish, or drain it (drain step, "nodes needing a reboot"), reboot it outside Kubernetes (az vmss restart --instance-ids), then uncordon.',
      });
    }
  }
  return out;
}

/**
 * A pool whose image or newest offered image was not reported: not judged, so never a pass. High,
 * as the nodeimage.outdated / windows-outdated it may hide: less data must not gate better.
 */
function imageUnknown(pool: string, has?: string, latest?: string): Finding {
  const missing = [
    ...(has?.trim() ? [] : ['its node image version']),
    ...(latest?.trim() ? [] : ['the newest image AKS offers it (upgrade profile)']),
  ];
  return {
    id: 'nodeimage.unknown',
    severity: 'high',
    object: { kind: 'AgentPool', name: pool },
    message: `Pool ${pool}: ARM did not report ${missing.join(' or ')}, so whether its node image is behind is not known.`,
    remediation: `Check it by hand: az aks nodepool get-upgrades --nodepool-name ${pool} (latestNodeImageVersion) and az aks nodepool show (nodeImageVersion).`,
  };
}
