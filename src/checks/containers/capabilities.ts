import type { Severity } from '../../model/finding.js';
import type { ContainerCheckId } from './advice.js';
import type { ContainerSecurity } from '../../model/pods.js';

const CRITICAL_CAPS = new Set(['SYS_ADMIN', 'ALL']);
// Pod Security Standards, baseline: the only capabilities a container may add; restricted allows
// NET_BIND_SERVICE alone. Anything else added (SYS_TIME, MAC_ADMIN, ...) breaks baseline.
const BASELINE_CAPS = new Set([
  'AUDIT_WRITE',
  'CHOWN',
  'DAC_OVERRIDE',
  'FOWNER',
  'FSETID',
  'KILL',
  'MKNOD',
  'NET_BIND_SERVICE',
  'SETFCAP',
  'SETGID',
  'SETPCAP',
  'SETUID',
  'SYS_CHROOT',
]);
const RISKY_CAPS = new Set([
  'NET_ADMIN',
  'NET_RAW',
  'SYS_PTRACE',
  'SYS_MODULE',
  'DAC_READ_SEARCH',
  'BPF',
  'SYS_RAWIO',
  'SYS_BOOT',
]);

/**
 * `cap_sys_admin` → `SYS_ADMIN`: an added name is judged in any case, with or without `CAP_`
 * (containerd upper-cases it; CRI-O also accepts the prefix), so no spelling hides one.
 */
function cap(name: string): string {
  return name.trim().toUpperCase().replace(/^CAP_/, '');
}

/**
 * Whether `drop` really drops every capability. containerd and CRI-O drop all only for the literal
 * `ALL` in any case; `CAP_ALL` becomes an unknown capability and drops nothing, so it is not ALL.
 */
function dropsAll(capabilities: ContainerSecurity['capabilities']): boolean {
  // Compared as containerd does (case folded, nothing trimmed): ' ALL' drops nothing either.
  return (capabilities?.drop ?? []).some((d) => d.toUpperCase() === 'ALL');
}

/** The capabilities a container adds beyond what restricted allows (NET_BIND_SERVICE), named. */
export function addedCapabilities(capabilities: ContainerSecurity['capabilities']): string[] {
  return [...new Set((capabilities?.add ?? []).map(cap))].filter((a) => a !== 'NET_BIND_SERVICE');
}

/**
 * The capability issues of a Linux container that is not privileged (the runtime ignores add and
 * drop for a privileged one): SYS_ADMIN or ALL added is high; a risky one, or any beyond the
 * baseline set, medium; a baseline one other than NET_BIND_SERVICE (restricted allows only that)
 * low; and ALL not dropped, low.
 */
export function capabilityIssues(
  capabilities: ContainerSecurity['capabilities'],
): Array<{ id: ContainerCheckId; severity: Severity; what: string }> {
  const out: Array<{ id: ContainerCheckId; severity: Severity; what: string }> = [];
  const issue = (severity: Severity, what: string) =>
    out.push({ id: 'containers.capabilities', severity, what });
  const added = (capabilities?.add ?? []).map(cap);
  const critical = added.filter((a) => CRITICAL_CAPS.has(a));
  const risky = added.filter(
    (a) => !CRITICAL_CAPS.has(a) && (RISKY_CAPS.has(a) || !BASELINE_CAPS.has(a)),
  );
  const beyondRestricted = added.filter((a) => BASELINE_CAPS.has(a) && a !== 'NET_BIND_SERVICE');
  // The API reference: a container with SYS_ADMIN always may escalate, whatever
  // allowPrivilegeEscalation says; said here, with its cause, rather than as a second finding.
  if (critical.length > 0) issue('high', `adds ${critical.join(', ')} (escalation always allowed)`);
  if (risky.length > 0) issue('medium', `adds ${risky.join(', ')}`);
  if (beyondRestricted.length > 0) issue('low', `adds ${beyondRestricted.join(', ')}`);
  if (!dropsAll(capabilities)) {
    const spelled = (capabilities?.drop ?? []).filter((d) => cap(d) === 'ALL');
    issue(
      'low',
      spelled.length > 0
        ? `does not drop ALL (${spelled.join(', ')} is not ALL to the runtime)`
        : 'does not drop ALL',
    );
  }
  return out;
}
