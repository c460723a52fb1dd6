import { RbacAuthorizationV1Api } from '@kubernetes/client-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkRbac } from '../../src/checks/rbac/check-bindings.js';
import { readRbac } from '../../src/kube/rbac-read.js';
import type { AuditReport, ReportedFinding } from '../../src/report/audit-schema.js';
import { startSimulator, type Simulator } from '../../src/sim/simulator.js';
import { confirmWithServer } from '../../src/steps/rbac/confirm.js';
import type { Connection } from '../../src/model/connection.js';
import { runBin } from '../helpers/cli-process.js';
import { connectToSim } from '../helpers/sim-session.js';
import { publishedSchema } from '../report/published-schema.js';

// The cases as a scenario (rbac-review), audited by the built program over real HTTPS: the
// right findings, and every high one confirmed by the simulator's own authorizer.

async function audit(scenario: string): Promise<AuditReport> {
  const ran = await runBin(
    ['audit', '--demo', '--scenario', scenario, '--output', 'json', '--steps', 'api-access,rbac'],
    {},
    { timeoutMs: 60_000 },
  );
  expect(ran.stderr).toBe('');
  const report = JSON.parse(ran.stdout) as AuditReport;
  expect(publishedSchema().safeParse(report).success).toBe(true);
  return report;
}

const key = (f: ReportedFinding) => `${f.id}:${f.severity}:${f.object?.name ?? '-'}`;
const stepFindings = (r: AuditReport, id: string) => r.steps.find((s) => s.id === id)!.findings;

describe('audit --output json on the rbac-review scenario', () => {
  it('gives the findings of the issue’s cases, high ones confirmed by the API server', async () => {
    const report = await audit('rbac-review');
    const rbac = stepFindings(report, 'rbac');
    expect(rbac.map(key).sort()).toEqual(
      [
        // cluster-admin for ServiceAccounts, however they are named
        'rbac.cluster-admin:high:all-serviceaccounts-admin',
        'rbac.cluster-admin:high:payments-serviceaccounts-admin',
        // ... which are also grants to a ServiceAccounts group beyond its own namespace
        'rbac.all-service-accounts:high:all-serviceaccounts-admin',
        'rbac.all-service-accounts:high:payments-serviceaccounts-admin',
        'rbac.cluster-admin:high:attacker-admin',
        'rbac.cluster-admin:high:payments-api-admin',
        // `*` on `*` in one API group: a wildcard, not impersonation; in apps, cluster-wide, it
        // also creates Deployments and DaemonSets in kube-system (workload creation), and their
        // pods may mount any Secret of their namespace: secrets read indirectly, everywhere
        'rbac.wildcard:medium:apps-operators',
        'rbac.escalation:high:apps-operators',
        'rbac.secrets-read:high:apps-operators',
        'rbac.wildcard:medium:prometheus-operator',
        // */exec grants pods/exec (pods/* grants nothing: support-pod-subresources is quiet)
        'rbac.escalation:high:support-exec',
        // a label does not hide a binding, and is a finding of its own
        'rbac.user-subject:medium:aks-backdoor',
        'rbac.cluster-admin:high:aks-backdoor',
        'rbac.aks-label-mismatch:medium:aks-backdoor',
        // the Entra admin group: info, from AKS's binding and from the extra one
        'rbac.aks-admin-group:info:aks-cluster-admin-binding-aad',
        'rbac.aks-admin-group:info:aks-admins-cluster-admin',
      ].sort(),
    );
    const high = rbac.filter((f) => f.severity === 'high');
    expect(high.map((f) => [key(f), f.confirmedBy])).toEqual(
      high.map((f) => [key(f), 'api-server']),
    );
    // Every finding says whether it was confirmed: null when there was nothing to ask.
    expect(rbac.find((f) => f.id === 'rbac.aks-label-mismatch')?.confirmedBy).toBeNull();
    expect(stepFindings(report, 'api-access').map(key)).toEqual([
      'access.azure-rbac-off:low:aks-rbac-review',
      'access.api-public:medium:aks-rbac-review',
    ]);
  });

  it('leaves findings unconfirmed, and says why, when the operator may not ask', async () => {
    const report = await audit('rbac-auditor');
    const rbac = report.steps.find((s) => s.id === 'rbac')!;
    expect(rbac.findings.length).toBeGreaterThan(0);
    expect(rbac.findings.every((f) => f.confirmedBy === null)).toBe(true);
    expect(rbac.summary?.join('\n')).toMatch(/you may not create subjectaccessreviews/);
  });
});

describe('a finding the API server disagrees with', () => {
  let sim: Simulator;
  let connection: Connection;
  beforeAll(async () => {
    sim = await startSimulator({ scenario: 'rbac-review', speed: 600 });
    connection = await connectToSim(sim);
  });
  afterAll(async () => {
    await sim.close();
  });

  it('is reported as rbac.server-disagrees, not as the finding', async () => {
    const review = checkRbac(await readRbac(connection.kc));
    // The binding goes away between the read and the question: the server now says no.
    await connection.kc
      .makeApiClient(RbacAuthorizationV1Api)
      .deleteClusterRoleBinding({ name: 'attacker-admin' });
    const confirmed = await confirmWithServer(connection.kc, review);
    const about = confirmed.findings.filter((f) => f.object?.name === 'attacker-admin');
    expect(about.map((f) => [f.id, f.severity, f.confirmedBy])).toEqual([
      ['rbac.server-disagrees', 'low', undefined],
    ]);
    expect(about[0]!.message).toContain('rbac.cluster-admin (high)');
    expect(confirmed.summary).toMatch(/1 it disagrees with/);
    const others = confirmed.findings.filter(
      (f) => f.severity === 'high' && f.object?.name !== 'attacker-admin',
    );
    expect(others.every((f) => f.confirmedBy === 'api-server')).toBe(true);
  });

  it('asks no more than the limit, a few at a time', async () => {
    const review = checkRbac(await readRbac(connection.kc));
    const before = sim.log.entries.length;
    const confirmed = await confirmWithServer(connection.kc, review, { max: 2, concurrency: 1 });
    const asked = sim.log.entries
      .slice(before)
      .filter((e) => e.path.endsWith('/subjectaccessreviews'));
    expect(asked).toHaveLength(2);
    expect(asked.every((e) => e.effect === 'read')).toBe(true);
    expect(confirmed.summary).toMatch(/not asked \(limit 2\)/);
  });
});
