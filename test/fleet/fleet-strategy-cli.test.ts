// `aks-runbook fleet strategy list|show|create` end to end against the twelve-cluster simulator:
// the real Fleet Manager client and its poller; writes counted in the simulator's request log.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type Simulator } from '../../src/sim/simulator.js';
import { fleetHarness, writesOf } from './fleet-harness.js';

let sim: Simulator;
let h: ReturnType<typeof fleetHarness>;

beforeAll(async () => {
  sim = await startSimulator({ scenario: 'fleet', speed: 6000 });
  h = fleetHarness(sim);
});
afterAll(async () => {
  await sim.close();
});

const STAGES = 'dev:groups=dev;wait=10m,staging:wait=1h,prod:groups=prod-eu+prod-us';

describe('fleet strategy', () => {
  it('lists and shows strategies with the member clusters of each group, reading only', async () => {
    const before = writesOf(sim);
    const list = await h.run(['strategy', 'list']);
    expect(list.code).toBe(0);
    expect(list.out).toContain('1 update strategy in fleet fleet-contoso:');
    expect(list.out).toContain(
      'dev-staging-prod: dev [dev] → wait 5m → staging [staging] → wait 10m → prod [prod-eu, prod-us]',
    );
    const show = await h.run(['strategy', 'show', '-n', 'dev-staging-prod']);
    expect(show.out).toMatch(/group staging: shop-stg \(aks-shop-stg\), pay-stg \(aks-pay-stg\)/);
    const missing = await h.run(['strategy', 'show', '-n', 'nope']);
    expect(missing.code).toBe(2);
    expect(missing.err).toMatch(/has no update strategy nope \(it has: dev-staging-prod\)/);
    expect(writesOf(sim)).toBe(before);
  });

  it('--read-only and --dry-run show the strategy and send nothing; no --confirm off a terminal refuses', async () => {
    const before = writesOf(sim);
    const ro = await h.run(['strategy', 'create', '-n', 'slow', '--stages', STAGES, '--read-only']);
    expect(ro.code).toBe(0);
    expect(ro.out).toContain('Read-only: the strategy is shown, not created; nothing was sent.');
    const dry = await h.run(['strategy', 'create', '-n', 'slow', '--stages', STAGES, '--dry-run']);
    expect(dry.code).toBe(0);
    expect(dry.out).toContain('"afterStageWaitInSeconds": 3600');
    expect(dry.out).toContain('Dry run: this PUT was not sent; nothing changed.');
    const refused = await h.run(['strategy', 'create', '-n', 'slow', '--stages', STAGES]);
    expect(refused.code).toBe(2);
    expect(refused.err.trim()).toBe(
      'aks-runbook: this changes fleet fleet-contoso: add --confirm fleet-contoso (or run it in a terminal to be asked)',
    );
    const cancelled = await h.run(['strategy', 'create', '-n', 'slow', '--stages', STAGES], {
      answers: ['slow'],
    });
    expect(cancelled.code).toBe(1);
    expect(cancelled.out).toContain('Cancelled: nothing was changed.');
    expect(writesOf(sim)).toBe(before);
  });

  it('refuses a group no member is in before asking, in one line', async () => {
    const bad = await h.run([
      'strategy',
      'create',
      '-n',
      'x',
      '--stages',
      'all:groups=dev+prod-asia',
    ]);
    expect(bad.code).toBe(2);
    expect(bad.err.trim().split('\n')).toHaveLength(1);
    expect(bad.err).toMatch(
      /group prod-asia is no member's update group in fleet fleet-contoso \(its groups: dev, prod-eu, prod-us, staging\)/,
    );
    const syntax = await h.run(['strategy', 'create', '-n', 'x', '--stages', 'dev:grups=dev']);
    expect(syntax.code).toBe(2);
    expect(syntax.err).toMatch(/unknown key "grups"/);
  });

  it('creates after the fleet name is typed, journaled, and a run plan can use it', async () => {
    const created = await h.run(['strategy', 'create', '-n', 'slow', '--stages', STAGES], {
      answers: ['fleet-contoso'],
    });
    expect(created.code).toBe(0);
    expect(created.asked[0]).toMatch(/Type the fleet name \(fleet-contoso\)/);
    expect(created.out).toContain(
      '✔ Update strategy slow created: dev [dev] → wait 10m → staging [staging] → wait 1h → prod [prod-eu, prod-us]',
    );
    const journal = readFileSync(
      join(
        h.home,
        'state',
        'aks-runbook',
        'fleet',
        '9d8c7b6a-rg-fleet-fleet-contoso-strategy-slow.jsonl',
      ),
      'utf8',
    )
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { kind: string; action?: string; ok?: boolean });
    expect(journal.map((l) => `${l.kind} ${l.action} ${l.ok ?? ''}`.trim())).toEqual([
      'intent create update strategy',
      'result create update strategy true',
    ]);
    const plan = await h.run([
      'run',
      'plan',
      '--strategy',
      'slow',
      '--kubernetes-version',
      '1.31.8',
    ]);
    expect(plan.code).toBe(0);
    expect(plan.out).toMatch(/wait 1h after staging|wait 60m after staging/);
  });

  it('creates from a YAML file with --confirm', async () => {
    const file = join(h.home, 'strategy.yaml');
    writeFileSync(
      file,
      'stages:\n  - name: first\n    groups: [dev, staging]\n    afterStageWaitInSeconds: 90s\n  - name: last\n    groups: [prod-eu, prod-us]\n',
    );
    const made = await h.run([
      'strategy',
      'create',
      '-n',
      'two-steps',
      '--file',
      file,
      '--confirm',
      'fleet-contoso',
    ]);
    expect(made.code).toBe(0);
    expect(made.out).toContain('first [dev, staging] → wait 90s → last [prod-eu, prod-us]');
    const list = await h.run(['strategy', 'list']);
    expect(list.out).toContain('3 update strategies');
  });
});
