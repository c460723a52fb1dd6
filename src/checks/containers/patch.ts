import type { WorkloadReview } from './check-containers.js';
import { DECLARE_WINDOWS } from './pod-os.js';
import { blockYaml } from './plain-yaml.js';
import { annotationProfile, apparmorKey, SECCOMP_POD_KEY, seccompKey } from './pod-containers.js';
import { kubeYaml } from '../../model/kube-yaml.js';

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

// The securityContext fields the API server refuses on a pod that says `os.name: windows`.
const LINUX_ONLY = [
  'privileged',
  'allowPrivilegeEscalation',
  'capabilities',
  'runAsUser',
  'runAsGroup',
  'seccompProfile',
  'appArmorProfile',
  'seLinuxOptions',
  'procMount',
];

/** The pod-template fields that would clear a workload's issues, and what fields cannot fix. */
interface TemplatePatch {
  /** `securityContext`, `containers`, `initContainers` of the pod template; empty when none. */
  template: Fields;
  /** Comments for what is not a securityContext field (host namespaces, hostPath). */
  notes: string[];
  /** Old seccomp/AppArmor annotations to delete (null) beside the fields set in their place. */
  annotations: Record<string, null>;
}

/** Whether container `name` of any of the workload's pods sets its own runAsNonRoot: false. */
function containerRunAsNonRootFalse(review: WorkloadReview, name: string): boolean {
  return review.workload.pods.some((p) =>
    [...(p.spec?.containers ?? []), ...(p.spec?.initContainers ?? [])].some(
      (k) => k.name === name && k.securityContext?.runAsNonRoot === false,
    ),
  );
}

/**
 * The securityContext fields that would clear a workload's issues. Ephemeral containers cannot be
 * patched and are left out; host namespaces and hostPath need a redesign, so they get a note.
 */
