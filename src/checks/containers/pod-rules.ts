import type { Severity } from '../../model/finding.js';
import type { ContainerCheckId } from './advice.js';
import type { PodObject, SELinuxOptions } from '../../model/pods.js';
import { isSensitiveHostPath } from './host-paths.js';

/** One problem found on the pod as a whole or one container, before it is named. */
export interface RuleIssue {
  id: ContainerCheckId;
  severity: Severity;
  what: string;
}

// Pod Security Standards, baseline: the sysctls a pod may set (the kubelet's safe set, as of
// Kubernetes 1.32: the keepalive/fin_timeout ones since 1.29, tcp_rmem/tcp_wmem since 1.32).
const SAFE_SYSCTLS = new Set([
  'kernel.shm_rmid_forced',
  'net.ipv4.ip_local_port_range',
  'net.ipv4.ip_unprivileged_port_start',
  'net.ipv4.tcp_syncookies',
  'net.ipv4.ping_group_range',
  'net.ipv4.ip_local_reserved_ports',
  'net.ipv4.tcp_keepalive_time',
  'net.ipv4.tcp_fin_timeout',
  'net.ipv4.tcp_keepalive_intvl',
  'net.ipv4.tcp_keepalive_probes',
  'net.ipv4.tcp_rmem',
  'net.ipv4.tcp_wmem',
]);

/** `net/ipv4/tcp_syncookies` → `net.ipv4.tcp_syncookies`: the kubelet reads both spellings. */
function sysctlName(name: string): string {
  const n = name.trim();
  const slash = n.indexOf('/');
  const dot = n.indexOf('.');
  if (slash === -1 || (dot !== -1 && dot < slash)) return n;
  // The slash form swaps the roles of `/` and `.` (a `.` in it belongs to a name part).
  return n.replace(/[./]/g, (c) => (c === '/' ? '.' : '/'));
}

// Pod Security Standards, baseline: the SELinux types a pod or container may ask for (unset means
// the runtime's own container type); `user` and `role` must stay unset. `level` is free.
const CONTAINER_SELINUX_TYPES = new Set([
  '',
  'container_t',
  'container_init_t',
  'container_kvm_t',
  'container_engine_t',
]);

/** What is custom in an SELinux label (type outside the container types, any user or role). */
export function seLinuxIssue(options: SELinuxOptions | undefined): string | undefined {
  if (!options) return undefined;
  const custom = [
    ...(CONTAINER_SELINUX_TYPES.has(options.type ?? '') ? [] : [`type ${options.type}`]),
    ...(options.user ? [`user ${options.user}`] : []),
    ...(options.role ? [`role ${options.role}`] : []),
  ];
  return custom.length > 0 ? `SELinux ${custom.join(', ')}` : undefined;
}

/**
 * The issues of the pod's own fields: host namespaces, hostPath volumes, sysctls outside the safe
 * set and a custom pod-level SELinux label (Linux only: the API refuses the last two on Windows).
 */
export function podLevelIssues(pod: PodObject, windows: boolean): RuleIssue[] {
  const spec = pod.spec;
  if (!spec) return [];
  const out: RuleIssue[] = [];
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
  if (windows) return out;
  const podSc = spec.securityContext ?? {};
  const unsafe = (podSc.sysctls ?? [])
    .map((s) => s.name)
    .filter((name) => !SAFE_SYSCTLS.has(sysctlName(name)));
  if (unsafe.length > 0)
    out.push({ id: 'containers.sysctls', severity: 'medium', what: `sysctl ${unsafe.join(', ')}` });
  const selinux = seLinuxIssue(podSc.seLinuxOptions);
  if (selinux) out.push({ id: 'containers.selinux', severity: 'medium', what: `pod ${selinux}` });
  return out;
}
