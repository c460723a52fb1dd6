import { describe, expect, it } from 'vitest';
import { checkContainers } from '../../src/checks/containers/check-containers.js';
import { podIssues } from '../../src/checks/containers/container-rules.js';
import { parse } from 'yaml';
import { patchFileYaml, suggestedPatch } from '../../src/checks/containers/patch.js';
import type { ContainerFacts, PodObject } from '../../src/model/pods.js';

const hardened = {
  privileged: false,
  allowPrivilegeEscalation: false,
  runAsNonRoot: true,
  capabilities: { drop: ['ALL'] },
};

function pod(
  spec: Partial<NonNullable<PodObject['spec']>>,
  meta: PodObject['metadata'] = {},
): PodObject {
  return {
    metadata: { name: 'p', namespace: 'shop', ...meta },
    spec: {
      containers: [{ name: 'app', securityContext: hardened }],
      securityContext: { seccompProfile: { type: 'RuntimeDefault' } },
      ...spec,
    },
  };
}

function ids(p: PodObject): string[] {
  return podIssues(p).map((i) => `${i.id}:${i.severity}:${i.container ?? '-'}`);
}

describe('container rules', () => {
  it('finds nothing on a hardened pod', () => {
    expect(ids(pod({}))).toEqual([]);
  });

  it('a container-level securityContext overrides the pod level (runAsUser, seccomp)', () => {
    const p = pod({
      securityContext: {
        runAsNonRoot: true,
        runAsUser: 1000,
        seccompProfile: { type: 'RuntimeDefault' },
      },
      containers: [
        {
          name: 'app',
          securityContext: {
            ...hardened,
            runAsNonRoot: undefined,
            runAsUser: 0,
            seccompProfile: { type: 'Unconfined' },
          },
        },
      ],
    });
    expect(ids(p)).toEqual(['containers.root:medium:app', 'containers.seccomp:medium:app']);
    // And the pod level applies when the container says nothing.
    const q = pod({
      securityContext: { runAsNonRoot: true },
      containers: [{ name: 'app', securityContext: { ...hardened, runAsNonRoot: undefined } }],
    });
    expect(ids(q)).toEqual(['containers.seccomp:low:app']);
  });

  it('checks init and ephemeral containers too; privileged is one finding, escalation included', () => {
    const p = pod({
      initContainers: [
        { name: 'setup', securityContext: { privileged: true, runAsNonRoot: true } },
      ],
      ephemeralContainers: [
        { name: 'dbg', securityContext: { ...hardened, allowPrivilegeEscalation: true } },
      ],
    });
    // The API reference: allowPrivilegeEscalation is always true for a privileged container, and
    // the runtime gives it every capability whatever add/drop say: the privileged finding says
    // both, rather than two more findings of one cause.
    expect(ids(p)).toEqual([
      'containers.privileged:high:init:setup',
      'containers.privilege-escalation:medium:debug:dbg',
    ]);
  });

  it('host namespaces, hostPath (sensitive paths high), capabilities added or not dropped', () => {
    const p = pod({
      hostPID: true,
      hostNetwork: true,
      volumes: [
        { name: 'sock', hostPath: { path: '/var/run/containerd/containerd.sock' } },
        { name: 'logs', hostPath: { path: '/var/log' } },
      ],
      containers: [
        {
          name: 'app',
          securityContext: {
            ...hardened,
            capabilities: { add: ['CAP_SYS_ADMIN', 'NET_RAW', 'NET_BIND_SERVICE'] },
          },
        },
      ],
    });
    expect(ids(p)).toEqual([
      'containers.host-namespace:high:-',
      'containers.host-path:high:-',
      'containers.host-path:medium:-',
      'containers.capabilities:high:app',
      'containers.capabilities:medium:app',
      'containers.capabilities:low:app',
    ]);
  });

  it('hostPath: a runtime socket directory, or a parent of a sensitive path, is high', () => {
    const p = pod({
      volumes: [
        { name: 'rt', hostPath: { path: '/run/containerd' } },
        { name: 'docker', hostPath: { path: '/var/run/docker/' } },
        { name: 'var', hostPath: { path: '/var' } },
        { name: 'lib', hostPath: { path: '/var//lib' } },
        { name: 'up', hostPath: { path: '/var/log/../lib/kubelet' } },
        { name: 'logs', hostPath: { path: '/var/log' } },
      ],
      containers: [{ name: 'app', securityContext: hardened }],
    });
    expect(ids(p)).toEqual([
      'containers.host-path:high:-',
      'containers.host-path:high:-',
      'containers.host-path:high:-',
      'containers.host-path:high:-',
      'containers.host-path:high:-',
      'containers.host-path:medium:-',
    ]);
  });

  it('AppArmor: the field (pod or container) and the old annotation both count; seccomp annotation too', () => {
    const field = pod({
      securityContext: {
        seccompProfile: { type: 'RuntimeDefault' },
        appArmorProfile: { type: 'Unconfined' },
      },
    });
    expect(ids(field)).toEqual(['containers.apparmor:medium:app']);
    const annotated = pod(
      { securityContext: {} },
      {
        annotations: {
          'container.apparmor.security.beta.kubernetes.io/app': 'unconfined',
          'seccomp.security.alpha.kubernetes.io/pod': 'runtime/default',
        },
      },
    );
    expect(ids(annotated)).toEqual(['containers.apparmor:medium:app']);
  });
});