function templatePatch(review: WorkloadReview): TemplatePatch {
  const pod: Fields = {};
  const containers = new Map<string, Fields>();
  const notes: string[] = [];
  // Added capabilities by container: a merge patch keeps capabilities.add as stored (and the
  // runtime adds them back after dropping ALL), so a person must take them out.
  const adds = new Map<string, Set<string>>();
  const removeAdds = (c: string | undefined, names: string | undefined) => {
    if (!c || !names) return;
    const set = adds.get(c) ?? new Set<string>();
    for (const name of names.split(', ')) set.add(name);
    adds.set(c, set);
  };
  // A pod on Windows nodes without spec.os.name: declaring the OS is the fix for its Linux-only
  // issues (the standards waive them then), and the API then refuses the Linux fields.
  let declareWindows = false;
  const podConfined = review.workload.pods.every((p) => {
    const type =
      p.spec?.securityContext?.seccompProfile?.type ??
      annotationProfile(p.metadata?.annotations?.[SECCOMP_POD_KEY]);
    return type === 'RuntimeDefault' || type === 'Localhost';
  });
  for (const issue of review.issues) {
    const c = issue.container;
    if (c?.startsWith('debug:')) continue;
    if (issue.what.includes(DECLARE_WINDOWS)) {
      declareWindows = true;
      continue;
    }
    const sc = c ? (containers.get(c) ?? {}) : {};
    switch (issue.id) {
      case 'containers.privileged':
        // A Windows HostProcess container has no Linux fields to set (the API refuses them).
        if (issue.what.startsWith('HostProcess')) {
          notes.push(
            '# also: remove windowsOptions.hostProcess (and hostNetwork) unless it is a node agent',
          );
          break;
        }
        sc['privileged'] = false;
        sc['allowPrivilegeEscalation'] = false;
        sc['capabilities'] = { drop: ['ALL'] };
        removeAdds(c, issue.what.split('; also adds ')[1]);
        break;
      case 'containers.privilege-escalation':
        sc['allowPrivilegeEscalation'] = false;
        break;
      case 'containers.capabilities':
        sc['capabilities'] = { drop: ['ALL'] };
        removeAdds(c, /^adds (.+?)(?: \(escalation always allowed\))?$/.exec(issue.what)?.[1]);
        break;
      case 'containers.root':
        pod['runAsNonRoot'] = true;
        // A container's own false beats the pod's true: it is set on the container as well.
        // Keyed on the field, not the issue's words: 'runAsUser 0' may come with it too.
        if (c && containerRunAsNonRootFalse(review, c)) sc['runAsNonRoot'] = true;
        if (issue.what.includes('runAsUser 0')) (c ? sc : pod)['runAsUser'] = 10001;
        if (issue.what.startsWith('runAsUserName'))
          sc['windowsOptions'] = { runAsUserName: 'ContainerUser' };
        break;
      case 'containers.seccomp':
        // A pod-level RuntimeDefault or Localhost already confines the containers that inherit
        // it: it is kept (a Localhost profile may be stricter than RuntimeDefault).
        if (!podConfined) pod['seccompProfile'] = { type: 'RuntimeDefault' };
        // A container's own Unconfined beats the pod's field: it is set on the container too.
        if (c && issue.what === 'seccomp Unconfined')
          sc['seccompProfile'] = { type: 'RuntimeDefault' };
        break;
      case 'containers.apparmor':
        (c ? sc : pod)['appArmorProfile'] = { type: 'RuntimeDefault' };
        break;
      case 'containers.proc-mount':
        sc['procMount'] = 'Default';
        break;
      case 'containers.selinux':
        notes.push(`# also: remove the custom ${issue.what} (seLinuxOptions user/role/type)`);
        break;
      case 'containers.volume-type':
        notes.push(`# also: mount ${issue.what} through a PersistentVolumeClaim instead`);
        break;
      case 'containers.host-namespace':
      case 'containers.host-path':
      case 'containers.host-port':
      case 'containers.probe-host':
      case 'containers.sysctls':
        notes.push(`# also: remove ${issue.what} (not a securityContext field)`);
        break;
    }
    if (c && Object.keys(sc).length > 0) containers.set(c, sc);
  }
  for (const [c, names] of adds)
    notes.push(`# also: remove from ${c}'s capabilities.add: ${[...names].join(', ')}`);
  const template: Fields = {};
  if (declareWindows) {
    for (const fields of [pod, ...containers.values()])
      for (const key of LINUX_ONLY) delete fields[key];
    for (const [label, fields] of containers)
      if (Object.keys(fields).length === 0) containers.delete(label);
    template['os'] = { name: 'windows' };
    notes.push(
      '# also: remove the Linux-only securityContext fields (seccompProfile, capabilities, runAsUser, ...): the API refuses them with os.name windows',
    );
  }
  const annotations = staleAnnotations(review, pod, containers);
  if (Object.keys(pod).length > 0) template['securityContext'] = pod;
  const list = (prefix: string) =>
    [...containers]
      .filter(([label]) => (prefix ? label.startsWith(prefix) : !label.includes(':')))
      .map(([label, securityContext]) => ({ name: label.slice(prefix.length), securityContext }));
  if (list('').length > 0) template['containers'] = list('');
  if (list('init:').length > 0) template['initContainers'] = list('init:');
  return { template, notes: [...new Set(notes)], annotations };
}

/**
 * The workload's old seccomp and AppArmor annotations at the levels whose field the patch sets:
 * the API server refuses a pod whose annotation and field of one level disagree, so a field set
 * beside a stale `unconfined` annotation would leave the workload unable to make pods.
 */
function staleAnnotations(
  review: WorkloadReview,
  pod: Fields,
  containers: ReadonlyMap<string, Fields>,
): Record<string, null> {
  const keys: string[] = [];
  if (pod['seccompProfile']) keys.push(SECCOMP_POD_KEY);
  for (const [label, fields] of containers) {
    // Init containers have annotations of the same form, keyed by their own name.
    const name = label.replace(/^init:/, '');
    if (fields['seccompProfile']) keys.push(seccompKey(name));
    if (fields['appArmorProfile']) keys.push(apparmorKey(name));
  }
  const present = new Set(
    review.workload.pods.flatMap((p) => Object.keys(p.metadata?.annotations ?? {})),
  );
  return Object.fromEntries(keys.filter((k) => present.has(k)).map((k) => [k, null]));
}

/**
 * The suggested securityContext of a workload as YAML lines to paste under its pod template (not
 * applied: the operator tests it with the application first). `bodies`, shared between calls,
 * keeps the YAML of each distinct template: replicas of one chart suggest the same fields, and
 * writing YAML costs far more than telling two templates apart.
 */
