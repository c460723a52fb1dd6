import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditReport } from '../../src/report/audit-schema.js';
import { runBin } from '../helpers/cli-process.js';
import { JUNIT_XSD, sarifSchema, xmlAgainstXsd } from '../helpers/schema-validators.js';
import { startSimCommand, type RunningSim } from '../helpers/sim-command.js';
import { tempDir } from '../helpers/temp-dir.js';
import { publishedSchema } from '../report/published-schema.js';
import { kubectl } from '../sim/helpers/kube-kubectl.js';

// The "done when", through the built program as a pipeline runs it: waivers that make
// --fail-on high pass only while they hold, a baseline after a fix, and the CI formats.

const dir = tempDir('audit-gates-');
const waivers = join(dir, 'waivers.yaml');
// containers and upgrades have four high findings on the demo cluster: the log shipper's and
// kured's (installed into kube-system by the operator, so reported: no namespace is exempt by
// name), and the blocking PDB.
const STEPS = ['--steps', 'containers,upgrades', '--fail-on', 'high'];

function writeWaivers(privilegedUntil: string, pdbUntil: string): void {
  writeFileSync(
    waivers,
    `waivers:
  - finding: containers.privileged
    object: { kind: Deployment, namespace: monitoring, name: log-shipper }
    cluster: aks-shop-*
    reason: the log shipper reads the nodes' logs; the vendor needs privileged until v5
    owner: platform-team@contoso.com
    expires: ${privilegedUntil}
  - finding: versions.pdb-blocks-drain
    object: { kind: PodDisruptionBudget, namespace: payments, name: orders-db }
    reason: one replica until the database moves to the managed service
    owner: payments-team@contoso.com
    expires: ${pdbUntil}
  - finding: containers.privileged
    object: { kind: DaemonSet, namespace: kube-system, name: kured }
    reason: kured reboots nodes from inside the host's PID namespace
    owner: platform-team@contoso.com
    expires: ${pdbUntil}
  - finding: containers.host-namespace
    object: { kind: DaemonSet, namespace: kube-system, name: kured }
    reason: kured reboots nodes from inside the host's PID namespace
    owner: platform-team@contoso.com
    expires: ${pdbUntil}
`,
  );
}

async function audit(args: string[], now: string, env: Record<string, string> = {}) {
  const ran = await runBin(
    ['audit', ...args, '--output', 'json'],
    { AKS_RUNBOOK_TEST_NOW: now, XDG_STATE_HOME: join(dir, 'state'), ...env },
    { timeoutMs: 60_000 },
  );
  expect(ran.stderr).toBe('');
  const report = JSON.parse(ran.stdout) as AuditReport;
  expect(publishedSchema().safeParse(report).success).toBe(true);
  expect(report.exitCode).toBe(ran.code);
  return report;
}

const findings = (r: AuditReport) => r.steps.flatMap((s) => s.findings);

