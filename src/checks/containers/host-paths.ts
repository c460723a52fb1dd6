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

// Windows nodes (paths case-blind, `\` or `/`): a drive's root is the node as `/` is; the kubelet's
// and containerd's directories (AKS keeps its node files in C:\k); and the runtime's named pipes,
// its API as the socket is on Linux (containerd's default \\.\pipe\containerd-containerd).
const WINDOWS_DIRS = ['/var/lib/kubelet', '/programdata/containerd', '/programdata/docker', '/k'];
const RUNTIME_PIPES = ['containerd', 'docker_engine'];
const PIPES = /^\/\/[.?]\/pipe(?:\/+|$)/;

/**
 * Whether a Windows-spelled path (a drive letter, a `\`, or `\\.\pipe\`) exposes the node, or
 * undefined for a POSIX path.
 */
function sensitiveOnWindows(path: string): boolean | undefined {
  const w = path.trim().replace(/\\/g, '/').toLowerCase();
  if (PIPES.test(w)) {
    const pipe = w.replace(PIPES, '');
    return pipe === '' || RUNTIME_PIPES.some((name) => pipe.startsWith(name));
  }
  const drive = /^([a-z]):(.*)$/.exec(w);
  if (!drive && !path.includes('\\')) return undefined;
  const p = normalHostPath(drive ? drive[2]! : w);
  if (p === '/') return true;
  // Kubelet and containerd live on the system drive; a path without a letter is on it too.
  if (drive && drive[1] !== 'c') return false;
  return WINDOWS_DIRS.some((dir) => covers(dir, p) || covers(p, dir));
}

/**
 * Whether a hostPath volume at `path` exposes the node: it is, lies under or contains a sensitive
 * directory, is `/etc` itself, or is a socket (`*.sock`); on Windows a drive's root, the kubelet's
 * or the runtime's directories, or the runtime's named pipe. Pure.
 */
export function isSensitiveHostPath(path: string): boolean {
  const windows = sensitiveOnWindows(path);
  if (windows !== undefined) return windows;
  const p = normalHostPath(path);
  if (p.endsWith('.sock') || p === '/etc') return true;
  return SENSITIVE_DIRS.some((dir) => covers(dir, p) || covers(p, dir));
}
