import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { atOrAbove } from '../../src/report/exit-code.js';
import type { AuditReport } from '../../src/report/audit-schema.js';
import type { Simulator } from '../../src/sim/simulator.js';
import { runBin } from '../helpers/cli-process.js';
import { startSimCommand, type RunningSim } from '../helpers/sim-command.js';
import { publishedSchema } from '../report/published-schema.js';
import { tempDir } from '../helpers/temp-dir.js';

// The built program, headless, as a CI job runs it: no terminal anywhere.

function expectedCode(report: AuditReport, failOn: 'low' | 'medium' | 'high'): number {
  if (report.steps.some((s) => s.status === 'forbidden')) return 2;
  return report.steps.some((s) => s.findings.some((f) => atOrAbove(f.severity, failOn))) ? 1 : 0;
}

describe('aks-runbook audit (built bin, no terminal)', () => {
  it('--demo --output json prints a report valid against the published schema; exit code follows it', async () => {
    const ran = await runBin(['audit', '--demo', '--output', 'json']);
    expect(ran.stderr).toBe(''); // stderr is not a terminal: no progress
    const report = JSON.parse(ran.stdout) as AuditReport;
    expect(publishedSchema().safeParse(report).success).toBe(true);
    expect(report.cluster).toMatchObject({ name: 'aks-shop-prod', simulated: true });
    expect(report.steps).toHaveLength(8);
    expect(report.failOn).toBe('high');
    expect(ran.code).toBe(expectedCode(report, 'high'));
    expect(report.exitCode).toBe(ran.code);
  });

  it('refuses bad flags in one line with exit 2', async () => {
    for (const args of [
      ['audit', '--demo', '--output', 'xml'],
      ['audit', '--demo', '--fail-on', 'critical'],
      ['audit', '--demo', '--steps', 'rbac,nope'],
      ['audit', '--scenario', 'demo'],
      ['audit', '--demo', '--no-such-flag'],
    ]) {
      const ran = await runBin(args);
      expect(ran.code, args.join(' ')).toBe(2);
      expect(ran.stdout).toBe('');
      expect(ran.stderr.trim().split('\n'), ran.stderr).toHaveLength(1);
      expect(ran.stderr).toMatch(/^aks-runbook: /);
    }
  });

  it('says in one line, exit 2, when the cluster cannot be reached', async () => {
    const ran = await runBin(['audit', '--sim-connection', '/nonexistent/sim.json']);
    expect(ran.code).toBe(2);
    expect(ran.stderr.trim().split('\n')).toHaveLength(1);
    expect(ran.stderr).toContain('/nonexistent/sim.json');
  });
});

describe('aks-runbook audit against a running simulator', () => {
  let sim: Simulator;
  const dir = tempDir('audit-e2e-');
  let running: RunningSim;
  const connection = join(dir, 'sim.json');

  beforeAll(async () => {
    running = await startSimCommand('demo', { dir });
    sim = running.sim;
  });
  afterAll(() => running.stop());

  it('sends no write at all, and --fail-on moves the exit code', async () => {
    const before = sim.log.entries.length;
    const low = await runBin([
      'audit',
      '--sim-connection',
      connection,
      '--output',
      'json',
      '--fail-on',
      'low',
    ]);
    const report = JSON.parse(low.stdout) as AuditReport;
    expect(low.code).toBe(expectedCode(report, 'low'));
    const high = await runBin(['audit', '--sim-connection', connection, '--output', 'json']);
    expect(high.code).toBe(expectedCode(JSON.parse(high.stdout) as AuditReport, 'high'));
    const seen = sim.log.entries.slice(before);
    expect(seen.some((e) => e.api === 'kube')).toBe(true);
    expect(seen.filter((e) => e.effect !== 'read')).toEqual([]);
  });

  it('--steps runs only those steps, in checklist order', async () => {
    const ran = await runBin([
      'audit',
      '--sim-connection',
      connection,
      '--output',
      'json',
      '--steps',
      'imds,rbac',
    ]);
    const report = JSON.parse(ran.stdout) as AuditReport;
    expect(report.steps.map((s) => s.id)).toEqual(['rbac', 'imds']);
  });

  it('--out writes the report to the file and nothing to stdout', async () => {
    const out = join(dir, 'report.md');
    const ran = await runBin([
      'audit',
      '--sim-connection',
      connection,
      '--output',
      'markdown',
      '--out',
      out,
    ]);
    expect(ran.stdout).toBe('');
    expect([0, 1]).toContain(ran.code);
    expect(readFileSync(out, 'utf8')).toMatch(/^# AKS audit: aks-shop-prod\n/);
  });
});
