import type { SimRequest } from '../http.js';
import { RESOURCES } from './resources.js';
import { badRequest } from './status.js';
import type { ResourceType } from './types.js';
import { text } from './types.js';
import { ApiError } from './status.js';
import { kubeStatus } from '../server.js';
import { WireError, decodeBody } from './proto/decode.js';

/** What a REST path names: resource type, namespace, name, subresource. */
export interface Target {
  t: ResourceType;
  namespace?: string;
  name?: string;
  subresource?: string;
}

/** Resolves route params to a served resource, or throws the API server's 404. */
export function resolveTarget(
  req: SimRequest,
  served: (t: ResourceType) => boolean = () => true,
): Target {
  const group = req.params['group'] ?? '';
  const version = req.params['version'] ?? 'v1';
  const resource = req.params['resource'] ?? '';
  const t = RESOURCES.find(
    (r) => r.group === group && r.version === version && r.resource === resource,
  );
  const namespace = req.params['namespace'];
  if (!t || !served(t) || (namespace !== undefined && !t.namespaced)) {
    throw new ApiError(
      kubeStatus(404, 'NotFound', 'the server could not find the requested resource', {}),
    );
  }
  const sub = req.params['subresource'];
  if (sub !== undefined && !(t.subresources ?? []).some((s) => s.name === sub)) {
    throw new ApiError(
      kubeStatus(404, 'NotFound', 'the server could not find the requested resource', {}),
    );
  }
  const target: Target = { t };
  if (namespace !== undefined) target.namespace = namespace;
  if (req.params['name'] !== undefined) target.name = req.params['name'];
  if (sub !== undefined) target.subresource = sub;
  return target;
}

/** The RBAC verb of a request. */
export function verbOf(req: SimRequest, target: Target): string {
  const watch = req.query.get('watch');
  switch (req.method) {
    case 'GET':
      if (watch === '1' || watch === 'true') return 'watch';
      return target.name ? 'get' : 'list';
    case 'POST':
      return 'create';
    case 'PUT':
      return 'update';
    case 'PATCH':
      return 'patch';
    case 'DELETE':
      return target.name ? 'delete' : 'deletecollection';
    default:
      return req.method.toLowerCase();
  }
}

/** Whether the request is protobuf (`application/vnd.kubernetes.protobuf`). */
export function isProtobuf(req: SimRequest): boolean {
  return (
    text(req.headers['content-type'], '').includes('protobuf') ||
    req.body.subarray(0, 4).toString('latin1') === 'k8s\0'
  );
}

/**
 * Parses a request body into an object: JSON, or Kubernetes protobuf (what kubectl 1.32's
 * generators and typed clients send); 400 when it is neither.
 */
export function objectBody(req: SimRequest): Record<string, unknown> {
  if (isProtobuf(req)) {
    try {
      return decodeBody(req.body);
    } catch (e) {
      if (e instanceof WireError)
        throw badRequest(`the object provided is unrecognized: ${e.message}`);
      throw e;
    }
  }
  const text = req.body.toString('utf8');
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (e) {
    throw badRequest(`the object provided is unrecognized: ${(e as Error).message}`);
  }
  if (typeof parsed !== 'object' || parsed === null)
    throw badRequest('the object provided is not an object');
  return parsed as Record<string, unknown>;
}

/** Whether the write is a server-side dry run (`dryRun=All`). */
export function isDryRun(req: SimRequest, body?: Record<string, unknown>): boolean {
  const q = req.query.getAll('dryRun');
  if (q.length > 0) {
    for (const v of q) if (v !== 'All') throw badRequest(`Invalid dry run value: ${v}`);
    return true;
  }
  const fromBody = body?.['dryRun'];
  return Array.isArray(fromBody) && fromBody.includes('All');
}
