import type { Severity } from '../../model/finding.js';
import type { ContainerCheckId } from './advice.js';
import type { ContainerSecurity, PodObject, PodSecurity } from '../../model/pods.js';

/**
 * Whether a pod runs on Windows: `spec.os.name: windows`, or a node selector that only Windows
 * nodes satisfy. The Linux-only securityContext fields (privileged, allowPrivilegeEscalation,
 * capabilities, seccomp, AppArmor, runAsUser) mean nothing there, and the API server refuses them
 * on a pod that says `os.name: windows`, so their absence is no finding and no advice.
 */
export function isWindowsPod(pod: PodObject): boolean {
  const spec = pod.spec;
  return spec?.os?.name === 'windows' || spec?.nodeSelector?.['kubernetes.io/os'] === 'windows';
}

// The built-in administrator account of Windows containers (Windows user names ignore case).
const ADMINISTRATOR = 'containeradministrator';

/**
 * The issues of one container of a Windows pod: a HostProcess container has the node's
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
  if (user !== undefined && user.toLowerCase() === ADMINISTRATOR)
    out.push({ id: 'containers.root', severity: 'medium', what: `runAsUserName ${user}` });
  else if (nonRoot !== true && user === undefined && hostProcess !== true)
    out.push({ id: 'containers.root', severity: 'low', what: 'runAsNonRoot not set' });
  return out;
}
