// The rbac step names people and groups: Entra names from the simulated Microsoft Graph next to
// every id the bindings and admin groups use, in findings, the picker and the journal; and without
// Graph rights, GUIDs and one line saying why (never an error).
import { viewText } from '../../src/steps/contract/view.js';
import { afterEach, describe, expect, it } from 'vitest';
import { loadScenario } from '../../src/sim/scenario.js';
import { startSimulator, type Simulator } from '../../src/sim/simulator.js';
import { rbacStep } from '../../src/steps/rbac/index.js';
import type { AuditReport } from '../../src/report/audit-schema.js';
import { runBin } from '../helpers/cli-process.js';
import { publishedSchema } from '../report/published-schema.js';
import { stepSession } from './security-step-session.js';

const ADMIN_GROUP = '6f1c2a4e-3b5d-4c7e-9f80-1a2b3c4d5e6f';
let sim: Simulator | undefined;
afterEach(async () => {
  await sim?.close();
  sim = undefined;
});

describe('rbac step with Entra names', () => {
  it('names every Entra identity of the demo in findings, the picker and the journal', async () => {
    sim = await startSimulator({ scenario: 'demo' });
    const s = await stepSession(sim, 'rbac', rbacStep);
    await s.host.open('rbac');
    const view = s.view();
    expect(view.summary).toContain('Entra names: 3 of 3 identities resolved (Microsoft Graph).');
    const named = (view.findings ?? []).filter((f) => f.principal);
    expect(named.length).toBeGreaterThanOrEqual(4);
    for (const f of named) expect(f.principal?.name, f.message).toBeTruthy();
    const userSubject = named.find(
      (f) => f.id === 'rbac.user-subject' && f.principal?.id === 'jordan@contoso.com',
    );
    expect(userSubject?.principal).toEqual({
      kind: 'user',
      id: 'jordan@contoso.com',
      name: 'Jordan Reyes',
    });
    expect(userSubject?.message).toContain('jordan@contoso.com [Jordan Reyes (user)]');
    const adminGroup = named.find((f) => f.id === 'rbac.aks-admin-group');
    expect(adminGroup?.principal).toEqual({
      kind: 'group',
      id: ADMIN_GROUP,
      name: 'aks-shop-prod-admins',
    });
    expect(adminGroup?.message).toContain(
      `${ADMIN_GROUP} [aks-shop-prod-admins (group, 1 member)]`,
    );
    expect(s.store.getState().stepStates.rbac?.candidates.map((c) => c.userName)).toEqual([
      'Jordan Reyes (user)',
      'Sam Patel (user)',
    ]);
    const notes = (await s.journalLines()).filter((l) => l['message'] === 'findings');
    expect(JSON.stringify(notes)).toContain('"name":"Jordan Reyes"');
  });

  it('without Graph rights: GUIDs and UPNs as they are, and one line saying why', async () => {
    const scenario = await loadScenario('demo');
    scenario.descriptor.entra!.operatorPermissions = [];
    sim = await startSimulator({ scenario });
    const s = await stepSession(sim, 'rbac', rbacStep);
    await s.host.open('rbac');
    const view = s.view();
    expect(s.store.getState().steps.rbac).toMatchObject({ kind: 'findings' });
    const why = (view.summary ?? []).filter((l) => /Names not shown/.test(l));
    expect(why).toEqual([
      'Names not shown (Entra object ids only): Microsoft Graph refused to read the directory (Authorization_RequestDenied); reading names needs Directory.Read.All.',
    ]);
    for (const f of view.findings ?? []) {
      expect(f.principal?.name).toBeUndefined();
      expect(f.message).not.toContain(' [');
    }
    expect(view.findings?.find((f) => f.id === 'rbac.aks-admin-group')?.principal).toEqual({
      kind: 'group',
      id: ADMIN_GROUP,
    });
    // One refused read, not one per identity.
    expect(sim.log.entries.filter((e) => e.api === 'graph' && e.status === 403)).toHaveLength(1);

    // The group picker says why it cannot search; a typed object id still works, unchecked.
    await s.host.send('rbac', { type: 'search', prefix: 'plat' });
    const state = () => s.store.getState().stepStates.rbac!;
    expect(state().groupSearch?.unavailable).toMatch(/^Names not shown .*Directory\.Read\.All/);
    const jordan = state().candidates.find((c) => c.user === 'jordan@contoso.com')!;
    await s.host.send('rbac', {
      type: 'propose',
      candidate: jordan.id,
      group: '7a2d3b5f-4c6e-4d8f-a091-2b3c4d5e6f70',
    });
    const plan = viewText(s.view().plan ?? []);
    expect(plan).toContain(
      'Replace jordan@contoso.com with Entra group 7a2d3b5f-4c6e-4d8f-a091-2b3c4d5e6f70',
    );
    expect(plan).toContain('⚠ Group not checked in Entra ID. Names not shown');
    expect(sim.log.writes()).toEqual([]);
  });
});

describe('audit --output json with Entra names', () => {
  it('carries subject {kind, id, name} on findings about Entra identities, schema-valid', async () => {
    const ran = await runBin(
      ['audit', '--demo', '--output', 'json', '--steps', 'rbac'],
      {},
      { timeoutMs: 60_000 },
    );
    const report = JSON.parse(ran.stdout) as AuditReport;
    expect(publishedSchema().safeParse(report).success).toBe(true);
    const rbac = report.steps.find((st) => st.id === 'rbac')!.findings;
    expect(
      rbac.find((f) => f.id === 'rbac.user-subject' && f.subject?.id === 'sam@contoso.com')
        ?.subject,
    ).toEqual({
      kind: 'user',
      id: 'sam@contoso.com',
      name: 'Sam Patel',
    });
    expect(rbac.find((f) => f.id === 'rbac.aks-admin-group')?.subject).toEqual({
      kind: 'group',
      id: ADMIN_GROUP,
      name: 'aks-shop-prod-admins',
    });
  });
});
