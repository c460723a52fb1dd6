import type { Severity } from '../../model/finding.js';
import type { ContainerCheckId } from './advice.js';
import type { ContainerSecurity, PodSecurity } from '../../model/pods.js';

// The built-in administrator account of Windows containers (Windows user names ignore case).
const ADMINISTRATOR = 'containeradministrator';

/** The Windows user a container runs as when it is ContainerAdministrator (the Windows root). */
export function windowsAdministrator(
  sc: ContainerSecurity,
  podSc: PodSecurity,
): string | undefined {
  const user = sc.windowsOptions?.runAsUserName ?? podSc.windowsOptions?.runAsUserName;
  return user !== undefined && user.toLowerCase() === ADMINISTRATOR ? user : undefined;
}

/**
 * The issues of one container of a pod that declares `spec.os.name: windows` (the Linux-only
 * securityContext fields mean nothing there, and the API server refuses them): a HostProcess container has the node's
 * privileges (the Windows form of privileged); ContainerAdministrator is the Windows root.
 * Container-level windowsOptions override the pod's.
 */
export function windowsIssues(
  sc: ContainerSecurity,
  podSc: PodSecurity,
): Array<{ id: ContainerCheckId; severity: Severity; what: string }> {
  const out: Array<{ id: ContainerCheckId; severity: Severity; what: string }> = [];
  const hostProcess = sc.windowsOptions?.hostProcess ?? podSc.windowsOptions?.hostProcess;
  if (hostProcess === true)
    out.push({ id: 'containers.privileged', severity: 'high', what: 'HostProcess (Windows)' });
  const user = sc.windowsOptions?.runAsUserName ?? podSc.windowsOptions?.runAsUserName;
  const nonRoot = sc.runAsNonRoot ?? podSc.runAsNonRoot;
  const admin = windowsAdministrator(sc, podSc);
  // Restricted waives only privilege escalation, seccomp and capabilities for Windows pods:
  // "Running as Non-root" still asks for runAsNonRoot true, whatever runAsUserName names (the
  // kubelet then refuses ContainerAdministrator at start).
  if (admin !== undefined)
    out.push({ id: 'containers.root', severity: 'medium', what: `runAsUserName ${admin}` });
  else if (nonRoot !== true && hostProcess !== true)
    out.push({
      id: 'containers.root',
      severity: 'low',
      what: `${nonRoot === false ? 'runAsNonRoot false' : 'runAsNonRoot not set'}${user !== undefined ? ` (runAsUserName ${user} is not checked without it)` : ''}`,
    });
  return out;
}
