import { AppsV1Api, type KubeConfig, type V1DaemonSet } from '@kubernetes/client-node';
import type { KuredFacts } from '../../checks/nodeimage/facts.js';

/** kured's default lock annotation on its own DaemonSet. */
const LOCK = 'weave.works/kured-node-lock';

/**
 * Finds kured's DaemonSet (by name or image) and who holds its reboot lock. `listSets` gives the
 * DaemonSets when the caller shares one list (default: list them here).
 */
export async function readKured(
  kc: KubeConfig,
  listSets: () => Promise<V1DaemonSet[]> = async () =>
    (await kc.makeApiClient(AppsV1Api).listDaemonSetForAllNamespaces()).items,
): Promise<KuredFacts> {
  const sets = await listSets();
  const kured = sets.find(
    (d) =>
      /kured/.test(d.metadata?.name ?? '') ||
      (d.spec?.template.spec?.containers ?? []).some((c) => /kured/.test(c.image ?? '')),
  );
  if (!kured) return { installed: false };
  const facts: KuredFacts = {
    installed: true,
    daemonSet: `${kured.metadata?.namespace ?? ''}/${kured.metadata?.name ?? ''}`,
  };
  const lock = kured.metadata?.annotations?.[LOCK];
  if (lock) {
    try {
      const parsed = JSON.parse(lock) as { nodeID?: string; locks?: Array<{ nodeID?: string }> };
      const holder = parsed.nodeID ?? parsed.locks?.[0]?.nodeID;
      if (holder) facts.lockHolder = holder;
    } catch {
      // An unreadable lock is reported as no holder; kured itself would treat it as corrupt.
    }
  }
  return facts;
}
