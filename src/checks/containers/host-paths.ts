import { posix } from 'node:path';

// Which hostPath volumes hand a container the node: the node's root, its configuration and the
// kubelet's and AKS's credentials, the container runtime's state and sockets (control of every
// container on the node), and /proc. A mount is as sensitive when it lies under one of these and
// when it contains one: `/var` or `/` exposes /var/lib/kubelet as much as mounting it directly.

/** Directories whose mount gives a container the node (each also covers what lies under it). */
const SENSITIVE_DIRS = [
  '/etc/kubernetes', // AKS: azure.json (the cluster's Azure credentials) and the kubelet's kubeconfig
  '/var/lib/kubelet', // every pod's volumes, secrets and tokens; the kubelet's PKI
  '/var/lib/containerd', // every container's image and writable layers
  '/var/lib/docker',
  '/run/containerd', // the runtime's socket and state (/var/run is a symlink to /run)
  '/var/run/containerd',
  '/run/docker',
  '/var/run/docker',
  '/run/crio',
  '/var/run/crio',
  '/proc',
];

/**
 * The path as the node resolves it lexically: `//`, `.`, `..` and a trailing `/` removed; a
 * relative path is taken from `/` (the kubelet's working directory), so it is judged, not skipped.
 */
export function normalHostPath(path: string): string {
  const n = posix.normalize(`/${path.trim()}`);
  return n.length > 1 && n.endsWith('/') ? n.slice(0, -1) : n;
}

/** Whether `outer` is `inner` or one of its parents. */
function covers(outer: string, inner: string): boolean {
  return outer === inner || outer === '/' || inner.startsWith(`${outer}/`);
}

/**
 * Whether a hostPath volume at `path` exposes the node: it is, lies under or contains a sensitive
 * directory, is `/etc` itself, or is a socket (`*.sock`). Pure.
 */
export function isSensitiveHostPath(path: string): boolean {
  const p = normalHostPath(path);
  if (p.endsWith('.sock') || p === '/etc') return true;
  return SENSITIVE_DIRS.some((dir) => covers(dir, p) || covers(p, dir));
}
