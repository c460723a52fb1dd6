import type { NodeSelector, PodObject } from '../../model/pods.js';

// The Pod Security Standards exempt a pod from their Linux-only controls (privilege escalation,
// seccomp, capabilities) only when `spec.os.name` is `windows`: the API server then refuses those
// fields, and the kubelet of a Linux node refuses the pod. Placement alone (a node selector or a
// required node affinity on `kubernetes.io/os`) exempts nothing there, but it does tell where the
// pod runs, so the Windows-only rules (ContainerAdministrator) apply to it as well.

/**
 * Where a pod runs, as the checks tell Windows from Linux:
 * - `windows`: `spec.os.name: windows` (exempt from the Linux-only controls);
 * - `windows-nodes`: no `spec.os.name`, but its required scheduling admits only nodes labelled
 *   `kubernetes.io/os=windows` (judged by both the Linux and the Windows rules);
 * - `linux`: anything else, `spec.os.name: linux` whatever the selectors say.
 */
export type PodOs = 'windows' | 'windows-nodes' | 'linux';

const OS_LABEL = 'kubernetes.io/os';

/** Said after a Linux-only issue of a pod on Windows nodes that does not declare its OS. */
export const DECLARE_WINDOWS = 'runs on Windows nodes: declare spec.os.name: windows';

/**
 * Whether every term of a required node affinity admits only Windows nodes. The terms are ORed,
 * so one term that could match a Linux node (or an empty one) makes the answer no; within a term
 * the expressions are ANDed, so one `kubernetes.io/os In [windows]` (no other value) is enough.
 * `NotIn [linux]` is not: a node without the label matches it.
 */
function affinityPinsWindows(required: NodeSelector | undefined): boolean {
  const terms = required?.nodeSelectorTerms ?? [];
  return (
    terms.length > 0 &&
    terms.every((term) =>
      (term.matchExpressions ?? []).some(
        (e) =>
          e.key === OS_LABEL &&
          e.operator === 'In' &&
          (e.values ?? []).length > 0 &&
          (e.values ?? []).every((v) => v === 'windows'),
      ),
    )
  );
}

/** Where the pod runs: see `PodOs`. Pure. */
export function podOs(pod: PodObject): PodOs {
  const spec = pod.spec;
  const declared = spec?.os?.name;
  if (declared === 'windows') return 'windows';
  if (declared !== undefined) return 'linux';
  const selected = spec?.nodeSelector?.[OS_LABEL] === 'windows';
  const required = spec?.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution;
  return selected || affinityPinsWindows(required) ? 'windows-nodes' : 'linux';
}
