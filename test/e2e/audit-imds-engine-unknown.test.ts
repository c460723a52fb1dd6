// `aks-runbook audit --steps imds` from a kubeconfig alone (no network profile): the engine is
// unknown, and that gates as high, like the imds.no-policy-engine it may hide (less data must not
// pass where more data fails).
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { KubeConfig, NetworkingV1Api } from '@kubernetes/client-node';
import { afterEach, describe, expect, it } from 'vitest';
import { runAudit } from '../../src/cli/run-audit.js';
import type { AuditReport } from '../../src/report/audit-schema.js';
import { tempDir } from '../helpers/temp-dir.js';
import { audit, rig, view, type Rig } from '../helpers/audit-rig.js';

let r: Rig | undefined;
afterEach(async () => {
  await r?.sim.close();
  r = undefined;
});

/** The minimal scenario (networkPolicy none) with default's egress to 169.254.169.254 "blocked". */
async function blockedOnPaper(): Promise<Rig> {
  const at = await rig('minimal');
  const kc = new KubeConfig();
  kc.loadFromString(at.sim.userKubeconfig());
  await kc.makeApiClient(NetworkingV1Api).createNamespacedNetworkPolicy({
    namespace: 'default',
    body: {
      metadata: { name: 'deny-imds' },
      spec: {
        podSelector: {},
        policyTypes: ['Egress'],
        egress: [{ to: [{ ipBlock: { cidr: '0.0.0.0/0', except: ['169.254.169.254/32'] } }] }],
      },
    },
  });
  return at;
}

describe('imds audit without the network profile', () => {
  it('control: with its ARM side the cluster fails (no policy engine: the namespace is exposed)', async () => {
    r = await blockedOnPaper();
    const { code, report } = await audit(r.file, { steps: ['imds'] });
    expect(report.steps[0]!.findings.map((f) => f.id)).toContain('imds.no-policy-engine');
    expect(code, view(report).join('\n')).toBe(1);
  }, 60_000);

  it('from a kubeconfig alone the same cluster does not pass', async () => {
    r = await blockedOnPaper();
    const file = join(tempDir('fault-kubeconfig-'), 'kubeconfig');
    writeFileSync(file, r.sim.userKubeconfig(), { mode: 0o600 });
    let out = '';
    const code = await runAudit(
      { cloud: 'AzureCloud', demo: false, kubeconfig: file },
      { steps: ['imds'], output: 'json', failOn: 'high' },
      { XDG_STATE_HOME: tempDir('fault-state-') },
      { out: (t) => (out += t), err: () => undefined, progress: false },
    );
    const report = JSON.parse(out) as AuditReport;
    // The step knows it does not know...
    expect(report.steps[0]!.findings.map((f) => f.id)).toEqual(['imds.engine-unknown']);
    expect(code, view(report).join('\n')).not.toBe(0);
  }, 60_000);
});
