// ARM matches enum values without regard to case (`none`, `None` and `NONE` set the same auto-upgrade
// channel), so the checks read them the same way: each known value in its documented spelling,
// anything else kept as written so a message can quote it.

const UPGRADE_CHANNELS = ['rapid', 'stable', 'patch', 'node-image', 'none'] as const;
const NODE_OS_CHANNELS = ['None', 'Unmanaged', 'NodeImage', 'SecurityPatch'] as const;

/** One of `known` matching `value` without regard to case, else `value` trimmed. */
function canonical<T extends string>(known: readonly T[], value: string): T | string {
  const text = value.trim();
  return known.find((k) => k.toLowerCase() === text.toLowerCase()) ?? text;
}

/** The cluster auto-upgrade channel (`autoUpgradeProfile.upgradeChannel`); absent or empty: `none`, the ARM default. */
export function upgradeChannelOf(value: string | null | undefined): string {
  return value?.trim() ? canonical(UPGRADE_CHANNELS, value) : 'none';
}

/** The node OS upgrade channel (`autoUpgradeProfile.nodeOSUpgradeChannel`); absent or empty: `NodeImage`, the ARM default. */
export function nodeOsChannelOf(value: string | null | undefined): string {
  return value?.trim() ? canonical(NODE_OS_CHANNELS, value) : 'NodeImage';
}

/** Whether an agent pool's `osType` is Windows (`Windows`, however cased). */
export function isWindowsOs(osType: string | null | undefined): boolean {
  return osType?.trim().toLowerCase() === 'windows';
}

/** Whether two ARM enum values (provisioning states, plans, access modes) are the same value. */
export function sameArmValue(a: string | null | undefined, b: string): boolean {
  return a?.trim().toLowerCase() === b.toLowerCase();
}
