import type { AuditReport } from '../../src/report/audit-schema.js';

/** A hand-written report with every step status, for renderer and schema tests. */
export function sampleReport(overrides: Partial<AuditReport> = {}): AuditReport {
  return {
    schema: 'aks-runbook/audit-report',
    schemaVersion: 1,
    tool: { name: 'aks-runbook', version: '0.1.0' },
    generatedAt: '2025-03-01T10:00:05.000Z',
    durationMs: 5000,
    cluster: {
      name: 'aks-one',
      server: 'https://aks-one.hcp.westeurope.azmk8s.io:443',
      kubernetesVersion: '1.31.8',
      subscriptionId: '00000000-0000-0000-0000-000000000001',
      resourceGroup: 'rg-one',
      location: 'westeurope',
      simulated: false,
    },
    failOn: 'high',
    steps: [
      {
        id: 'rbac',
        title: 'RBAC bindings',
        status: 'findings',
        durationMs: 120,
        findings: [
          {
            id: 'rbac.user-subject',
            severity: 'medium',
            step: 'rbac',
            object: { kind: 'RoleBinding', namespace: 'payments', name: 'alice|admin' },
            message: 'User alice is bound directly',
            remediation: 'Bind an Entra ID group instead',
            confirmedBy: null,
          },
          {
            id: 'rbac.cluster-admin',
            severity: 'high',
            step: 'rbac',
            message: 'cluster-admin for a user',
            confirmedBy: 'api-server',
          },
        ],
      },
      {
        id: 'imds',
        title: 'Instance metadata endpoint',
        status: 'ok',
        durationMs: 80,
        findings: [],
      },
      {
        id: 'defender',
        title: 'Threat protection',
        status: 'unavailable',
        reason: 'Azure-side steps need the cluster named',
        findings: [],
      },
      {
        id: 'containers',
        title: 'Container privileges',
        status: 'forbidden',
        reason: 'you are not allowed to list pods',
        durationMs: 10,
        findings: [],
      },
      {
        id: 'drain',
        title: 'Cordon and drain',
        status: 'not-built',
        reason: 'this version does not inspect this step yet',
        findings: [],
      },
    ],
    totals: { info: 0, low: 0, medium: 1, high: 1 },
    exitCode: 2,
    ...overrides,
  };
}
