import type { Severity } from '../../model/finding.js';
import type { ContainerCheckId } from './advice.js';
import type { ContainerSpec, PodObject, SecurityProfile } from '../../model/pods.js';
import { addsSysAdmin, capabilityIssues } from './capabilities.js';
import { isWindowsPod, windowsIssues } from './windows-rules.js';
import { isSensitiveHostPath } from './host-paths.js';

/** One problem of one container, before grouping by workload. */
export interface ContainerIssue {
  id: ContainerCheckId;
  severity: Severity;
  /** What is wrong, short: `privileged`, `adds SYS_ADMIN`, `seccomp Unconfined`. */
  what: string;
  /** The container (`init:` / `debug:` prefixed for init and ephemeral ones), or undefined for the pod. */
  container?: string;
}

/** Every container of a pod with the label it goes by in findings. */
function containersOf(
  pod: PodObject,
): Array<{ label: string; spec: ContainerSpec; ephemeral: boolean }> {
  const spec = pod.spec;
  return [
    ...(spec?.containers ?? []).map((c) => ({ label: c.name, spec: c, ephemeral: false })),
    ...(spec?.initContainers ?? []).map((c) => ({
      label: `init:${c.name}`,
      spec: c,
      ephemeral: false,
    })),
    ...(spec?.ephemeralContainers ?? []).map((c) => ({
      label: `debug:${c.name}`,
      spec: c,
      ephemeral: true,
    })),
  ];
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
  const fromNote = (key: string | undefined): string | undefined => {
    const note = key === undefined ? undefined : annotations[key];
    if (note === undefined) return undefined;
    if (note === 'unconfined') return 'Unconfined';
    return note.startsWith('localhost/') ? 'Localhost' : 'RuntimeDefault';
  };
  return own?.type ?? fromNote(ownKey) ?? pod?.type ?? fromNote(podKey);
}

/** The issues of one pod, container by container; pure. */
export function podIssues(pod: PodObject): ContainerIssue[] {
  const spec = pod.spec;
  if (!spec) return [];
  const out: ContainerIssue[] = [];
  const hostNs = (['hostNetwork', 'hostPID', 'hostIPC'] as const).filter((k) => spec[k] === true);
  if (hostNs.length > 0)
    out.push({ id: 'containers.host-namespace', severity: 'high', what: hostNs.join(', ') });
  for (const v of spec.volumes ?? []) {
    if (!v.hostPath) continue;
    const sensitive = isSensitiveHostPath(v.hostPath.path);
    out.push({
      id: 'containers.host-path',
      severity: sensitive ? 'high' : 'medium',
      what: `hostPath ${v.hostPath.path}`,
    });
  }
  const podSc = spec.securityContext ?? {};
  const annotations = pod.metadata?.annotations ?? {};
  const windows = isWindowsPod(pod);
  for (const { label, spec: c } of containersOf(pod)) {
    const sc = c.securityContext ?? {};
    const add = (id: ContainerCheckId, severity: Severity, what: string) =>
      out.push({ id, severity, what, container: label });
    if (windows) {
      for (const issue of windowsIssues(sc, podSc)) add(issue.id, issue.severity, issue.what);
      continue;
    }
    // A HostProcess container runs only on Windows; said on a pod not known to be Windows it is
    // still the node's privileges wherever it lands, and hides none of the Linux checks.
    if ((sc.windowsOptions?.hostProcess ?? podSc.windowsOptions?.hostProcess) === true)
      add('containers.privileged', 'high', 'HostProcess (Windows)');
    const privileged = sc.privileged === true;
    if (privileged) add('containers.privileged', 'high', 'privileged');
    const user = sc.runAsUser ?? podSc.runAsUser;
    const nonRoot = sc.runAsNonRoot ?? podSc.runAsNonRoot;
    if (user === 0) add('containers.root', 'medium', 'runAsUser 0');
    else if (nonRoot !== true && user === undefined)
      add('containers.root', 'low', 'runAsNonRoot not set');
    // The API reference: escalation is always allowed for a privileged container or one with
    // SYS_ADMIN, whatever allowPrivilegeEscalation says.
    if (privileged)
      add('containers.privilege-escalation', 'medium', 'privileged: escalation always allowed');
    else if (sc.allowPrivilegeEscalation !== false)
      add('containers.privilege-escalation', 'medium', 'allowPrivilegeEscalation not false');
    else if (addsSysAdmin(sc.capabilities))
      add(
        'containers.privilege-escalation',
        'medium',
        'allowPrivilegeEscalation false, but SYS_ADMIN is added: escalation stays allowed',
      );
    for (const issue of capabilityIssues(sc.capabilities))
      add(issue.id, issue.severity, issue.what);
    const seccomp = profile(
      sc.seccompProfile,
      podSc.seccompProfile,
      annotations,
      `container.seccomp.security.alpha.kubernetes.io/${c.name}`,
      'seccomp.security.alpha.kubernetes.io/pod',
    );
    if (seccomp === undefined)
      add('containers.seccomp', 'low', 'no seccomp profile (runs Unconfined)');
    else if (seccomp === 'Unconfined') add('containers.seccomp', 'medium', 'seccomp Unconfined');
    const apparmor = profile(
      sc.appArmorProfile,
      podSc.appArmorProfile,
      annotations,
      `container.apparmor.security.beta.kubernetes.io/${c.name}`,
    );
    if (apparmor === 'Unconfined') add('containers.apparmor', 'medium', 'AppArmor Unconfined');
  }
  return out;
}
