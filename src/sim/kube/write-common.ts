/** Helpers every write shares: namespace checks, body to object, dry-run answers. */
import { randomUUID } from 'node:crypto';
import type { KubeObject } from '../contracts.js';
import { kubeStatus } from '../server.js';
import { aggregateClusterRoles } from './aggregation.js';
import type { KubeContext } from './context.js';
import { randomSuffix } from './workloads.js';
import { type Target } from './request.js';
import { R } from './resources.js';
import { ApiError, badRequest, notFound } from './status.js';
import { type ResourceType, apiVersionOf, isRecord, text, withoutNulls } from './types.js';

/** Throws 404 if a namespaced write targets a missing namespace, 403 if it is terminating. */
export function checkNamespace(
  ctx: KubeContext,
  t: ResourceType,
  ns: string | undefined,
  name: string,
): void {
  if (!t.namespaced || !ns) return;
  const nsObj = ctx.store.get(R.namespaces, undefined, ns);
  if (!nsObj) throw notFound(R.namespaces, ns);
  if (nsObj.metadata.deletionTimestamp) {
    const qualified = t.group ? `${t.resource}.${t.group}` : t.resource;
    throw new ApiError(
      kubeStatus(
        403,
        'Forbidden',
        `${qualified} "${name}" is forbidden: unable to create new content in namespace ${ns} because it is being terminated`,
        {
          name,
          ...(t.group ? { group: t.group } : {}),
          kind: t.resource,
          causes: [
            {
              reason: 'NamespaceTerminating',
              message: `namespace ${ns} is being terminated`,
              field: 'metadata.namespace',
            },
          ],
        },
      ),
    );
  }
}

export function asObject(
  t: ResourceType,
  body: Record<string, unknown>,
  target: Target,
): KubeObject {
  const meta = isRecord(body['metadata']) ? withoutNulls(body['metadata']) : {};
  if (body['kind'] !== undefined && body['kind'] !== t.kind) {
    throw badRequest(
      `the kind in the data (${text(body['kind'])}) does not match the expected kind (${t.kind})`,
    );
  }
  if (body['apiVersion'] !== undefined && body['apiVersion'] !== apiVersionOf(t)) {
    throw badRequest(
      `the API version in the data (${text(body['apiVersion'])}) does not match the expected API version (${apiVersionOf(t)})`,
    );
  }
  if (t.namespaced) {
    if (meta['namespace'] && target.namespace && meta['namespace'] !== target.namespace) {
      throw badRequest(
        'the namespace of the provided object does not match the namespace sent on the request',
      );
    }
    meta['namespace'] = target.namespace ?? meta['namespace'];
  }
  if (!meta['name'] && typeof meta['generateName'] === 'string' && meta['generateName']) {
    meta['name'] = `${meta['generateName']}${randomSuffix()}`;
  }
  const obj: KubeObject = {
    ...withoutNulls(body),
    apiVersion: apiVersionOf(t),
    kind: t.kind,
    metadata: { ...meta, name: text(meta['name'], '') },
  };
  for (const k of ['uid', 'resourceVersion', 'creationTimestamp', 'deletionTimestamp'] as const)
    delete obj.metadata[k];
  return obj;
}

export function afterWrite(ctx: KubeContext, t: ResourceType): void {
  if (t === R.clusterroles) aggregateClusterRoles(ctx.store);
}

/** A dry-run answer: what would be stored, with a uid and timestamp but no resourceVersion. */
export function dryRunObject(ctx: KubeContext, obj: KubeObject, old?: KubeObject): KubeObject {
  return {
    ...obj,
    metadata: {
      ...obj.metadata,
      uid: old?.metadata.uid ?? randomUUID(),
      creationTimestamp: old?.metadata.creationTimestamp ?? ctx.clock.iso(),
      ...(old ? { resourceVersion: old.metadata.resourceVersion } : {}),
    },
  };
}