export function suggestedPatch(
  review: WorkloadReview,
  bodies: Map<string, string[]> = new Map(),
): string[] {
  const { workload, issues } = review;
  if (issues.length === 0) return [];
  const { template, notes, annotations } = templatePatch(review);
  const where = TEMPLATE_PATH[workload.kind] ?? 'spec.template.spec';
  const header = `${workload.kind} ${workload.namespace}/${workload.name} (${where}):`;
  const stale = Object.keys(annotations).map(
    (key) =>
      `# also: remove the annotation ${key} from ${metadataPath(workload.kind)} (the API server refuses a pod whose annotation and field disagree)`,
  );
  return [header, ...yamlLines(template, bodies), ...[...notes, ...stale].map((n) => `  ${n}`)];
}

/** Where the pod template's metadata sits in each workload kind (`metadata` for a bare Pod). */
function metadataPath(kind: string): string {
  return (TEMPLATE_PATH[kind] ?? 'spec.template.spec').replace(/(^|\.)spec$/, '$1metadata');
}

/** Two nested objects as one (maps merged key by key). */
function mergeFields(a: Fields, b: Fields): Fields {
  const out: Fields = { ...a };
  for (const [key, value] of Object.entries(b)) {
    const mine = out[key];
    out[key] =
      mine && typeof mine === 'object' && value && typeof value === 'object'
        ? mergeFields(mine as Fields, value as Fields)
        : value;
  }
  return out;
}

/** The template as indented YAML lines (none when empty), from `bodies` when written before. */
function yamlLines(template: Fields, bodies: Map<string, string[]>): string[] {
  if (Object.keys(template).length === 0) return [];
  // Same JSON (same keys in the same order), same YAML.
  const key = JSON.stringify(template);
  let lines = bodies.get(key);
  if (!lines) {
    lines = blockYaml(template)
      .trimEnd()
      .split('\n')
      .map((l) => `  ${l}`);
    bodies.set(key, lines);
  }
  return lines;
}

/**
 * The suggested patches of workloads as one YAML file for review or GitOps: one document per
 * workload, each a strategic merge patch of the workload (containers merge by name), headed by
 * comments naming the workload, what cannot be patched, and how to apply it by hand. Pure.
 */
export function patchFileYaml(reviews: readonly WorkloadReview[], cluster: string): string {
  const documents = reviews
    .filter((r) => r.issues.length > 0)
    .map((review) => {
      const { workload } = review;
      const { template, notes, annotations } = templatePatch(review);
      const nest = (path: string, inner: Fields): Fields =>
        path.split('.').reduceRight<Fields>((acc, key) => ({ [key]: acc }), inner);
      const templatePath = TEMPLATE_PATH[workload.kind] ?? 'spec.template.spec';
      // The old annotations go in the same patch (null deletes them), beside the pod template
      // spec, or on the pod itself for a bare Pod.
      const stale = Object.keys(annotations).length > 0 ? { annotations } : {};
      const patch =
        workload.kind === 'Pod'
          ? {
              metadata: { name: workload.name, namespace: workload.namespace, ...stale },
              ...nest(templatePath, template),
            }
          : {
              // Names the workload in the document itself; the same values patch as a no-op.
              metadata: { name: workload.name, namespace: workload.namespace },
              ...mergeFields(
                nest(templatePath, template),
                Object.keys(stale).length > 0 ? nest(metadataPath(workload.kind), stale) : {},
              ),
            };
      const ref = `${workload.kind.toLowerCase()}/${workload.name} -n ${workload.namespace}`;
      return [
        `# ${workload.kind} ${workload.namespace}/${workload.name}`,
        `# Apply by hand after testing: kubectl patch ${ref} --type strategic --patch-file <this document>`,
        ...notes,
        ...(Object.keys(template).length > 0 ? kubeYaml(patch).trimEnd().split('\n') : ['{}']),
      ].join('\n');
    });
  const head = [
    `# Suggested securityContext patches for cluster ${cluster}, written by aks-runbook.`,
    '# Nothing here was applied. Test each change with its application before rolling it out.',
  ].join('\n');
  return `${head}\n${documents.map((d) => `---\n${d}`).join('\n')}\n`;
}
