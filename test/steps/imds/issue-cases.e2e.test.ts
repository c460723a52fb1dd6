import { rmSync } from 'node:fs';
import { NetworkingV1Api } from '@kubernetes/client-node';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { runAudit } from '../../../src/cli/run-audit.js';
import type { AuditReport } from '../../../src/report/audit-schema.js';
import { imdsSession, type ImdsSession } from './harness.js';
import { issueCasesScenario } from './issue-cases.js';
import { viewText } from '../../../src/steps/contract/view.js';

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));
let session: ImdsSession | undefined;
afterEach(async () => {
  await session?.close();
  session = undefined;
});

function scenario(engine?: string): string {
  const dir = issueCasesScenario(engine);
  dirs.push(dir);
  return dir;
}

async function auditJson(dir: string): Promise<AuditReport> {
  let out = '';
  await runAudit(
    { cloud: 'AzureCloud', demo: true, scenario: dir },
    { steps: ['imds'], output: 'json', failOn: 'high' },
    {},
    { out: (t) => (out += t), err: () => undefined, progress: false },
  );
  return JSON.parse(out) as AuditReport;
}

describe("audit --output json on the issue's cases", () => {
  it('flags only the rules that really allow TCP 80 to the endpoint, with their real ports', async () => {
    const report = await auditJson(scenario());
    const findings = report.steps[0]!.findings;
    const reopens = findings.filter((f) => f.id === 'imds.rule-reopens');
    expect(reopens.map((f) => f.object?.namespace).sort()).toEqual([
      'imds-only',
      'low-ports',
      'web-out',
    ]);
    const message = (ns: string) => reopens.find((f) => f.object?.namespace === ns)!.message;
    expect(message('low-ports')).toContain('on TCP/1-1024');
    expect(message('web-out')).toContain('on TCP/80');
    expect(message('imds-only')).toContain('allows 169.254.169.254/32');
    // DNS, 443 out, a named port on an ipBlock, 1024-65535: not the endpoint on 80.
    // Calico's own kinds are not served here (no such CRD): nothing unread, nothing to judge.
    expect(findings.filter((f) => f.id === 'imds.engine-policies-unread')).toHaveLength(0);
    const others = findings.filter((f) => f.id !== 'imds.rule-reopens');
    expect(others.map((f) => [f.id, f.object?.name])).toEqual([
      ['imds.namespace-exposed', 'default'],
    ]);
    expect(report.steps[0]!.summary).toEqual(
      expect.arrayContaining([
        'dns-only: ✔ blocked',
        'https-out: ✔ blocked',
        'named-port: ✔ blocked',
        'high-ports: ✔ blocked',
      ]),
    );
    expect(JSON.stringify(report)).not.toContain('TCP/1024"');
  });

  it('with networkPolicy none, every namespace reads "not enforced", none "blocked"', async () => {
    const report = await auditJson(scenario('none'));
    const step = report.steps[0]!;
    expect(step.summary!.slice(1).every((line) => line.includes('✖ not enforced'))).toBe(true);
    expect(JSON.stringify(step.summary)).not.toContain('✔ blocked');
    const exposed = step.findings.filter((f) => f.id === 'imds.namespace-exposed');
    expect(exposed.map((f) => f.object?.name).sort()).toContain('dns-only');
    expect(exposed.find((f) => f.object?.name === 'dns-only')!.message).toContain(
      'No engine enforces NetworkPolicies',
    );
  });
});

describe('the fix for a rule whose only peer is the endpoint', () => {
  it('deletes the rule (never `to: []`), checked, and the namespace is then blocked', async () => {
    const s = (session = await imdsSession(scenario()));
    await s.host.open('imds');
    const row = s.state().rows.find((r) => r.namespace === 'imds-only')!;
    expect(row.verdict).toBe('reopened');
    expect(viewText(row.details)).toContain('rule 0: deleted (169.254.169.254 was all it allowed)');
    const sent = s.host.send('imds', { type: 'fix', namespace: 'imds-only' });
    await s.until(() => s.store.getState().confirmation !== undefined, 'the confirmation');
    const confirmation = s.store.getState().confirmation!;
    expect(confirmation.details).toContain(
      'imds-only/egress: rule 0: deleted (169.254.169.254 was all it allowed)',
    );
    expect(confirmation.details).toContain(
      'Checked before this question: the edit opens nothing that was closed.',
    );
    s.store.answer(true);
    await sent;
    const stored = await s.connection.kc
      .makeApiClient(NetworkingV1Api)
      .readNamespacedNetworkPolicy({ namespace: 'imds-only', name: 'egress' });
    expect(stored.spec?.egress ?? []).toEqual([]);
    expect(stored.spec?.policyTypes).toEqual(['Egress']);
    expect(s.store.getState().stepViews.imds?.result?.[0]).toBe('✔ imds-only: verified blocked');
  });
});
