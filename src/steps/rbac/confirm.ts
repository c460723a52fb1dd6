import type { KubeConfig } from '@kubernetes/client-node';
import pLimit from 'p-limit';
import type { RbacReview } from '../../checks/rbac/check-bindings.js';
import type { Identity } from '../../checks/rbac/identity.js';
import { describeRequest, isNonResource, type AccessRequest } from '../../checks/rbac/match.js';
import type { Finding } from '../../model/finding.js';
import { canI, subjectCan, type SubjectQuestion } from '../../kube/access-review.js';
import { describeKubeError } from '../../kube/errors.js';
import { noun } from '../../model/plural.js';

/**
 * How many SubjectAccessReviews one inspection sends at most, and how many at once (16: at 30 ms
 * a round trip, 200 questions take 0.4 s instead of 1.5 s at 4; still far below API priority
 * and fairness limits).
 */
const CONFIRM_LIMITS = { max: 200, concurrency: 16 };

/** The findings after the API server was asked, and one line saying what was asked. */
export interface Confirmed {
  findings: Finding[];
  summary: string;
}

function question(identity: Identity, request: AccessRequest): SubjectQuestion {
  const who = { ...(identity.user ? { user: identity.user } : {}), groups: identity.groups };
  if (isNonResource(request)) return { ...who, nonResource: request };
  return { ...who, resource: request };
}

function disagreement(f: Finding, request: AccessRequest, reason: string | undefined): Finding {
  return {
    id: 'rbac.server-disagrees',
    severity: 'low',
    ...(f.object ? { object: f.object } : {}),
    ...(f.subject ? { subject: f.subject } : {}),
    message: `Reading the RBAC objects gave ${f.id} (${f.severity}) here: "${f.message}" But the API server says ${f.subject ?? 'this subject'} may not ${describeRequest(request)}${reason ? ` (${reason})` : ''}, and the server decides. The objects may have changed since they were read, or an aggregated ClusterRole has not been reconciled yet.`,
    remediation: 'Inspect again; if it persists, compare with kubectl auth can-i --as.',
  };
}

/**
 * Asks the API server (SubjectAccessReview) about each high or medium finding that carries an
 * access question, most severe first, within `CONFIRM_LIMITS`. A yes marks the finding
 * `confirmedBy: 'api-server'`; a no replaces it with `rbac.server-disagrees`, unless the server
 * said it could not evaluate the question (`evaluationError`): that finding stays. Nothing is asked
 * when the operator may not create subjectaccessreviews; the findings then stay unconfirmed.
 */
export async function confirmWithServer(
  kc: KubeConfig,
  review: RbacReview,
  limits = CONFIRM_LIMITS,
): Promise<Confirmed> {
  const wanted = review.confirmable
    .filter((c) => c.finding.severity === 'high' || c.finding.severity === 'medium')
    .sort(
      (a, b) => (b.finding.severity === 'high' ? 1 : 0) - (a.finding.severity === 'high' ? 1 : 0),
    );
  if (wanted.length === 0) return { findings: review.findings, summary: '' };
  let may: Awaited<ReturnType<typeof canI>>;
  try {
    may = await canI(kc, {
      verb: 'create',
      group: 'authorization.k8s.io',
      resource: 'subjectaccessreviews',
    });
  } catch (error) {
    // Not a "no": the question itself failed (the server unreachable…); said as such, in words.
    const server = kc.getCurrentCluster()?.server ?? '(unknown server)';
    const why = describeKubeError(error, server, 'ask whether you may create subjectaccessreviews');
    return {
      findings: review.findings,
      summary: `Not confirmed by the API server: ${why.message}`,
    };
  }
  if (!may.allowed)
    return {
      findings: review.findings,
      summary: `Not confirmed by the API server: you may not create subjectaccessreviews (authorization.k8s.io)${may.reason ? `: ${may.reason}` : ''}.`,
    };
  const asked = wanted.slice(0, limits.max);
  const replaced = new Map<Finding, Finding>();
  let failed = 0;
  let unevaluated = 0;
  const limit = pLimit(limits.concurrency);
  await Promise.all(
    asked.map(({ finding, ask }) =>
      limit(async () => {
        try {
          const answer = await subjectCan(kc, question(ask.identity, ask.request));
          // A "no" with evaluationError: the authorizer could not finish, so no verdict; the
          // finding stays as read (unconfirmed), never downgraded to "the server disagrees".
          if (!answer.allowed && answer.evaluationError) {
            unevaluated++;
            return;
          }
          replaced.set(
            finding,
            answer.allowed
              ? { ...finding, confirmedBy: 'api-server' }
              : disagreement(finding, ask.request, answer.reason),
          );
        } catch {
          failed++;
        }
      }),
    ),
  );
  const disagreed = [...replaced.values()].filter((f) => f.id === 'rbac.server-disagrees').length;
  const parts = [
    `${replaced.size - disagreed} of ${wanted.length} high/medium ${noun(wanted.length, 'finding')} confirmed by the API server (SubjectAccessReview)`,
    ...(disagreed > 0 ? [`${disagreed} it disagrees with`] : []),
    ...(failed > 0 ? [`${failed} could not be asked`] : []),
    ...(unevaluated > 0
      ? [`${unevaluated} could not be confirmed (the server could not evaluate them)`]
      : []),
    ...(wanted.length > asked.length
      ? [`${wanted.length - asked.length} not asked (limit ${limits.max})`]
      : []),
  ];
  return {
    findings: review.findings.map((f) => replaced.get(f) ?? f),
    summary: `${parts.join('; ')}.`,
  };
}
