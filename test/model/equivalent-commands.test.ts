import { execFileSync } from 'node:child_process';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_DRAIN_OPTIONS, type DrainNode } from '../../src/model/drain.js';
import {
  azControlPlaneUpgrade,
  azNodeImageUpgrade,
  azPoolUpgrade,
  kubectlCordon,
  kubectlDrain,
} from '../../src/model/equivalent-commands.js';
import { shellQuote } from '../../src/model/shell-quote.js';
import {
  cordonConfirmation,
  drainConfirmation,
  uncordonConfirmation,
} from '../../src/steps/drain/confirmations.js';

const AT = {
  subscriptionId: '1f3a2b4c-0000-4000-8000-000000000001',
  resourceGroup: 'rg-prod',
  name: 'aks-prod',
};

describe('shellQuote', () => {
  it.each([
    ['aks-apps-98308395-vmss000001', 'aks-apps-98308395-vmss000001'],
    ['rg (prod)', "'rg (prod)'"],
    ["it's", "'it'\\''s'"],
    ['', "''"],
    ['$(rm -rf /)', "'$(rm -rf /)'"],
    ['a;b', "'a;b'"],
    ['*', "'*'"],
  ])('%j is %s', (word, quoted) => expect(shellQuote(word)).toBe(quoted));

  it('gives back exactly the word to a real shell, whatever it holds', () => {
    // Any string without NUL (which no shell argument can hold); checked with /bin/sh itself.
    fc.assert(
      fc.property(
        fc.array(
          fc.string({ unit: 'binary' }).map((s) => s.replace(/\0/g, '')),
          { maxLength: 4 },
        ),
        (words) => {
          const script = `printf '%s\\0' ${words.map(shellQuote).join(' ')}`;
          const out = execFileSync('/bin/sh', ['-c', script], { encoding: 'utf8' });
          expect(words.length === 0 ? [] : out.split('\0').slice(0, -1)).toEqual(words);
        },
      ),
      { numRuns: 40 },
    );
  });
});

describe('equivalent commands', () => {
  it('control-plane upgrade: the control plane only, in the named subscription', () => {
    expect(azControlPlaneUpgrade(AT, '1.32.5', false)).toEqual([
      'az aks upgrade -g rg-prod -n aks-prod --kubernetes-version 1.32.5 --control-plane-only --subscription 1f3a2b4c-0000-4000-8000-000000000001',
    ]);
  });

  it('control-plane upgrade with the override: the update that sets it comes first', () => {
    const lines = azControlPlaneUpgrade(AT, '1.32.5', false, new Date('2026-12-09T12:00:00.000Z'));
    expect(lines).toHaveLength(2);
    expect(lines[0]).toBe(
      'az aks update -g rg-prod -n aks-prod --enable-force-upgrade --upgrade-override-until 2026-12-09T12:00:00.000Z --subscription 1f3a2b4c-0000-4000-8000-000000000001',
    );
  });

  it('pool and node-image upgrades name the pool and its cluster', () => {
    expect(azPoolUpgrade(AT, 'apps', '1.32.5', false)).toBe(
      'az aks nodepool upgrade -g rg-prod --cluster-name aks-prod -n apps --kubernetes-version 1.32.5 --subscription 1f3a2b4c-0000-4000-8000-000000000001',
    );
    expect(azNodeImageUpgrade(AT, 'apps', false)).toBe(
      'az aks nodepool upgrade -g rg-prod --cluster-name aks-prod -n apps --node-image-only --subscription 1f3a2b4c-0000-4000-8000-000000000001',
    );
  });

  it('odd resource-group names are quoted', () => {
    const odd = { ...AT, resourceGroup: "rg (Alice's)" };
    expect(azNodeImageUpgrade(odd, 'apps', false)).toContain(
      `-g 'rg (Alice'\\''s)' --cluster-name`,
    );
  });

  it('kubectl drain carries the flags of the chosen options', () => {
    expect(kubectlDrain('aks-apps-0', DEFAULT_DRAIN_OPTIONS, false)).toBe(
      'kubectl drain aks-apps-0 --ignore-daemonsets --timeout=300s',
    );
    expect(
      kubectlDrain(
        'aks-apps-0',
        {
          ...DEFAULT_DRAIN_OPTIONS,
          deleteEmptyDirData: true,
          force: true,
          disableEviction: true,
          gracePeriodSeconds: 30,
          timeoutSeconds: 60,
        },
        false,
      ),
    ).toBe(
      'kubectl drain aks-apps-0 --ignore-daemonsets --delete-emptydir-data --force --disable-eviction --grace-period=30 --timeout=60s',
    );
    expect(kubectlCordon('aks-apps-0', 'uncordon', false)).toBe('kubectl uncordon aks-apps-0');
  });
});

// Under --dry-run a command offered for copying must do what the dry run does: pasted, it changes
// nothing. kubectl has `--dry-run=server` (kubectl drain/cordon/uncordon reference); az has no
// dry run, so its commands are shown as comments naming what a real run would send.
describe('equivalent commands in a dry run', () => {
  const node: DrainNode = {
    name: 'aks-apps-98308395-vmss000001',
    pool: 'apps',
    ready: true,
    schedulable: true,
    conditions: [],
    rebootNeeded: false,
    kuredLock: false,
    podCount: 3,
  };

  it('a dry-run drain offers a command that is a dry run too', () => {
    const asked = drainConfirmation('aks-shop-prod', [node], {}, DEFAULT_DRAIN_OPTIONS, true);
    expect(asked.commands).toEqual([
      'kubectl drain aks-apps-98308395-vmss000001 --ignore-daemonsets --timeout=300s --dry-run=server',
    ]);
    const real = drainConfirmation('aks-shop-prod', [node], {}, DEFAULT_DRAIN_OPTIONS, false);
    expect(real.commands![0]).not.toContain('--dry-run');
  });

  it('dry-run cordon and uncordon offer server-side dry runs', () => {
    expect(cordonConfirmation('aks-shop-prod', [node], true).commands).toEqual([
      'kubectl cordon aks-apps-98308395-vmss000001 --dry-run=server',
    ]);
    expect(uncordonConfirmation('aks-shop-prod', [node], true).commands).toEqual([
      'kubectl uncordon aks-apps-98308395-vmss000001 --dry-run=server',
    ]);
    expect(uncordonConfirmation('aks-shop-prod', [node], false).commands).toEqual([
      'kubectl uncordon aks-apps-98308395-vmss000001',
    ]);
  });

  it('az commands are comments a shell does not run', () => {
    const lines = [
      ...azControlPlaneUpgrade(AT, '1.32.5', true, new Date('2026-12-09T12:00:00.000Z')),
      azPoolUpgrade(AT, 'apps', '1.32.5', true),
      azNodeImageUpgrade(AT, 'apps', true),
    ];
    expect(lines).toHaveLength(4);
    for (const line of lines) {
      expect(line).toMatch(/^# not run \(dry run\): az aks /);
      // Pasted into a real shell, it does nothing (prints nothing, fails nothing).
      expect(execFileSync('/bin/sh', ['-c', line], { encoding: 'utf8' })).toBe('');
    }
  });
});
