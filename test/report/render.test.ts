import { describe, expect, it } from 'vitest';
import { renderAudit } from '../../src/report/render.js';
import { auditExitCode, atOrAbove } from '../../src/report/exit-code.js';
import { sampleReport } from './sample-report.js';

describe('audit exit codes', () => {
  const { steps } = sampleReport();
  const complete = steps.filter((s) => s.status !== 'forbidden' && s.status !== 'unavailable');

  it('fails (1) when a finding is at or above --fail-on, passes (0) below it', () => {
    expect(auditExitCode(complete, 'high')).toBe(1);
    expect(auditExitCode(complete, 'medium')).toBe(1);
    const mediumOnly = complete.map((s) => ({
      ...s,
      findings: s.findings.filter((f) => f.severity !== 'high'),
    }));
    expect(auditExitCode(mediumOnly, 'high')).toBe(0);
    expect(auditExitCode(mediumOnly, 'medium')).toBe(1);
    expect(auditExitCode(mediumOnly, 'low')).toBe(1);
    expect(auditExitCode([], 'low')).toBe(0);
  });

  it('says 2 when a step was refused for lack of rights: an incomplete audit never passes', () => {
    expect(auditExitCode(steps, 'high')).toBe(2);
  });

  it('says 2 when a step could not finish for any other reason (throttled, timed out, …)', () => {
    const unavailable = steps.filter((s) => s.status !== 'forbidden');
    expect(unavailable.some((s) => s.status === 'unavailable')).toBe(true);
    expect(auditExitCode(unavailable, 'high')).toBe(2);
    // Not built is no hole: this version never claimed to check it.
    const notBuilt = complete.map((s, i) => (i === 0 ? { ...s, status: 'not-built' as const } : s));
    expect(auditExitCode(notBuilt, 'high')).toBe(1);
  });

  it('orders severities info < low < medium < high', () => {
    expect(atOrAbove('high', 'low')).toBe(true);
    expect(atOrAbove('low', 'medium')).toBe(false);
    expect(atOrAbove('info', 'low')).toBe(false);
  });
});

describe('audit renderings', () => {
  it('JSON is the report itself, pretty-printed', () => {
    const report = sampleReport();
    expect(JSON.parse(renderAudit(report, 'json'))).toEqual(report);
  });

  it('Markdown: cluster, steps table with every status, findings with fixes', () => {
    expect(renderAudit(sampleReport(), 'markdown')).toMatchInlineSnapshot(`
      "# AKS audit: aks-one

      - Cluster: **aks-one** (subscription \`00000000-0000-0000-0000-000000000001\`, resource group \`rg-one\`, location westeurope)
      - API server: \`https://aks-one.hcp.westeurope.azmk8s.io:443\`, Kubernetes 1.31.8
      - Audited: 2025-03-01T10:00:05.000Z in 5.0 s by aks-runbook 0.1.0
      - Findings: 1 high, 1 medium, 0 low, 0 info
      - Result: exit code 2 (fails on high and above)
      - **INCOMPLETE: step defender could not finish: Azure-side steps need the cluster named**
      - **INCOMPLETE: step containers could not finish: you are not allowed to list pods**

      ## Steps

      | step | status | findings | note |
      | --- | --- | --- | --- |
      | rbac | ! findings | 2 |  |
      | imds | ✔ ok | 0 |  |
      | defender | – unavailable | 0 | Azure-side steps need the cluster named |
      | containers | ✖ forbidden | 0 | you are not allowed to list pods |
      | drain | · not built | 0 | this version does not inspect this step yet |

      ## RBAC bindings (\`rbac\`)

      - **medium** \`rbac.user-subject\` on \`RoleBinding/payments/alice|admin\`: User alice is bound directly
        - Fix: Bind an Entra ID group instead
      - **high** \`rbac.cluster-admin\`: cluster-admin for a user _(confirmed by the API server)_
      "
    `);
  });

  it('table: one line per step and per finding, the totals and the exit code', () => {
    expect(renderAudit(sampleReport(), 'table')).toMatchInlineSnapshot(`
      "Cluster aks-one (https://aks-one.hcp.westeurope.azmk8s.io:443, Kubernetes 1.31.8)

      rbac         findings    2 findings
      imds         ok
      defender     unavailable Azure-side steps need the cluster named
      containers   forbidden   you are not allowed to list pods
      drain        not-built   this version does not inspect this step yet

      SEVERITY  ID                  OBJECT                            MESSAGE
      MEDIUM    rbac.user-subject   RoleBinding/payments/alice|admin  User alice is bound directly
      HIGH      rbac.cluster-admin  -                                 cluster-admin for a user (confirmed by the API server)

      INCOMPLETE: step defender could not finish: Azure-side steps need the cluster named
      INCOMPLETE: step containers could not finish: you are not allowed to list pods
      1 high, 1 medium, 0 low, 0 info; exit code 2 (fails on high and above)
      "
    `);
  });
});
