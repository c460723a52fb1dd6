// A Windows pod mounting the system drive (C:\, the whole node as / is on Linux) or containerd's
// named pipe (\\.\pipe\containerd-containerd, the runtime's API as
// /run/containerd/containerd.sock is on Linux) is containers.host-path high, as those are on Linux.
import { describe, expect, it } from 'vitest';
import { podIssues } from '../../src/checks/containers/container-rules.js';
import type { PodObject } from '../../src/model/pods.js';

function windowsPod(path: string): PodObject {
  return {
    metadata: { name: 'agent', namespace: 'ops' },
    spec: {
      os: { name: 'windows' },
      nodeSelector: { 'kubernetes.io/os': 'windows' },
      securityContext: { runAsNonRoot: true },
      containers: [{ name: 'agent' }],
      volumes: [{ name: 'host', hostPath: { path } }],
    },
  };
}
const hostPathSeverity = (path: string) =>
  podIssues(windowsPod(path))
    .filter((i) => i.id === 'containers.host-path')
    .map((i) => i.severity);

describe('Windows hostPath volumes that hand the container the node', () => {
  // kubernetes.io/docs/concepts/storage/volumes/#hostpath ("Exposing privileged system credentials
  // ... or privileged APIs (such as a container runtime socket), that can be used for container
  // escape"); kubernetes.io/docs/concepts/storage/windows-storage/ (host mounts of named pipes);
  // containerd's default Windows address is the named pipe \\.\pipe\containerd-containerd.
  it('the containerd named pipe is high, like the Linux runtime socket', () => {
    expect(hostPathSeverity('\\\\.\\pipe\\containerd-containerd')).toEqual(['high']);
  });

  it('the whole system drive C:\\ is high, like / on Linux', () => {
    expect(hostPathSeverity('C:\\')).toEqual(['high']);
  });

  it('a data folder on the node stays medium', () => {
    expect(hostPathSeverity('C:\\logs\\agent')).toEqual(['medium']);
  });
});
