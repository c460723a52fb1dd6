// Which hostPath volumes are high: a path that is, lies under or contains a directory that hands
// a container the node (kubelet, AKS credentials, runtime state and sockets, /proc), after the
// path is normalised as the node would resolve it.
import { describe, expect, it } from 'vitest';
import { isSensitiveHostPath, normalHostPath } from '../../src/checks/containers/host-paths.js';

describe('isSensitiveHostPath', () => {
  it.each([
    // The runtime's socket directories (and the sockets in them).
    '/run/containerd',
    '/var/run/containerd',
    '/run/docker',
    '/var/run/docker',
    '/run/containerd/containerd.sock',
    '/var/run/docker.sock',
    // Parents of a sensitive directory expose it as much as mounting it directly.
    '/',
    '/var',
    '/var/lib',
    '/run',
    '/var/run',
    '/etc',
    // Under a sensitive directory.
    '/var/lib/kubelet/pods',
    '/etc/kubernetes/azure.json',
    '/var/lib/containerd/io.containerd.snapshotter.v1.overlayfs',
    '/proc/1/root',
    // Spelled oddly: trailing slashes, doubled slashes, dot segments, relative.
    '/var/lib/kubelet/',
    '//var//lib//kubelet',
    '/var/log/../lib/kubelet',
    '/tmp/../',
    'var/lib',
    '/run/',
  ])('%s is sensitive', (path) => {
    expect(isSensitiveHostPath(path)).toBe(true);
  });

  it.each([
    '/var/log',
    '/var/log/pods',
    '/etc/ssl/certs',
    '/etc/hosts',
    '/data',
    '/mnt/disks/ssd0',
    '/var/lib/kubeletx',
    '/run/containerdx',
    '/opt/containerd', // not under /run or /var/lib
    '/var/run/secrets-cache',
  ])('%s is not', (path) => {
    expect(isSensitiveHostPath(path)).toBe(false);
  });

  it.each([
    // A drive's root, any slash style or case: the whole node, as / is on Linux.
    'C:\\',
    'C:/',
    'c:',
    'D:\\',
    'C:\\Windows\\..\\',
    // The runtime's named pipes (its API, as the socket on Linux), and the pipe namespace itself.
    '\\\\.\\pipe\\containerd-containerd',
    '//./pipe/containerd-containerd',
    '\\\\.\\PIPE\\docker_engine',
    '\\\\.\\pipe\\',
    // The kubelet's and containerd's directories, under them, and their parents.
    'C:\\var\\lib\\kubelet',
    'c:/var/lib/kubelet/pods',
    'C:\\VAR',
    'C:\\ProgramData\\containerd\\state',
    'C:\\ProgramData',
    'C:\\k',
    'C:\\K\\config',
    '\\var\\lib\\kubelet',
  ])('Windows %s is sensitive', (path) => {
    expect(isSensitiveHostPath(path)).toBe(true);
  });

  it.each([
    'C:\\logs',
    'C:\\var\\log\\pods',
    'C:\\kube-data',
    'C:\\ProgramData\\containerdx',
    'D:\\k',
    '\\\\.\\pipe\\csi-proxy-filesystem-v1',
    '\\\\server\\share',
  ])('Windows %s is not', (path) => {
    expect(isSensitiveHostPath(path)).toBe(false);
  });

  it('normalises as the node resolves the path lexically', () => {
    expect(normalHostPath('//etc//kubernetes/')).toBe('/etc/kubernetes');
    expect(normalHostPath('/a/b/../../proc')).toBe('/proc');
    expect(normalHostPath('/')).toBe('/');
  });
});
