import { AuthorizationV1Api, type KubeConfig } from '@kubernetes/client-node';
import type { AccessAnswer, AccessQuestion } from '../model/access.js';

/**
 * Asks the API server whether the operator may do something (SelfSubjectAccessReview), so an action
 * the operator cannot perform is hidden with its reason instead of attempted and failed.
 */
export async function canI(kc: KubeConfig, q: AccessQuestion): Promise<AccessAnswer> {
  const api = kc.makeApiClient(AuthorizationV1Api);
  const review = await api.createSelfSubjectAccessReview({
    body: {
      apiVersion: 'authorization.k8s.io/v1',
      kind: 'SelfSubjectAccessReview',
      spec: {
        resourceAttributes: {
          verb: q.verb,
          resource: q.resource,
          group: q.group ?? '',
          subresource: q.subresource,
          namespace: q.namespace,
          name: q.name,
        },
      },
    },
  });
  const status = review.status;
  return {
    allowed: status?.allowed === true,
    reason: status?.reason || status?.evaluationError || undefined,
  };
}

/** How a question reads to a person: `patch nodes`, `create pods/eviction in payments`. */
export function describeAccess(q: AccessQuestion): string {
  const what = q.subresource ? `${q.resource}/${q.subresource}` : q.resource;
  const group = q.group ? `.${q.group}` : '';
  return `${q.verb} ${what}${group}${q.namespace ? ` in ${q.namespace}` : ''}`;
}

/** Someone else's request, for a SubjectAccessReview: who, and a resource or a path. */
export interface SubjectQuestion {
  /** Omitted for "a member of these groups". */
  user?: string;
  groups: string[];
  resource?: AccessQuestion;
  nonResource?: { verb: string; path: string };
}

/** The server's answer about another identity. */
export interface SubjectAnswer extends AccessAnswer {
  /** Set on a "no" the authorizer could not finish evaluating (and no explicit deny): no verdict. */
  evaluationError?: string;
}

/**
 * Asks the API server whether another identity may do something (SubjectAccessReview): the
 * server's own authorizers answer, so this is the cluster's verdict, not ours. Needs `create` on
 * subjectaccessreviews (authorization.k8s.io); changes nothing.
 */
export async function subjectCan(kc: KubeConfig, q: SubjectQuestion): Promise<SubjectAnswer> {
  const api = kc.makeApiClient(AuthorizationV1Api);
  const r = q.resource;
  const review = await api.createSubjectAccessReview({
    body: {
      apiVersion: 'authorization.k8s.io/v1',
      kind: 'SubjectAccessReview',
      spec: {
        ...(q.user ? { user: q.user } : {}),
        ...(q.groups.length > 0 ? { groups: q.groups } : {}),
        ...(r
          ? {
              resourceAttributes: {
                verb: r.verb,
                group: r.group ?? '',
                resource: r.resource,
                ...(r.subresource ? { subresource: r.subresource } : {}),
                ...(r.namespace ? { namespace: r.namespace } : {}),
                ...(r.name ? { name: r.name } : {}),
              },
            }
          : {}),
        ...(q.nonResource ? { nonResourceAttributes: q.nonResource } : {}),
      },
    },
  });
  const status = review.status;
  // status.allowed is required in authorization.k8s.io/v1: an answer without it is no answer
  // (never a "no": that would turn a finding into "the server disagrees").
  if (typeof status?.allowed !== 'boolean')
    throw new Error('the API server answered the SubjectAccessReview without status.allowed');
  return {
    allowed: status.allowed,
    reason: status.reason || status.evaluationError || undefined,
    // A "no" the authorizer could not finish (and no explicit deny) is no verdict.
    ...(status.evaluationError && status.denied !== true
      ? { evaluationError: status.evaluationError }
      : {}),
  };
}
