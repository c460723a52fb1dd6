// `aks-runbook audit`'s one-line reasons for failures that must not send the operator the wrong
// way: an expired continue token, a pool's missing upgrade profile, a list answer with no items.
import { afterEach, describe, expect, it } from 'vitest';
import { armError, kubeStatus } from '../../src/sim/server.js';
import { audit, rig, type Rig } from '../helpers/audit-rig.js';

let r: Rig | undefined;
afterEach(async () => {
  await r?.sim.close();
  r = undefined;
});

describe('failure words that send the operator the wrong way', () => {
  it('a continue token that expired (410 Gone) is not "check the names given (-g, -n, --subscription)"', async () => {
    r = await rig('demo');
    r.intercept((q, api) => {
      if (api !== 'kube' || q.path !== '/apis/rbac.authorization.k8s.io/v1/roles') return undefined;
      return q.query.get('continue')
        ? kubeStatus(
            410,
            'Expired',
            'The provided continue parameter is too old to display a consistent list result.',
          )
        : {
            status: 200,
            body: {
              kind: 'RoleList',
              apiVersion: 'rbac.authorization.k8s.io/v1',
              metadata: { continue: 'tok', resourceVersion: '1' },
              items: [],
            },
          };
    });
    const { code, report } = await audit(r.file, { steps: ['rbac'] });
    expect(code).toBe(2);
    const rbac = report.steps[0]!;
    expect(rbac.status).toBe('unavailable');
    expect(rbac.reason).not.toMatch(/check the names given/);
    expect(rbac.errorKind).not.toBe('not-found');
  }, 60_000);

  it("a 404 on one pool's upgrade profile does not say the cluster does not exist", async () => {
    r = await rig('minimal');
    r.intercept((q, api) =>
      api === 'arm' && /\/agentPools\/[^/]+\/upgradeProfiles\//i.test(q.path)
        ? armError(404, 'NotFound', 'The upgrade profile was not found.')
        : undefined,
    );
    const { code, report } = await audit(r.file, { steps: ['upgrades', 'node-image'] });
    expect(code).toBe(2);
    for (const s of report.steps) expect(s.reason).not.toMatch(/no AKS cluster .* was found/);
  }, 60_000);

  it('a list answered 200 without items is the server\'s fault, not "a bug in aks-runbook"', async () => {
    r = await rig('demo');
    r.intercept((q, api) =>
      api === 'kube' && q.path === '/apis/apps/v1/daemonsets'
        ? {
            status: 200,
            headers: { 'content-type': 'application/json' },
            raw: '{"kind":"DaemonSetList","apiVersion":"apps/v1","metadata":{}}',
          }
        : undefined,
    );
    const { code, report } = await audit(r.file, { steps: ['drain', 'node-image'] });
    expect(code).toBe(2);
    for (const s of report.steps) {
      expect(s.reason).not.toMatch(/is not iterable|bug in aks-runbook/);
    }
  }, 60_000);
});
