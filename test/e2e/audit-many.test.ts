import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CombinedReport } from '../../src/report/combined-schema.js';
import { runSimCommand } from '../../src/sim/sim-command.js';
import type { Simulator } from '../../src/sim/simulator.js';
import { runBin } from '../helpers/cli-process.js';
import { publishedCombinedSchema } from '../report/published-combined-schema.js';
import { publishedSchema } from '../report/published-schema.js';
import { tempDir } from '../helpers/temp-dir.js';

// Two simulated clusters, each its own `aks-runbook sim`, audited by the built bin from a clusters file.

const dir = tempDir('audit-many-');
const stop = new AbortController();
const running: Promise<void>[] = [];

async function startSim(scenario: string, file: string): Promise<Simulator> {
  let ready: (s: Simulator) => void = () => undefined;
  const up = new Promise<Simulator>((resolve) => (ready = resolve));
  running.push(
    runSimCommand(
      {
        scenario,
        speed: 1000,
        kubeconfigOut: join(dir, `${file}.kubeconfig`),
        connectionOut: join(dir, `${file}.json`),
        signal: stop.signal,
        onReady: ready,
      },
      { write: () => undefined },
    ),
  );
  return up;
}

function clustersFile(name: string, text: string): string {
  const file = join(dir, name);
  writeFileSync(file, text);
  return file;
}

describe('aks-runbook audit --clusters on two simulated clusters', () => {
  let shop: Simulator;
  let minimal: Simulator;
  beforeAll(async () => {
    [shop, minimal] = await Promise.all([startSim('demo', 'shop'), startSim('minimal', 'min')]);
  });
  afterAll(async () => {
    stop.abort();
    await Promise.all(running);
  });

  it('prints one combined report, a section per cluster, in file order; worst exit code; no writes', async () => {
    const before = [shop.log.entries.length, minimal.log.entries.length];
    // Paths in the file are relative to the file itself.
    const file = clustersFile(
      'clusters.yaml',
      'clusters:\n  - simConnection: shop.json\n    label: shop\n  - simConnection: min.json\n',
    );
    const ran = await runBin(
      ['audit', '--clusters', file, '--output', 'json', '--fail-on', 'low'],
      {},
      {
        timeoutMs: 60_000,
      },
    );
    expect(ran.stderr).toBe(''); // not a terminal: no progress, and nothing went wrong
    const report = JSON.parse(ran.stdout) as CombinedReport;
    expect(publishedCombinedSchema().safeParse(report).success).toBe(true);
    expect(report.schemaVersion).toBe(2);
    expect(report.clusters.map((c) => [c.label, c.outcome, c.report?.cluster.name])).toEqual([
      ['shop', 'audited', 'aks-shop-prod'],
      ['min.json', 'audited', 'aks-minimal'],
    ]);
    for (const c of report.clusters) {
      expect(publishedSchema().safeParse(c.report).success).toBe(true);
      expect(c.exitCode).toBe(c.report!.exitCode);
    }
    expect(report.exitCode).toBe(Math.max(...report.clusters.map((c) => c.exitCode)));
    expect(ran.code).toBe(report.exitCode);
    expect(
      report.clusters[0]!.report!.totals.high + report.clusters[0]!.report!.totals.medium,
    ).toBeGreaterThan(0);
    for (const [i, sim] of [shop, minimal].entries()) {
      const seen = sim.log.entries.slice(before[i]);
      expect(seen.some((e) => e.api === 'kube')).toBe(true);
      expect(seen.filter((e) => e.effect !== 'read')).toEqual([]);
    }
  });

  it('a cluster that cannot be reached is its own section and a line on stderr; exit 2', async () => {
    const file = clustersFile(
      'with-missing.json',
      JSON.stringify([
        { simConnection: 'min.json' },
        { simConnection: 'gone.json', label: 'gone' },
      ]),
    );
    const ran = await runBin(
      ['audit', '--clusters', file, '--output', 'json'],
      {},
      { timeoutMs: 60_000 },
    );
    expect(ran.code).toBe(2);
    expect(ran.stderr.trim().split('\n')).toEqual([
      expect.stringMatching(/^aks-runbook: cluster gone: unreachable: .*gone\.json/),
    ]);
    const report = JSON.parse(ran.stdout) as CombinedReport;
    expect(publishedCombinedSchema().safeParse(report).success).toBe(true);
    expect(report.clusters.map((c) => c.outcome)).toEqual(['audited', 'unreachable']);
    expect(report.clusters[1]!.report).toBeUndefined();
  });

  it('--all-in-subscription lists the simulator subscription and audits what it finds', async () => {
    const ran = await runBin(
      [
        'audit',
        '--all-in-subscription',
        '--sim-connection',
        join(dir, 'min.json'),
        '--output',
        'markdown',
      ],
      {},
      { timeoutMs: 60_000 },
    );
    expect([0, 1]).toContain(ran.code);
    expect(ran.stdout).toMatch(/^# AKS audit: 1 cluster\n/);
    expect(ran.stdout).toContain(`\n## AKS audit: aks-minimal\n`);
  });

  it('a bad clusters file is one line naming the file and the entry, exit 2, and nothing is audited', async () => {
    const before = shop.log.entries.length;
    const cases: Array<[string, RegExp]> = [
      ['- simConnection: shop.json\n- resourceGroup: rg\n', /entry 2: .*resourceGroup and name/],
      ['- simConnection: shop.json\n- nmae: typo\n', /entry 2: .*nmae/],
      ['clusters: []\n', /empty/],
      ['clusters: [\n', /not YAML or JSON/],
      ['- context: prod\n  subscription: s\n', /entry 1 \(prod\): subscription needs/],
      // The same cluster twice would be audited twice, two identical rows in the summary.
      ['- simConnection: shop.json\n- simConnection: ./shop.json\n', /entry 2: .*entry 1/],
      [
        '- {resourceGroup: rg, name: aks, subscription: s}\n- {resourceGroup: RG, name: AKS, subscription: s, label: again}\n',
        /entry 2 \(again\): .*entry 1/,
      ],
      ['- context: prod\n- context: prod\n  label: again\n', /entry 2 \(again\): .*entry 1/],
    ];
    for (const [text, expected] of cases) {
      const file = clustersFile('bad.yaml', text);
      const ran = await runBin(['audit', '--clusters', file]);
      expect(ran.code, text).toBe(2);
      expect(ran.stdout).toBe('');
      expect(ran.stderr.trim().split('\n'), ran.stderr).toHaveLength(1);
      expect(ran.stderr).toContain(file);
      expect(ran.stderr).toMatch(expected);
    }
    expect(shop.log.entries.length).toBe(before);
  });

  it('refuses flags that name one cluster next to --clusters, in one line', async () => {
    for (const args of [
      ['audit', '--clusters', 'x.yaml', '-g', 'rg', '-n', 'c'],
      ['audit', '--clusters', 'x.yaml', '--all-in-subscription'],
      ['audit', '--all-in-subscription', '--demo'],
      ['audit', '--all-in-subscription'],
    ]) {
      const ran = await runBin(args);
      expect(ran.code, args.join(' ')).toBe(2);
      expect(ran.stderr.trim().split('\n'), ran.stderr).toHaveLength(1);
    }
  });
});
