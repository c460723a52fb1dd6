// Each node's lease in kube-node-lease: the kubelet's heartbeat, owned by its Node, which
// `kubectl describe node` reads (holder, renew time). Created with the node, gone with it.
import type { KubeObject } from '../contracts.js';
import { R } from './resources.js';
import type { Store } from './store.js';

const NAMESPACE = 'kube-node-lease';

/** A MicroTime as the API server writes it: RFC 3339 with microseconds. */
export function microTime(ms: number): string {
  return new Date(ms).toISOString().replace(/\.(\d{3})Z$/, '.$1000Z');
}

/** Creates the lease of `node` if it has none (and its namespace exists). */
export function ensureNodeLease(store: Store, node: KubeObject, nowMs: number): void {
  const name = node.metadata.name;
  if (store.get(R.leases, NAMESPACE, name) || !store.get(R.namespaces, undefined, NAMESPACE))
    return;
  store.create(R.leases, {
    apiVersion: 'coordination.k8s.io/v1',
    kind: 'Lease',
    metadata: {
      name,
      namespace: NAMESPACE,
      ownerReferences: [{ apiVersion: 'v1', kind: 'Node', name, uid: node.metadata.uid }],
    },
    spec: { holderIdentity: name, leaseDurationSeconds: 40, renewTime: microTime(nowMs) },
  });
}

/** Removes the lease of a node that is gone. */
export function dropNodeLease(store: Store, name: string): void {
  if (store.get(R.leases, NAMESPACE, name)) store.remove(R.leases, NAMESPACE, name);
}
