// A 200 whose body lacks the collection is a failed read (unknown), never an empty list: as a
// Kubernetes list without `items` is refused as "not a list", so is an ARM role assignment list
// without `value` (rbac.azure-unread), and an empty /metrics body is no metric read.
import { afterEach, describe, expect, it } from 'vitest';
import { audit, rig, view, type Rig } from '../helpers/audit-rig.js';

let r: Rig | undefined;
afterEach(async () => {
  await r?.sim.close();
  r = undefined;
});

describe('200 answers with nothing in them', () => {
  it('ARM role assignments answered {}: not read as "no assignments" but as unread', async () => {
    r = await rig('azure-rbac');
    const before = await audit(r.file, { steps: ['rbac'] });
    const azure = (a: typeof before) =>
      a.report.steps[0]!.findings.filter((f) => f.id.startsWith('rbac.azure-')).map((f) => f.id);
    expect(azure(before)).toContain('rbac.azure-admin-grant');
    r.intercept((q, api) =>
      api === 'arm' && /\/roleAssignments$/i.test(q.path) ? { status: 200, body: {} } : undefined,
    );
    const after = await audit(r.file, { steps: ['rbac'] });
    expect(azure(after), view(after.report).join('\n')).toEqual(['rbac.azure-unread']);
    const unread = after.report.steps[0]!.findings.find((f) => f.id === 'rbac.azure-unread');
    expect(unread?.message).toMatch(/without "value"/);
  }, 90_000);

  it('/metrics answered 200 with an empty body: not counted as read', async () => {
    r = await rig('upgrade-readiness');
    r.intercept((q) =>
      q.path === '/metrics'
        ? { status: 200, headers: { 'content-type': 'text/plain' }, raw: '' }
        : undefined,
    );
    const { report } = await audit(r.file, { steps: ['upgrades'] });
    const step = report.steps[0]!;
    const line = (step.summary ?? []).find((l) => l.startsWith('Deprecated API use:')) ?? '';
    expect(line).toMatch(/from no metric \(unreadable\)/);
    expect(step.findings.map((f) => f.message).join('\n')).toMatch(
      /answered 200 without any metric/,
    );
  }, 90_000);
});
