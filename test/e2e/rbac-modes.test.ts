import type { JournalRecord } from '../../src/model/journal.js';
import { digestSession } from '../../src/report/journal-digest.js';
import { afterEach, describe, expect, it } from 'vitest';
import { startSimulator, type Simulator } from '../../src/sim/simulator.js';
import { rbacStep } from '../../src/steps/rbac/index.js';
import type { RbacScreenState } from '../../src/steps/rbac/state.js';
import { stepSession, until } from './security-step-session.js';

const GROUP = '2d4f6a8b-1c3e-4a5b-8c7d-9e0f1a2b3c4d';
const SAM = 'RoleBinding/payments/sam-secret-reader#sam@contoso.com';

let sim: Simulator | undefined;
afterEach(async () => {
  await sim?.close();
  sim = undefined;
});

async function open(scenario: string, mode: { readOnly?: boolean; dryRun?: boolean } = {}) {
  sim = await startSimulator({ scenario, speed: 600 });
  const session = await stepSession(sim, 'rbac', rbacStep, mode);
  await session.host.open('rbac');
  return { sim, session, state: () => session.store.getState().stepStates.rbac as RbacScreenState };
}

describe('rbac step modes and rights', () => {
  it('read-only: no action offered, one sent anyway is ignored, and no write leaves', async () => {
    const { sim, session, state } = await open('demo', { readOnly: true });
    expect(state().canAct).toBe(false);
    expect(session.view().actions).toEqual([]);
    await session.host.send('rbac', { type: 'propose', candidate: SAM, group: GROUP });
    await session.host.send('rbac', { type: 'action', key: 'r' });
    expect(session.store.getState().confirmation).toBeUndefined();
    expect(sim.log.entries.filter((e) => e.effect !== 'read')).toEqual([]);
  });

  it('dry-run: only server-side dry runs are sent, and the bindings stay as they were', async () => {
    const { sim, session } = await open('demo', { dryRun: true });
    await session.host.send('rbac', { type: 'propose', candidate: SAM, group: GROUP });
    expect(session.view().actions?.[0]).toMatchObject({
      key: 'r',
      label: expect.stringMatching(/Dry-run/) as unknown,
    });
    const before = sim.log.entries.length;
    const sent = session.host.send('rbac', { type: 'action', key: 'r' });
    // After the server-side dry runs, the same question as for real, marked as a dry run.
    await until(() => session.store.getState().confirmation !== undefined, 'the confirmation');
    expect(session.store.getState().confirmation).toMatchObject({ dryRun: true });
    expect(session.store.getState().confirmation?.change).toMatch(/^\(dry run\) Create /);
    session.store.answer(true);
    await sent;
    const effects = sim.log.entries.slice(before).map((e) => e.effect);
    expect(effects.filter((e) => e === 'dry-run')).toHaveLength(2);
    expect(effects.filter((e) => e === 'write')).toEqual([]);
    expect(session.view().result).toEqual([
      'Dry run only: the API server accepted both changes; nothing was stored.',
    ]);
    const lines = await session.journalLines();
    expect(lines.filter((l) => l['type'] === 'intent').map((l) => l['action'])).toEqual([
      'dry-run create rolebinding',
      'dry-run delete rolebinding',
    ]);
    // One dry run, the one answered yes, its server-side dry runs inside it (the Summary's count).
    const records = lines as unknown as JournalRecord[];
    const dryRuns = digestSession({ path: 'j', records, tornTail: false, skipped: 0 }).decisions;
    expect(dryRuns.map((d) => [d.dryRun, d.requests.length, d.asked?.change.slice(0, 16)])).toEqual(
      [[true, 2, '(dry run) Create']],
    );
  });

  it('an operator who may not create rolebindings sees why, and the replacement is not offered', async () => {
    const { sim, session, state } = await open('rbac-auditor');
    const candidates = state().candidates;
    expect(candidates.map((c) => [c.user, c.userKind])).toEqual([
      ['robin@contoso.com', 'upn'],
      ['kim_fabrikam.com#EXT#@contoso.onmicrosoft.com', 'guest'],
      ['0b7e9a52-41c3-4d8e-9f6a-2c1d3e4f5a6b', 'object-id'],
    ]);
    for (const c of candidates)
      expect(c.unavailable).toMatch(
        /^you may not create rolebindings\.rbac\.authorization\.k8s\.io in team-a/,
      );
    const ids = (session.view().findings ?? []).map((f) => f.id);
    expect(ids).toEqual(
      expect.arrayContaining([
        'rbac.user-subject',
        'rbac.wildcard',
        'rbac.default-service-account',
      ]),
    );
    await session.host.send('rbac', {
      type: 'propose',
      candidate: candidates[0]!.id,
      group: GROUP,
    });
    expect(session.view().actions?.find((a) => a.key === 'r')?.unavailable).toMatch(
      /you may not create rolebindings/,
    );
    await session.host.send('rbac', { type: 'action', key: 'r' });
    expect(session.store.getState().confirmation).toBeUndefined();
    expect(sim.log.entries.filter((e) => e.effect !== 'read')).toEqual([]);
  });

  it('a refused list is a finding "could not check: forbidden", never a pass', async () => {
    const { session } = await open('limited-rights');
    const forbidden = (session.view().findings ?? []).filter((f) => f.id === 'rbac.forbidden');
    expect(forbidden.length).toBeGreaterThan(0);
    expect(forbidden[0]?.message).toMatch(/forbidden.*not a pass/);
  });
});
