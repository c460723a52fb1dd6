import { azureLinuxGpuPools, channelSuggestion } from './supported-channels.js';
import { nodeOsChannelOf, upgradeChannelOf } from '../arm-enums.js';

/**
 * What each node OS upgrade channel means for this cluster, and what to do about it; `pools` rule
 * SecurityPatch out where AKS does not support it (Windows, Flatcar, OS Guard, Azure Linux on GPU).
 */
export function nodeOsChannelAdvice(
  channel: string | undefined,
  pools: Parameters<typeof channelSuggestion>[0] = [],
): string {
  const suggested = channelSuggestion(pools);
  switch (nodeOsChannelOf(channel)) {
    case 'None':
      return suggested.why
        ? `None: nothing patches the node OS; only manual node image upgrades bring fixes. Choose NodeImage (${suggested.why}).`
        : 'None: nothing patches the node OS; only manual node image upgrades bring fixes. Choose SecurityPatch or NodeImage.';
    case 'Unmanaged': {
      // The AKS article gives nightly patching to Ubuntu and Azure Linux CPU node pools only.
      const gpu = azureLinuxGpuPools(pools);
      return `Unmanaged: Ubuntu and Azure Linux CPU pools apply security updates nightly but never reboot; something (kured) must reboot nodes. Windows nodes get nothing${gpu.length ? `; nor do Azure Linux GPU pools (${gpu.join(', ')})` : ''}.`;
    }
    case 'SecurityPatch':
      return suggested.why
        ? `SecurityPatch: AKS applies security patches to the image and reimages nodes in your maintenance window, but ${suggested.why}: choose NodeImage.`
        : 'SecurityPatch: AKS applies security patches to the image and reimages nodes in your maintenance window. Good default for production.';
    case 'NodeImage':
      return 'NodeImage: AKS moves nodes to each new weekly node image (reimage, with surge). Simplest; set a maintenance window.';
    default:
      return `${channel}: not a channel this program knows; check az aks show.`;
  }
}

/** What each cluster upgrade channel does to node images. */
export function upgradeChannelAdvice(channel: string | undefined): string {
  switch (upgradeChannelOf(channel)) {
    case 'none':
      return 'Upgrade channel none: Kubernetes versions move only when you upgrade them.';
    case 'patch':
      return 'Upgrade channel patch: the newest patch of your minor is applied automatically.';
    case 'stable':
      return 'Upgrade channel stable: clusters follow the latest supported minor minus one.';
    case 'rapid':
      return 'Upgrade channel rapid: clusters follow the newest supported minor; risky for production.';
    case 'node-image':
      return 'Upgrade channel node-image (legacy): node images move automatically, Kubernetes versions only when you upgrade them; prefer nodeOSUpgradeChannel NodeImage.';
    default:
      return `Upgrade channel ${channel}: unknown to this program.`;
  }
}
