// Pod templates of workloads without pods: a pod template is what the controller's next pod runs
// (https://kubernetes.io/docs/concepts/workloads/pods/#pod-templates), so a Deployment scaled to
// 0 or a suspended CronJob is judged by it, under the pod rules' ids and severities. Pure, with
// hand-written facts.
import { describe, expect, it } from 'vitest';
import { checkContainers } from '../../src/checks/containers/check-containers.js';
import { isHoleFinding } from '../../src/report/hole-findings.js';
import type {
  ContainerFacts,
  ControllerObject,
  OwnedObject,
  PodObject,
  PodTemplate,
} from '../../src/model/pods.js';

const hardened = {
  privileged: false,
  allowPrivilegeEscalation: false,
  runAsNonRoot: true,
  capabilities: { drop: ['ALL'] },
};

/** A pod template whose one container is hardened but for `security`. */
function template(
  security: Record<string, unknown> = {},
  spec: Partial<NonNullable<PodTemplate['spec']>> = {},
): PodTemplate {
  return {
    metadata: { labels: { app: 'web' } },
    spec: {
      securityContext: { seccompProfile: { type: 'RuntimeDefault' } },
      containers: [
        { name: 'app', image: 'busybox', securityContext: { ...hardened, ...security } },
      ],
      ...spec,
    } as NonNullable<PodTemplate['spec']>,
  };
}

const PRIVILEGED = template({ privileged: true });

function deployment(name: string, replicas: number, t: PodTemplate = PRIVILEGED): ControllerObject {
  return {
    kind: 'Deployment',
    metadata: { namespace: 'apps', name, uid: `uid-${name}` },
    spec: { replicas, template: t },
  };
}

function facts(
  controllers: ControllerObject[],
  pods: PodObject[] = [],
  intermediates: OwnedObject[] = [],
): ContainerFacts {
  return { pods, intermediates, controllers, forbidden: [] };
}

