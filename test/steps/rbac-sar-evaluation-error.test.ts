// A SubjectAccessReview answered `allowed: false` WITH `evaluationError` is the authorizer saying
// it could not finish evaluating, not a verdict: "evaluationError is an indication that some error
// occurred during the authorization check"
// (https://kubernetes.io/docs/reference/kubernetes-api/authorization-resources/subject-access-review-v1/).
// Such an answer must not turn a high RBAC finding into the low `rbac.server-disagrees` and let
// the audit pass: the finding stays (unconfirmed) or the step is a hole, never exit 0.
import { afterEach, describe, expect, it } from 'vitest';
import { audit, rig, view, type Rig } from '../helpers/audit-rig.js';

let r: Rig | undefined;
afterEach(async () => {
  await r?.sim.close();
  r = undefined;
});

describe('a SubjectAccessReview that could not be evaluated', () => {
  it('does not downgrade high rbac findings so the audit passes', async () => {
    r = await rig('demo');
    const before = await audit(r.file, { steps: ['rbac'] });
    const high = before.report.steps[0]!.findings.filter((f) => f.severity === 'high');
    expect(high.length, view(before.report).join('\n')).toBeGreaterThan(0);
    expect(before.code).toBe(1);
    r.intercept((q, api) =>
      api === 'kube' && q.method === 'POST' && /\/subjectaccessreviews$/.test(q.path)
        ? {
            status: 201,
            body: {
              apiVersion: 'authorization.k8s.io/v1',
              kind: 'SubjectAccessReview',
              spec: {},
              status: {
                allowed: false,
                evaluationError:
                  'an error on the server ("") has prevented the request from succeeding',
              },
            },
          }
        : undefined,
    );
    const after = await audit(r.file, { steps: ['rbac'] });
    expect(after.code, view(after.report).join('\n')).toBe(1);
    // The findings stay as read, unconfirmed; none becomes "the server disagrees".
    const kept = after.report.steps[0]!.findings;
    expect(kept.filter((f) => f.severity === 'high').map((f) => f.id)).toEqual(
      high.map((f) => f.id),
    );
    expect(kept.map((f) => f.id)).not.toContain('rbac.server-disagrees');
    expect(kept.filter((f) => f.confirmedBy === 'api-server')).toEqual([]);
  }, 90_000);
});
