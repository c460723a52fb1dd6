/** DELETE: graceful pods, cascading namespaces, immediate everything else. */
import type { KubeObject } from '../contracts.js';
import type { SimRequest, SimResponse } from '../http.js';
import type { KubeContext } from './context.js';
import { type Target, isDryRun, objectBody } from './request.js';
import { R } from './resources.js';
import {
  badRequest,
  notFound,
  preconditionFailed,
  successStatus,
  type ApiError,
} from './status.js';
import type { Propagation } from './garbage-collector.js';
import { text, type ResourceType } from './types.js';
import { afterWrite } from './write-common.js';

interface DeleteOptions {
  grace?: number;
  dryRun: boolean;
  propagation?: Propagation;
  /** `preconditions`: the delete happens only on the object with this uid / resourceVersion. */
  uid?: string;
  resourceVersion?: string;
}

/** DeleteOptions from the query, a JSON body, or kubectl's protobuf body. */
function deleteOptions(req: SimRequest): DeleteOptions {
  let body: Record<string, unknown> | undefined;
  if (req.body.length > 0) {
    try {
      body = objectBody(req);
    } catch {
      body = undefined;
    }
  }
  const q = req.query.get('gracePeriodSeconds');
  const fromBody = body?.['gracePeriodSeconds'];
  const out: DeleteOptions = { dryRun: isDryRun(req, body) };
  if (q !== null) out.grace = Number(q);
  else if (typeof fromBody === 'number') out.grace = fromBody;
  const policy = req.query.get('propagationPolicy') ?? body?.['propagationPolicy'];
  const orphan = req.query.get('orphanDependents') ?? body?.['orphanDependents'];
  if (policy !== undefined && policy !== null) {
    if (policy !== 'Background' && policy !== 'Foreground' && policy !== 'Orphan')
      throw invalidPolicy(text(policy, JSON.stringify(policy)));
    out.propagation = policy;
  } else if (orphan === true || orphan === 'true') {
    out.propagation = 'Orphan';
  }
  const pre = body?.['preconditions'];
  if (pre && typeof pre === 'object') {
    const { uid, resourceVersion } = pre as Record<string, unknown>;
    if (typeof uid === 'string') out.uid = uid;
    if (typeof resourceVersion === 'string') out.resourceVersion = resourceVersion;
  }
  return out;
}

/** The apiserver's Preconditions.Check: a delete of another object than the one named is a 409. */
function checkPreconditions(t: ResourceType, old: KubeObject, opts: DeleteOptions): void {
  const { name, uid, resourceVersion } = old.metadata;
  if (opts.uid !== undefined && opts.uid !== uid)
    throw preconditionFailed(t, name, 'UID', opts.uid, text(uid, ''));
  if (opts.resourceVersion !== undefined && opts.resourceVersion !== resourceVersion)
    throw preconditionFailed(
      t,
      name,
      'ResourceVersion',
      opts.resourceVersion,
      text(resourceVersion, ''),
    );
}

/** DELETE: pods terminate gracefully; namespaces take their content with them; others go at once. */
export function deleteObject(ctx: KubeContext, req: SimRequest, target: Target): SimResponse {
  const { t, name } = target;
  const ns = target.namespace;
  const opts = deleteOptions(req);
  const old = ctx.store.get(t, ns, name!);
  if (!old) throw notFound(t, name!);
  checkPreconditions(t, old, opts);
  if (opts.dryRun)
    return t === R.pods || t === R.namespaces ? { status: 200, body: old } : deletedStatus(t, old);
  if (t === R.pods) {
    const after = ctx.pods.delete(ns ?? '', name!, opts.grace);
    return { status: 200, body: after ?? old };
  }
  if (t === R.namespaces) return deleteNamespace(ctx, old);
  const finalizers = old.metadata['finalizers'];
  if (Array.isArray(finalizers) && finalizers.length > 0) {
    // Finalizers hold the object: it is only marked; the last finalizer's removal deletes it.
    if (old.metadata.deletionTimestamp) return { status: 200, body: old };
    const marked = ctx.store.update(t, {
      ...old,
      metadata: {
        ...old.metadata,
        deletionTimestamp: ctx.clock.iso(),
        deletionGracePeriodSeconds: 0,
      },
    });
    return { status: 200, body: marked };
  }
  if (opts.propagation === 'Foreground')
    return { status: 200, body: ctx.controllers.gc.foreground(t, old, ctx.clock.iso()) };
  if (opts.propagation === 'Orphan') ctx.controllers.gc.orphan(old);
  ctx.store.remove(t, ns, name!);
  if (t === R.nodes) {
    ctx.pods.dropPodsOnNode(name!);
    ctx.pods.ipam.release(name!);
  }
  afterWrite(ctx, t);
  return deletedStatus(t, old);
}

function deletedStatus(t: ResourceType, old: KubeObject): SimResponse {
  return successStatus(200, {
    name: old.metadata.name,
    ...(t.group ? { group: t.group } : {}),
    kind: t.resource,
    uid: old.metadata.uid,
  });
}

function deleteNamespace(ctx: KubeContext, ns: KubeObject): SimResponse {
  const name = ns.metadata.name;
  const marked = ctx.store.update(R.namespaces, {
    ...ns,
    metadata: { ...ns.metadata, deletionTimestamp: ctx.clock.iso() },
    status: { phase: 'Terminating' },
  });
  ctx.clock.after(1000, () => {
    for (const t of [
      R.deployments,
      R.statefulsets,
      R.daemonsets,
      R.replicasets,
      R.pdbs,
      R.networkpolicies,
      R.roles,
      R.rolebindings,
      R.serviceaccounts,
      R.pods,
    ]) {
      for (const o of ctx.store.list(t, name)) ctx.store.remove(t, name, o.metadata.name);
    }
    ctx.store.remove(R.namespaces, undefined, name);
  });
  return { status: 200, body: marked };
}

function invalidPolicy(policy: string): ApiError {
  return badRequest(
    `DeleteOptions.meta.k8s.io "" is invalid: propagationPolicy: Unsupported value: "${policy}": supported values: "Foreground", "Background", "Orphan", "nil"`,
  );
}