describe('pod templates of workloads without pods', () => {
  it('reports a Deployment scaled to 0 with a privileged template, named as the workload', () => {
    const review = checkContainers(facts([deployment('web', 0)]));
    expect(review.findings).toHaveLength(1);
    const [f] = review.findings;
    expect(f).toMatchObject({
      id: 'containers.privileged',
      severity: 'high',
      object: { kind: 'Deployment', namespace: 'apps', name: 'web' },
      subject: 'Deployment apps/web (template, 0 replicas)',
    });
    expect(f!.message).toContain('app privileged');
    expect(f!.message).toContain('pod template');
    expect(review.workloads[0]?.workload.template).toBe('0 replicas');
  });

  it('gives the same ids and severities as a pod made from the same template', () => {
    const t = template(
      { allowPrivilegeEscalation: true, runAsNonRoot: undefined, runAsUser: 0 },
      { hostNetwork: true, volumes: [{ name: 'root', hostPath: { path: '/' } }] },
    );
    const fromTemplate = checkContainers(facts([deployment('web', 0, t)])).findings;
    const pod: PodObject = {
      metadata: { namespace: 'apps', name: 'web-1', ...t.metadata },
      spec: t.spec!,
    };
    const fromPod = checkContainers(facts([], [pod])).findings;
    expect(fromPod.length).toBeGreaterThan(2);
    expect(fromTemplate.map((f) => [f.id, f.severity])).toEqual(
      fromPod.map((f) => [f.id, f.severity]),
    );
  });

  it('reports a suspended CronJob by its Job template', () => {
    const cron: ControllerObject = {
      kind: 'CronJob',
      metadata: { namespace: 'ops', name: 'backup', uid: 'cj' },
      spec: {
        suspend: true,
        jobTemplate: {
          spec: {
            template: template({}, { volumes: [{ name: 'h', hostPath: { path: '/etc' } }] }),
          },
        },
      },
    };
    const { findings } = checkContainers(facts([cron]));
    expect(findings.map((f) => f.id)).toEqual(['containers.host-path']);
    expect(findings[0]).toMatchObject({
      object: { kind: 'CronJob', namespace: 'ops', name: 'backup' },
      subject: 'CronJob ops/backup (template, suspended)',
    });
  });

  it('does not report a Deployment twice when its pods are there: the pods speak for it', () => {
    const rs: OwnedObject = {
      metadata: {
        uid: 'rs-1',
        ownerReferences: [{ kind: 'Deployment', name: 'web', uid: 'uid-web', controller: true }],
      },
    };
    const pod: PodObject = {
      metadata: {
        namespace: 'apps',
        name: 'web-5d9c-x',
        ownerReferences: [{ kind: 'ReplicaSet', name: 'web-5d9c', uid: 'rs-1', controller: true }],
      },
      spec: PRIVILEGED.spec!,
    };
    const { findings, workloads } = checkContainers(facts([deployment('web', 2)], [pod], [rs]));
    expect(findings.map((f) => f.id)).toEqual(['containers.privileged']);
    expect(findings[0]?.subject).toBeUndefined();
    expect(workloads).toHaveLength(1);
    expect(workloads[0]?.workload.template).toBeUndefined();
  });

  it('does not judge a finished Job, nor a ReplicaSet or Job that has an owner', () => {
    const done: ControllerObject = {
      kind: 'Job',
      metadata: { namespace: 'ops', name: 'migrate', uid: 'j1' },
      spec: { template: PRIVILEGED },
      status: { conditions: [{ type: 'Complete', status: 'True' }] },
    };
    const failed: ControllerObject = {
      ...done,
      metadata: { namespace: 'ops', name: 'broken', uid: 'j2' },
      status: { conditions: [{ type: 'Failed', status: 'True' }] },
    };
    const ownedJob: ControllerObject = {
      kind: 'Job',
      metadata: {
        namespace: 'ops',
        name: 'backup-123',
        uid: 'j3',
        ownerReferences: [{ kind: 'CronJob', name: 'backup', uid: 'cj', controller: true }],
      },
      spec: { template: PRIVILEGED },
    };
    const oldReplicaSet: ControllerObject = {
      kind: 'ReplicaSet',
      metadata: {
        namespace: 'apps',
        name: 'web-old',
        uid: 'rs',
        ownerReferences: [{ kind: 'Deployment', name: 'web', uid: 'd', controller: true }],
      },
      spec: { replicas: 0, template: PRIVILEGED },
    };
    expect(checkContainers(facts([done, failed, ownedJob, oldReplicaSet])).findings).toEqual([]);
  });

  it('judges a Job that has not finished and a ReplicaSet no one owns', () => {
    const running: ControllerObject = {
      kind: 'Job',
      metadata: { namespace: 'ops', name: 'migrate', uid: 'j1' },
      spec: { template: PRIVILEGED },
      status: { conditions: [{ type: 'Complete', status: 'False' }] },
    };
    const bare: ControllerObject = {
      kind: 'ReplicaSet',
      metadata: { namespace: 'apps', name: 'bare', uid: 'rs' },
      spec: { replicas: 0, template: PRIVILEGED },
    };
    const subjects = checkContainers(facts([running, bare])).findings.map((f) => f.subject);
    expect(subjects).toEqual([
      'ReplicaSet apps/bare (template, 0 replicas)',
      'Job ops/migrate (template, no pods now)',
    ]);
  });

  it('says why a DaemonSet has no pod when no node matches it', () => {
    const ds: ControllerObject = {
      kind: 'DaemonSet',
      metadata: { namespace: 'mon', name: 'agent', uid: 'ds' },
      spec: { template: template({}, { hostPID: true }) },
      status: { desiredNumberScheduled: 0 },
    };
    const { findings } = checkContainers(facts([ds]));
    expect(findings.map((f) => [f.id, f.subject])).toEqual([
      ['containers.host-namespace', 'DaemonSet mon/agent (template, no node matches)'],
    ]);
  });

  it('keeps an AKS-managed template in kube-system apart, as its pods would be', () => {
    const addon = deployment('addon', 0, {
      ...PRIVILEGED,
      metadata: { labels: { 'kubernetes.azure.com/managedby': 'aks' } },
    });
    addon.metadata!.namespace = 'kube-system';
    const review = checkContainers(facts([addon]));
    expect(review.findings).toEqual([]);
    expect(review.workloads[0]).toMatchObject({ system: true, aksManaged: true });
  });

  it('a hardened template gives nothing, and a refused workload list is a hole', () => {
    const review = checkContainers({
      ...facts([deployment('web', 0, template())]),
      forbidden: ['cronjobs'],
    });
    expect(review.findings.map((f) => f.id)).toEqual(['containers.forbidden']);
    expect(isHoleFinding(review.findings[0]!)).toBe(true);
    expect(review.findings[0]?.message).toContain('cronjobs');
  });
});
