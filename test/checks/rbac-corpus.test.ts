import { describe, expect, it } from 'vitest';
import { checkRbac } from '../../src/checks/rbac/check-bindings.js';
import { RbacEvaluator } from '../../src/checks/rbac/evaluator.js';
import { describeRequest } from '../../src/checks/rbac/match.js';
import { CASES } from './rbac-corpus.js';

describe('the RBAC corpus (from the Kubernetes RBAC documentation)', () => {
  it('has at least 40 cases, each with a distinct name', () => {
    expect(CASES.length).toBeGreaterThanOrEqual(40);
    expect(new Set(CASES.map((c) => c.name)).size).toBe(CASES.length);
  });

  describe.each(CASES.map((c) => [c.name, c] as const))('%s', (_, c) => {
    it('the evaluator answers its questions', () => {
      const evaluator = new RbacEvaluator(c.facts);
      for (const [identity, request, expected] of c.questions)
        expect(
          evaluator.can(identity, request),
          `${identity.user} ${identity.groups.join(',')}: ${describeRequest(request)}`,
        ).toBe(expected);
    });

    it('gives exactly its findings', () => {
      const review = checkRbac(c.facts);
      const got = review.findings
        .map((f) => `${f.id}:${f.severity}:${f.object?.name ?? '-'}`)
        .sort();
      expect(got).toEqual([...c.findings].sort());
      if (c.excluded) expect(review.excluded.map((e) => e.binding)).toEqual(c.excluded);
    });

    it('carries an access question on every high finding, for the API server to confirm', () => {
      const review = checkRbac(c.facts);
      const asked = new Set(review.confirmable.map((x) => x.finding));
      for (const f of review.findings.filter((x) => x.severity === 'high'))
        expect(asked.has(f), `${f.id} on ${f.object?.name}`).toBe(true);
    });
  });
});
