// The rbac step has the API server confirm each high/medium finding with a SubjectAccessReview;
// a "no" replaces the finding with the low rbac.server-disagrees. A review answered without
// status.allowed (required in authorization.k8s.io/v1) is no answer, not a "no": the finding
// stays as found (unconfirmed), and the audit still fails on it.
import { afterEach, describe, expect, it } from 'vitest';
import { audit, rig, view, type Rig } from '../helpers/audit-rig.js';

let r: Rig | undefined;
afterEach(async () => {
  await r?.sim.close();
  r = undefined;
});

describe('SubjectAccessReviews answered without a status', () => {
  it('control: answered properly, cluster-admin is confirmed (high, exit 1)', async () => {
    r = await rig('demo');
    const { code, report } = await audit(r.file, { steps: ['rbac'] });
    const admin = report.steps[0]!.findings.find((f) => f.id === 'rbac.cluster-admin');
    expect(admin?.confirmedBy).toBe('api-server');
    expect(code).toBe(1);
  }, 60_000);

  it('no status: the finding stays (unconfirmed), it is not turned into a low "server disagrees"', async () => {
    r = await rig('demo');
    r.intercept((q, api) => {
      if (api !== 'kube' || q.method !== 'POST' || !q.path.endsWith('/subjectaccessreviews'))
        return undefined;
      const body = JSON.parse(q.body.toString()) as Record<string, unknown>;
      return { status: 201, body: { ...body, metadata: {} } };
    });
    const { code, report } = await audit(r.file, { steps: ['rbac'] });
    const ids = report.steps[0]!.findings.map((f) => f.id);
    expect(ids, view(report).join('\n')).toContain('rbac.cluster-admin');
    expect(ids).not.toContain('rbac.server-disagrees');
    const admin = report.steps[0]!.findings.find((f) => f.id === 'rbac.cluster-admin');
    expect(admin?.confirmedBy ?? null).toBeNull();
    expect(report.steps[0]!.summary?.join('\n')).toMatch(/could not be asked/);
    expect(code).toBe(1);
  }, 60_000);
});
