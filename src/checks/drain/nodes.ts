/** Node annotations kured sets when a node needs (or is getting) a reboot. */
const KURED_REBOOT_ANNOTATIONS = [
  'weave.works/kured-most-recent-reboot-needed',
  'weave.works/kured-reboot-in-progress',
] as const;

/** The DaemonSet annotation that holds kured's reboot lock (kured's default key). */
export const KURED_LOCK_ANNOTATION = 'weave.works/kured-node-lock';

/**
 * The nodes named by a kured lock annotation: `{"nodeID": ...}`, or with several owners
 * `{"maxOwners": n, "locks": [{"nodeID": ...}]}`. Anything unreadable names no node.
 */
export function kuredLockHolders(value: string | undefined): string[] {
  if (!value) return [];
  let parsed: unknown;
  try {
    parsed = JSON.parse(value);
  } catch {
    return [];
  }
  const nodeOf = (entry: unknown): string[] => {
    const id = (entry as { nodeID?: unknown } | null)?.nodeID;
    return typeof id === 'string' && id !== '' ? [id] : [];
  };
  const locks = (parsed as { locks?: unknown } | null)?.locks;
  return Array.isArray(locks) ? locks.flatMap(nodeOf) : nodeOf(parsed);
}

/** Whether node annotations say kured wants to reboot the node. */
export function needsReboot(annotations: Record<string, string> | undefined): boolean {
  return KURED_REBOOT_ANNOTATIONS.some((key) => annotations?.[key] !== undefined);
}

/** The label AKS puts on a node it could not drain under undrainableNodeBehavior Cordon. */
export const AKS_UPGRADE_STATUS_LABEL = 'kubernetes.azure.com/upgrade-status';

/** Whether node labels say AKS quarantined the node after a blocked upgrade drain. */
export function aksQuarantined(labels: Record<string, string> | undefined): boolean {
  return (labels?.[AKS_UPGRADE_STATUS_LABEL] ?? '').toLowerCase() === 'quarantined';
}

/** What to do about a node AKS quarantined: AKS's own way out, never a plain uncordon. */
export function quarantineWayOut(node: string): string {
  return `Fix or relax the PDB that blocked its drain, remove the label (kubectl label node ${node} ${AKS_UPGRADE_STATUS_LABEL}-), then re-run the upgrade; uncordoning it alone puts new pods on a node the upgrade left behind.`;
}