describe('checks by workload', () => {
  const owned = (
    name: string,
    uid: string,
    owner?: { kind: string; name: string; uid: string },
  ) => ({
    metadata: {
      name,
      namespace: 'shop',
      uid,
      ...(owner ? { ownerReferences: [{ ...owner, controller: true }] } : {}),
    },
  });
  const facts: ContainerFacts = {
    pods: [
      ...['a', 'b', 'c'].map((n) =>
        pod(
          { containers: [{ name: 'web', securityContext: { ...hardened, privileged: true } }] },
          {
            name: `web-${n}`,
            ownerReferences: [{ kind: 'ReplicaSet', name: 'web-5d', uid: 'rs1', controller: true }],
          },
        ),
      ),
      pod(
        {},
        {
          name: 'backup-1-x',
          ownerReferences: [{ kind: 'Job', name: 'backup-1', uid: 'job1', controller: true }],
        },
      ),
      pod({ hostNetwork: true }, { name: 'loner' }),
      pod(
        { hostPID: true },
        {
          name: 'kube-proxy-1',
          namespace: 'kube-system',
          // As AKS deploys it: only what carries AKS's markers is kept apart, not kube-system as such.
          labels: { 'kubernetes.azure.com/managedby': 'aks' },
          ownerReferences: [
            { kind: 'DaemonSet', name: 'kube-proxy', uid: 'ds1', controller: true },
          ],
        },
      ),
      pod({ hostNetwork: true }, { name: 'fake', namespace: 'calico-system' }),
    ],
    intermediates: [
      owned('web-5d', 'rs1', { kind: 'Deployment', name: 'web', uid: 'd1' }),
      owned('backup-1', 'job1', { kind: 'CronJob', name: 'backup', uid: 'cj1' }),
    ],
    forbidden: [],
  };

  it('groups pods up the owner chain and reports once per workload', () => {
    const review = checkContainers(facts);
    expect(
      review.workloads.map(
        (w) => `${w.workload.kind}/${w.workload.name}:${w.workload.pods.length}`,
      ),
    ).toEqual([
      'Pod/fake:1',
      'DaemonSet/kube-proxy:1',
      'CronJob/backup:1',
      'Deployment/web:3',
      'Pod/loner:1',
    ]);
    expect(review.findings.map((f) => `${f.id}@${f.object?.kind}/${f.object?.name}`)).toEqual([
      'containers.host-namespace@Pod/fake',
      'containers.privileged@Deployment/web',
      'containers.host-namespace@Pod/loner',
    ]);
  });

  it('keeps AKS-marked kube-system workloads apart, but not a look-alike AKS namespace without the AKS label', () => {
    const review = checkContainers(facts);
    expect(review.workloads.find((w) => w.workload.name === 'kube-proxy')?.system).toBe(true);
    expect(review.workloads.find((w) => w.workload.name === 'fake')?.system).toBe(false);
    const marked = checkContainers({
      ...facts,
      pods: [
        pod(
          { hostNetwork: true },
          {
            name: 'real',
            namespace: 'calico-system',
            labels: { 'kubernetes.azure.com/managedby': 'aks' },
          },
        ),
      ],
    });
    expect(marked.workloads[0]?.system).toBe(true);
    expect(marked.findings).toEqual([]);
  });

  // kube-system is no exemption by itself (the Pod Security Standards exempt no namespace by
  // name): kured or a Helm chart installed there is the operator's and is reported as such.
  it('calls AKS-managed, and keeps apart, only what carries AKS markers: not kured installed into kube-system', () => {
    const inSystem = (name: string, labels: Record<string, string>) =>
      pod(
        { hostPID: true },
        {
          name: `${name}-1`,
          namespace: 'kube-system',
          labels,
          ownerReferences: [{ kind: 'DaemonSet', name, uid: name, controller: true }],
        },
      );
    const review = checkContainers({
      pods: [
        inSystem('kured', { name: 'kured' }),
        inSystem('cloud-node-manager', { 'kubernetes.azure.com/managedby': 'aks' }),
        inSystem('azure-ip-masq-agent', { 'addonmanager.kubernetes.io/mode': 'Reconcile' }),
        inSystem('look-alike', { 'kubernetes.azure.com/managedby': 'helm' }),
      ],
      intermediates: [],
      forbidden: [],
    });
    const managed = Object.fromEntries(
      review.workloads.map((w) => [w.workload.name, [w.system, w.aksManaged]]),
    );
    expect(managed).toEqual({
      'azure-ip-masq-agent': [true, true],
      'cloud-node-manager': [true, true],
      kured: [false, false],
      'look-alike': [false, false],
    });
  });

  it('a refused pod list is a finding, not a pass', () => {
    const findings = checkContainers({ pods: [], intermediates: [], forbidden: ['pods'] }).findings;
    expect(findings.map((f) => f.id)).toEqual(['containers.forbidden']);
    expect(findings[0]?.message).toMatch(/forbidden/);
  });

  it('suggests a securityContext patch per workload', () => {
    const web = checkContainers(facts).workloads.find((w) => w.workload.name === 'web')!;
    expect(suggestedPatch(web)).toEqual([
      'Deployment shop/web (spec.template.spec):',
      '  containers:',
      '    - name: web',
      '      securityContext:',
      '        privileged: false',
      '        allowPrivilegeEscalation: false',
      '        capabilities:',
      '          drop:',
      '            - ALL',
    ]);
  });

  it('exports patches shaped like each workload (CronJob: jobTemplate), hostPath as a comment', () => {
    const review = checkContainers({
      intermediates: [
        {
          metadata: {
            name: 'nightly-1',
            namespace: 'shop',
            uid: 'job-1',
            ownerReferences: [{ kind: 'CronJob', name: 'nightly', uid: 'cj', controller: true }],
          },
        },
      ],
      forbidden: [],
      pods: [
        pod(
          {
            containers: [{ name: 'task', securityContext: { ...hardened, privileged: true } }],
            volumes: [{ name: 'host', hostPath: { path: '/var/log' } }],
          },
          {
            name: 'nightly-1-abc',
            ownerReferences: [{ kind: 'Job', name: 'nightly-1', uid: 'job-1', controller: true }],
          },
        ),
      ],
    });
    const yaml = patchFileYaml(review.workloads, 'aks-test');
    expect(yaml).toContain('# Suggested securityContext patches for cluster aks-test');
    const doc = parse(yaml.split('\n---\n')[1]!) as Record<string, unknown>;
    expect(doc).toEqual({
      metadata: { name: 'nightly', namespace: 'shop' },
      spec: {
        jobTemplate: {
          spec: {
            template: {
              spec: {
                containers: [
                  {
                    name: 'task',
                    securityContext: {
                      privileged: false,
                      allowPrivilegeEscalation: false,
                      capabilities: { drop: ['ALL'] },
                    },
                  },
                ],
              },
            },
          },
        },
      },
    });
    expect(yaml).toMatch(/# also: remove hostPath .*\/var\/log/);
    expect(yaml).toContain('kubectl patch cronjob/nightly -n shop --type strategic');
  });
});
