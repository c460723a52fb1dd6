// One running pod moved off its node through `movePod`, as the drain moves each pod: the last
// progress it reported. The tests that drive `movePod` directly differ only in the pod, the wire
// and the mode.
import type { KubeConfig } from '@kubernetes/client-node';
import type { Journal } from '../../src/runbook/journal.js';
import { movePod } from '../../src/steps/drain/run/move-pod.js';
import type { PodProgress } from '../../src/steps/drain/run/progress.js';

/** Moves `pod` (a plain running pod) off `node`; resolves to the progress it ended with. */
export async function moveOnePod(
  pod: { namespace: string; name: string; uid: string },
  o: { kc: KubeConfig; journal: Journal; node: string; dryRun?: boolean; retryMs?: number },
): Promise<Partial<PodProgress>> {
  let state: Partial<PodProgress> = {};
  await movePod(
    {
      ...pod,
      phase: 'Running',
      labels: {},
      mirror: false,
      emptyDir: false,
      terminating: false,
      ready: true,
    },
    undefined,
    {
      kc: o.kc,
      journal: o.journal,
      node: o.node,
      dryRun: o.dryRun ?? false,
      disableEviction: false,
      retryMs: o.retryMs ?? 1000,
      pollMs: 1000,
      signal: AbortSignal.timeout(120_000),
      update: (patch) => (state = { ...state, ...patch }),
    },
  );
  return state;
}
