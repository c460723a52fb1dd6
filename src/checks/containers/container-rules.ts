import type { Severity } from '../../model/finding.js';
import type { ContainerCheckId } from './advice.js';
import type { PodObject, SecurityProfile } from '../../model/pods.js';
import { addedCapabilities, capabilityIssues } from './capabilities.js';
import { windowsAdministrator, windowsIssues } from './windows-rules.js';
import { DECLARE_WINDOWS, podOs } from './pod-os.js';
import { volumeTypeIssues } from './volume-types.js';
import { handlerHosts } from './probe-hosts.js';
import { podLevelIssues, seLinuxIssue } from './pod-rules.js';
import { podDefaultIssues } from './pod-defaults.js';
import {
  annotationProfile,
  apparmorKey,
  containersOf,
  SECCOMP_POD_KEY,
  seccompKey,
} from './pod-containers.js';

/** One problem of one container, before grouping by workload. */
export interface ContainerIssue {
  id: ContainerCheckId;
  severity: Severity;
  /** What is wrong, short: `privileged`, `adds SYS_ADMIN`, `seccomp Unconfined`. */
  what: string;
  /** The container (`init:` / `debug:` prefixed for init and ephemeral ones), or undefined for the pod. */
  container?: string;
}

// Seccomp and AppArmor: the nearest setting wins: the container's field, then its old annotation,
// then the pod's field, then the pod's annotation (the kubelet's order while it read annotations;
// the API server copies an annotation into an unset field of its own level, never across levels).
function profile(
  own: SecurityProfile | undefined,
  pod: SecurityProfile | undefined,
  annotations: Record<string, string>,
  ownKey: string,
  podKey?: string,
): string | undefined {
  const note = (key: string | undefined) =>
    annotationProfile(key === undefined ? undefined : annotations[key]);
  return own?.type ?? note(ownKey) ?? pod?.type ?? note(podKey);
}