describe('audit --demo with a waivers file', () => {
  it('--fail-on high passes only while the waivers hold; an expired one fails with waiver.expired', async () => {
    const bare = await audit(['--demo', ...STEPS], '2026-03-01');
    expect(
      findings(bare)
        .filter((f) => f.severity === 'high')
        .map((f) => `${f.id} ${f.object?.name}`)
        .sort(),
    ).toEqual([
      'containers.host-namespace kured',
      'containers.privileged kured',
      'containers.privileged log-shipper',
      'versions.pdb-blocks-drain orders-db',
    ]);
    expect(bare.exitCode).toBe(1);

    writeWaivers('2026-03-31', '2026-06-30');
    const held = await audit(['--demo', ...STEPS, '--waivers', waivers], '2026-03-01');
    expect(held.exitCode).toBe(0);
    const waived = findings(held).filter((f) => f.waiver);
    expect(
      waived.map((f) => [f.id, f.object?.name, f.waiver!.owner, f.waiver!.entry]).sort(),
    ).toEqual([
      ['containers.host-namespace', 'kured', 'platform-team@contoso.com', 4],
      ['containers.privileged', 'kured', 'platform-team@contoso.com', 3],
      ['containers.privileged', 'log-shipper', 'platform-team@contoso.com', 1],
      ['versions.pdb-blocks-drain', 'orders-db', 'payments-team@contoso.com', 2],
    ]);
    expect(held.totals.high).toBe(4); // still in the report
    expect(held.waivers).toMatchObject({ waived: 4, expired: 0, unused: 0 });

    const lapsed = await audit(['--demo', ...STEPS, '--waivers', waivers], '2026-04-01');
    expect(lapsed.exitCode).toBe(1);
    const expired = findings(lapsed).filter((f) => f.id === 'waiver.expired');
    expect(expired).toHaveLength(1);
    expect(expired[0]!.message).toContain('containers.privileged');
    expect(expired[0]!.message).toContain('expired on 2026-03-31');
    expect(
      findings(lapsed).find(
        (f) => f.object?.name === 'log-shipper' && f.id === 'containers.privileged',
      )!.waiver,
    ).toBeUndefined();
  }, 120_000);

  it('a bad waivers file is one line naming the file and the entry, exit 2, before any cluster', async () => {
    writeWaivers('2026-03-31', '2030-01-01');
    const far = await runBin(['audit', '--demo', '--waivers', waivers], {
      AKS_RUNBOOK_TEST_NOW: '2026-03-01',
    });
    expect(far.code).toBe(2);
    expect(far.stdout).toBe('');
    expect(far.stderr).toBe(
      `aks-runbook: ${waivers}: entry 2 (versions.pdb-blocks-drain): expires 2030-01-01 is more than 180 days ahead (latest 2026-08-28); choose an earlier date, or raise --waiver-max-days\n`,
    );
    const raised = await runBin(
      [
        'audit',
        '--demo',
        ...STEPS,
        '--waivers',
        waivers,
        '--waiver-max-days',
        '3650',
        '--output',
        'json',
      ],
      { AKS_RUNBOOK_TEST_NOW: '2026-03-01' },
      { timeoutMs: 60_000 },
    );
    expect(raised.code).toBe(0);
    writeFileSync(
      waivers,
      'waivers:\n  - finding: rbac.forbidden\n    reason: r\n    owner: o\n    expires: 2026-04-01\n',
    );
    const hole = await runBin(['audit', '--demo', '--waivers', waivers]);
    expect(hole.code).toBe(2);
    expect(hole.stderr.trim().split('\n')).toHaveLength(1);
    expect(hole.stderr).toContain(`${waivers}: entry 1 (rbac.forbidden): finding: a refused read`);
    const missing = await runBin(['audit', '--demo', '--waivers', join(dir, 'nope.yaml')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/^aks-runbook: cannot read the waivers file .*nope\.yaml: /);
  }, 120_000);
});

describe('audit --baseline against a running simulator, after a fix', () => {
  let running: RunningSim;
  const simDir = tempDir('audit-gates-sim-');
  beforeAll(async () => {
    running = await startSimCommand('demo', { dir: simDir });
  });
  afterAll(() => running.stop());

  it('reports what was fixed and nothing new, from a file or from the last recorded audit', async () => {
    const target = ['--sim-connection', running.connectionFile];
    const env = { XDG_STATE_HOME: join(dir, 'sim-state') };
    const before = await runBin(
      ['audit', ...target, '--output', 'json', '--out', join(dir, 'before.json')],
      env,
      {
        timeoutMs: 60_000,
      },
    );
    expect(before.code).toBe(1);

    // The fix, as an operator makes it in a second terminal: the directly bound user goes.
    const fix = await kubectl(['delete', 'rolebinding', 'sam-secret-reader', '-n', 'payments'], {
      kubeconfig: running.kubeconfigFile,
      home: tempDir('kubectl-home-'),
    });
    expect(fix.stderr).toBe('');
    expect(fix.code).toBe(0);

    // `last` first: every audit records itself, so after this one the last is the fixed cluster.
    for (const baseline of ['last', join(dir, 'before.json')]) {
      const ran = await runBin(
        ['audit', ...target, '--output', 'json', '--baseline', baseline, '--fail-on-new'],
        env,
        {
          timeoutMs: 60_000,
        },
      );
      const report = JSON.parse(ran.stdout) as AuditReport;
      expect(publishedSchema().safeParse(report).success).toBe(true);
      expect(report.baseline!.found).toBe(true);
      expect(
        report
          .baseline!.fixed.map(
            (f) => `${f.id} ${f.object?.kind}/${f.object?.namespace}/${f.object?.name}`,
          )
          .sort(),
      ).toEqual([
        'rbac.secrets-read RoleBinding/payments/sam-secret-reader',
        'rbac.user-subject RoleBinding/payments/sam-secret-reader',
      ]);
      expect(report.baseline!.totals.new).toBe(0);
      expect(findings(report).filter((f) => f.change === 'new')).toEqual([]);
      expect(report.totals.high).toBeGreaterThan(0);
      expect(ran.code).toBe(0); // only new findings count, and there are none
    }
    // "last" is now the audit just run: the fix is no longer a change.
    const again = await runBin(
      ['audit', ...target, '--output', 'markdown', '--baseline', 'last'],
      env,
      {
        timeoutMs: 60_000,
      },
    );
    expect(again.stdout).toContain('## Changes since ');
    expect(again.stdout).toMatch(/- 0 new, \d+ unchanged, 0 fixed/);
  }, 180_000);

  it('--output sarif and --output junit of the built program validate against their schemas', async () => {
    const target = ['--sim-connection', running.connectionFile];
    const env = { XDG_STATE_HOME: join(dir, 'sim-state') };
    const sarif = await runBin(
      ['audit', ...target, '--output', 'sarif', '--baseline', 'last'],
      env,
      { timeoutMs: 60_000 },
    );
    expect(sarif.code).toBe(1);
    expect(sarifSchema()(JSON.parse(sarif.stdout))).toEqual([]);
    const junit = await runBin(['audit', ...target, '--output', 'junit'], env, {
      timeoutMs: 60_000,
    });
    expect(junit.code).toBe(1);
    expect(await xmlAgainstXsd(junit.stdout, JUNIT_XSD)).toEqual([]);
    expect(junit.stdout).toContain('<failure type="imds.namespace-exposed"');
    expect(readFileSync(join(dir, 'before.json'), 'utf8')).toContain('"schemaVersion": 1');
  }, 120_000);
});
