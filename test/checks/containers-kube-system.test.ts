// A privileged, host-PID DaemonSet that someone installed into kube-system (no AKS marker: the
// step itself calls it "not deployed by AKS") yields no finding at all: it is only named in the
// step's summary, and the audit passes. The Pod Security Standards exempt no namespace by name
// (https://kubernetes.io/docs/concepts/security/pod-security-standards/: exemptions are an
// admission setting the operator chooses, "Privileged Containers" and "Host Namespaces" are
// baseline controls for every pod). What AKS deploys and changes may be kept apart; a workload the
// operator installed and can fix is the operator's, wherever it runs.
// (Was an it.fails repro: kube-system was exempt by name.)
import { describe, expect, it } from 'vitest';
import { checkContainers } from '../../src/checks/containers/check-containers.js';
import type { PodObject } from '../../src/model/pods.js';

const agent: PodObject = {
  metadata: {
    name: 'log-agent-abcde',
    namespace: 'kube-system',
    labels: { app: 'log-agent' },
    ownerReferences: [{ kind: 'DaemonSet', name: 'log-agent', uid: 'ds-1', controller: true }],
  },
  spec: {
    hostPID: true,
    containers: [{ name: 'agent', securityContext: { privileged: true } }],
  },
};

describe('containers: workloads in kube-system that AKS did not deploy', () => {
  it('reports a privileged DaemonSet installed into kube-system without AKS markers', () => {
    const review = checkContainers({ pods: [agent], intermediates: [], forbidden: [] });
    const w = review.workloads.find((x) => x.workload.name === 'log-agent')!;
    // The step knows it is not AKS's: the fact under test, not the defect.
    expect(w.aksManaged).toBe(false);
    const ids = review.findings
      .filter((f) => f.object?.name === 'log-agent')
      .map((f) => f.id)
      .sort();
    // Root and seccomp are reported too (nothing sets runAsNonRoot or a profile): as anywhere else.
    expect(ids).toEqual([
      'containers.host-namespace',
      'containers.privileged',
      'containers.root',
      'containers.seccomp',
    ]);
  });
});

describe('containers: what AKS deploys in kube-system stays apart', () => {
  it('keeps a pod with AKS markers out of the findings, and reports it as system', () => {
    const proxy: PodObject = {
      metadata: {
        name: 'kube-proxy-x1',
        namespace: 'kube-system',
        labels: { component: 'kube-proxy', 'kubernetes.azure.com/managedby': 'aks' },
        ownerReferences: [{ kind: 'DaemonSet', name: 'kube-proxy', uid: 'ds-2', controller: true }],
      },
      spec: {
        hostNetwork: true,
        containers: [{ name: 'p', securityContext: { privileged: true } }],
      },
    };
    const review = checkContainers({ pods: [proxy, agent], intermediates: [], forbidden: [] });
    expect(review.workloads.find((w) => w.workload.name === 'kube-proxy')?.system).toBe(true);
    expect(review.workloads.find((w) => w.workload.name === 'log-agent')?.system).toBe(false);
    expect(review.findings.filter((f) => f.object?.name === 'kube-proxy')).toEqual([]);
  });
});