/** The issues of one pod, container by container; pure. */
export function podIssues(pod: PodObject): ContainerIssue[] {
  const spec = pod.spec;
  if (!spec) return [];
  const os = podOs(pod);
  // Only a declared Windows pod is exempt from the Linux-only controls (see pod-os.ts).
  const windows = os === 'windows';
  const out: ContainerIssue[] = [...podLevelIssues(pod, windows), ...volumeTypeIssues(pod)];
  // On Windows nodes without `spec.os.name: windows` the standard still asks for the Linux-only
  // fields (they have no effect there); declaring the OS is the better fix, so the issue says so.
  const linuxOnly = (what: string) =>
    os === 'windows-nodes' ? `${what} (${DECLARE_WINDOWS})` : what;
  const podSc = spec.securityContext ?? {};
  const annotations = pod.metadata?.annotations ?? {};
  for (const { label, spec: c } of containersOf(pod)) {
    const sc = c.securityContext ?? {};
    const add = (id: ContainerCheckId, severity: Severity, what: string) =>
      out.push({ id, severity, what, container: label });
    // With hostNetwork the API server sets every declared port's hostPort to its containerPort
    // (and refuses any other): those ports are the host-namespace finding's, not a second cause.
    const hostPorts = (c.ports ?? []).map((p) => p.hostPort ?? 0).filter((p) => p > 0);
    if (hostPorts.length > 0 && spec.hostNetwork !== true)
      add('containers.host-port', 'medium', `hostPort ${hostPorts.join(', ')}`);
    const probeHosts = handlerHosts(c);
    if (probeHosts.length > 0)
      add('containers.probe-host', 'medium', `probe or hook host ${probeHosts.join(', ')}`);
    if (windows) {
      for (const issue of windowsIssues(sc, podSc)) add(issue.id, issue.severity, issue.what);
      continue;
    }
    // A HostProcess container runs only on Windows; said on a pod not known to be Windows it is
    // still the node's privileges wherever it lands, and hides none of the Linux checks.
    if ((sc.windowsOptions?.hostProcess ?? podSc.windowsOptions?.hostProcess) === true)
      add('containers.privileged', 'high', 'HostProcess (Windows)');
    // A privileged container gets every capability (the runtime ignores its add and drop lists)
    // and always may escalate (API reference; the API server refuses allowPrivilegeEscalation:
    // false beside it): one cause, said once, in the privileged finding, so that a waiver of
    // containers.privileged covers all of it. Added capabilities are named there, as they stay
    // when privileged goes.
    const privileged = sc.privileged === true;
    if (privileged) {
      const added = addedCapabilities(sc.capabilities);
      add(
        'containers.privileged',
        'high',
        `privileged: every capability, escalation always allowed${added.length > 0 ? `; also adds ${added.join(', ')}` : ''}`,
      );
    }
    // A user namespace (hostUsers: false) does not waive these: the Pod Security Standards skip
    // runAsUser and runAsNonRoot for such pods only behind the UserNamespacesPodSecurityStandards
    // feature gate (alpha, off by default), which AKS does not turn on.
    const user = sc.runAsUser ?? podSc.runAsUser;
    const nonRoot = sc.runAsNonRoot ?? podSc.runAsNonRoot;
    // Restricted asks for runAsNonRoot: true whatever runAsUser says (pod-security-admission reads
    // runAsNonRoot only): a non-zero runAsUser is not root, yet without it the pod is not restricted.
    const linuxRoot =
      user === 0
        ? 'runAsUser 0'
        : nonRoot !== true
          ? nonRoot === false
            ? 'runAsNonRoot false'
            : 'runAsNonRoot not set'
          : undefined;
    // Placed on Windows nodes: runAsUserName decides who it runs as there, not runAsUser. One
    // container runs as one user: one root issue, the Windows administrator first, with any
    // runAsUser 0 beside it (the suggested patch clears both).
    const admin = os === 'windows-nodes' ? windowsAdministrator(sc, podSc) : undefined;
    if (admin !== undefined)
      add(
        'containers.root',
        'medium',
        `runAsUserName ${admin}${linuxRoot === 'runAsUser 0' ? '; also runAsUser 0' : ''}`,
      );
    else if (linuxRoot !== undefined)
      add('containers.root', linuxRoot === 'runAsUser 0' ? 'medium' : 'low', linuxRoot);
    if (!privileged) {
      if (sc.allowPrivilegeEscalation !== false)
        add(
          'containers.privilege-escalation',
          'medium',
          linuxOnly('allowPrivilegeEscalation not false'),
        );
      for (const issue of capabilityIssues(sc.capabilities))
        add(issue.id, issue.severity, linuxOnly(issue.what));
    }
    const seccomp = profile(
      sc.seccompProfile,
      podSc.seccompProfile,
      annotations,
      seccompKey(c.name),
      SECCOMP_POD_KEY,
    );
    if (seccomp === undefined)
      add('containers.seccomp', 'low', linuxOnly('no seccomp profile (runs Unconfined)'));
    else if (seccomp === 'Unconfined') add('containers.seccomp', 'medium', 'seccomp Unconfined');
    const apparmor = profile(
      sc.appArmorProfile,
      podSc.appArmorProfile,
      annotations,
      apparmorKey(c.name),
    );
    if (apparmor === 'Unconfined') add('containers.apparmor', 'medium', 'AppArmor Unconfined');
    const selinux = seLinuxIssue(sc.seLinuxOptions);
    if (selinux) add('containers.selinux', 'medium', selinux);
    // Kubernetes lets a pod in its own user namespace unmask /proc (newer baseline policies allow
    // it there); elsewhere it exposes the node's kernel interfaces.
    if (sc.procMount !== undefined && sc.procMount !== 'Default')
      add(
        'containers.proc-mount',
        spec.hostUsers === false ? 'low' : 'medium',
        `procMount ${sc.procMount}${spec.hostUsers === false ? ' (in a user namespace: hostUsers false)' : ''}`,
      );
  }
  if (!windows) out.push(...podDefaultIssues(pod));
  return out;
}
