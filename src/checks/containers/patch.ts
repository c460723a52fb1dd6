import { stringify } from 'yaml';
import type { WorkloadReview } from './check-containers.js';

/** Where the pod template sits in each workload kind. */
const TEMPLATE_PATH: Record<string, string> = {
  Deployment: 'spec.template.spec',
  StatefulSet: 'spec.template.spec',
  DaemonSet: 'spec.template.spec',
  ReplicaSet: 'spec.template.spec',
  Job: 'spec.template.spec',
  CronJob: 'spec.jobTemplate.spec.template.spec',
  Pod: 'spec',
};

type Fields = Record<string, unknown>;

/**
 * The securityContext fields that would clear a workload's issues, as YAML lines to paste under
 * its pod template (not applied: the operator tests it with the application first). Ephemeral
 * containers cannot be patched and are left out; host namespaces and hostPath need a redesign,
 * so they get a comment instead of a field.
 */
export function suggestedPatch(review: WorkloadReview): string[] {
  const { workload, issues } = review;
  if (issues.length === 0) return [];
  const pod: Fields = {};
  const containers = new Map<string, Fields>();
  const notes: string[] = [];
  for (const issue of issues) {
    const c = issue.container;
    if (c?.startsWith('debug:')) continue;
    const sc = c ? (containers.get(c) ?? {}) : {};
    switch (issue.id) {
      case 'containers.privileged':
        sc['privileged'] = false;
        sc['allowPrivilegeEscalation'] = false;
        sc['capabilities'] = { drop: ['ALL'] };
        break;
      case 'containers.privilege-escalation':
        sc['allowPrivilegeEscalation'] = false;
        break;
      case 'containers.capabilities':
        sc['capabilities'] = { drop: ['ALL'] };
        break;
      case 'containers.root':
        pod['runAsNonRoot'] = true;
        if (issue.what.includes('runAsUser 0')) sc['runAsUser'] = 10001;
        break;
      case 'containers.seccomp':
        pod['seccompProfile'] = { type: 'RuntimeDefault' };
        break;
      case 'containers.apparmor':
        sc['appArmorProfile'] = { type: 'RuntimeDefault' };
        break;
      case 'containers.host-namespace':
      case 'containers.host-path':
        notes.push(`# also: remove ${issue.what} (not a securityContext field)`);
        break;
    }
    if (c && Object.keys(sc).length > 0) containers.set(c, sc);
  }
  const template: Fields = {};
  if (Object.keys(pod).length > 0) template['securityContext'] = pod;
  const list = (prefix: string) =>
    [...containers]
      .filter(([label]) => (prefix ? label.startsWith(prefix) : !label.includes(':')))
      .map(([label, securityContext]) => ({ name: label.slice(prefix.length), securityContext }));
  if (list('').length > 0) template['containers'] = list('');
  if (list('init:').length > 0) template['initContainers'] = list('init:');
  const where = TEMPLATE_PATH[workload.kind] ?? 'spec.template.spec';
  const header = `${workload.kind} ${workload.namespace}/${workload.name} (${where}):`;
  const body =
    Object.keys(template).length > 0
      ? stringify(template, { flow: false }).trimEnd().split('\n')
      : [];
  return [header, ...body.map((l) => `  ${l}`), ...[...new Set(notes)].map((n) => `  ${n}`)];
}
