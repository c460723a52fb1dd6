// `aks-runbook audit` when part of a step could not be read (a refused list, Azure role
// assignments ARM would not give): a hole (exit 2, an INCOMPLETE line, not waivable), and with
// --baseline nothing of that step is "fixed".
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { armError, kubeStatus } from '../../src/sim/server.js';
import { tempDir } from '../helpers/temp-dir.js';
import { audit, rig, view, type Rig } from '../helpers/audit-rig.js';

let r: Rig | undefined;
afterEach(async () => {
  await r?.sim.close();
  r = undefined;
});

const roleAssignments = (status: number, code: string) => (q: { path: string }, api: string) =>
  api === 'arm' && /\/roleAssignments$/i.test(q.path) ? armError(status, code, 'boom') : undefined;
const netpolForbidden = (q: { path: string }) =>
  /\/networkpolicies$/.test(q.path)
    ? kubeStatus(
        403,
        'Forbidden',
        'networkpolicies.networking.k8s.io is forbidden: User "x" cannot list resource "networkpolicies"',
      )
    : undefined;

describe('Azure role assignments that could not be read (rbac.azure-unread)', () => {
  it('control: the same cluster and step without the fault passes (exit 0)', async () => {
    r = await rig('minimal');
    const { code, report } = await audit(r.file, { steps: ['rbac'] });
    expect(code, view(report).join('\n')).toBe(0);
  }, 60_000);

  for (const [status, armCode] of [
    [500, 'InternalServerError'],
    [403, 'AuthorizationFailed'],
    [429, 'TooManyRequests'],
  ] as const) {
    it(`ARM answers ${status} to the role assignment list: the audit must not pass (exit 2)`, async () => {
      r = await rig('minimal');
      r.intercept(roleAssignments(status, armCode));
      const { code, report } = await audit(r.file, { steps: ['rbac'] });
      // The unread part is reported (as a medium finding), so the read did fail...
      expect(report.steps[0]!.findings.map((f) => f.id)).toContain('rbac.azure-unread');
      expect(code, view(report).join('\n')).toBe(2);
    }, 60_000);
  }

  it('a waiver cannot accept "could not read the role assignments" (it is a hole, not a risk)', async () => {
    r = await rig('minimal');
    r.intercept(roleAssignments(403, 'AuthorizationFailed'));
    const waivers = join(tempDir('fault-waivers-'), 'waivers.yaml');
    writeFileSync(
      waivers,
      [
        'waivers:',
        '  - finding: rbac.azure-unread',
        '    reason: we cannot get Reader on the subscription',
        '    owner: platform-team',
        `    expires: ${new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10)}`,
        '',
      ].join('\n'),
    );
    await expect(audit(r.file, { steps: ['rbac'], waivers, failOn: 'low' })).rejects.toThrow();
  }, 60_000);
});

describe('--baseline: findings of a part that was not read now are not "fixed"', () => {
  async function baselineOf(scenario: string): Promise<string> {
    const clean = await rig(scenario);
    try {
      const { report } = await audit(clean.file);
      const file = join(tempDir('fault-baseline-'), 'baseline.json');
      writeFileSync(file, JSON.stringify(report));
      return file;
    } finally {
      await clean.sim.close();
    }
  }

  it('networkpolicies refused (imds.forbidden): the imds findings are not listed as fixed', async () => {
    const baseline = await baselineOf('demo');
    r = await rig('demo');
    r.intercept(netpolForbidden);
    const { code, report } = await audit(r.file, { baseline });
    expect(code).toBe(2);
    const fixed = report.baseline?.fixed.map((f) => f.id) ?? [];
    expect(fixed.filter((id) => id.startsWith('imds.'))).toEqual([]);
  }, 90_000);

  it('role assignments unread: --fail-on-new passes and calls the Azure RBAC findings fixed', async () => {
    const baseline = await baselineOf('azure-rbac');
    r = await rig('azure-rbac');
    r.intercept(roleAssignments(500, 'InternalServerError'));
    const { code, report } = await audit(r.file, { baseline, failOnNew: true });
    const fixed = report.baseline?.fixed.map((f) => f.id) ?? [];
    expect(fixed.filter((id) => id.startsWith('rbac.azure-'))).toEqual([]);
    expect(code).toBe(2);
  }, 90_000);
});

describe('the table report names every hole', () => {
  it('a refused list inside a step (imds.forbidden): exit 2 and an INCOMPLETE line', async () => {
    r = await rig('demo');
    r.intercept(netpolForbidden);
    const { code, out } = await audit(r.file, { output: 'table' });
    expect(code).toBe(2);
    expect(out).toMatch(/exit code 2/);
    // README: "the table and Markdown reports print an INCOMPLETE: line per hole"; a refused read
    // is a hole (README, Waivers).
    expect(out).toMatch(/INCOMPLETE: .*imds/);
  }, 60_000);
});
