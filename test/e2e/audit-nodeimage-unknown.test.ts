// `aks-runbook audit --steps node-image` when ARM leaves out a pool's latestNodeImageVersion:
// nodeimage.unknown gates as high, like the windows-outdated it may hide.
import { afterEach, describe, expect, it } from 'vitest';
import { audit, rig, view, type Rig } from '../helpers/audit-rig.js';

let r: Rig | undefined;
afterEach(async () => {
  await r?.sim.close();
  r = undefined;
});

describe('a Windows pool whose newest node image ARM did not report', () => {
  it('control: reported, the Windows pool is behind (high, exit 1)', async () => {
    r = await rig('demo');
    const { code, report } = await audit(r.file, { steps: ['node-image'] });
    expect(report.steps[0]!.findings.map((f) => f.id)).toContain('nodeimage.windows-outdated');
    expect(code).toBe(1);
  }, 60_000);

  it('not reported: the audit does not pass', async () => {
    r = await rig('demo');
    r.intercept((q, api) => {
      const m = /\/agentPools\/win\/upgradeProfiles\/default$/i.exec(q.path);
      if (api !== 'arm' || !m) return undefined;
      return {
        status: 200,
        body: {
          id: q.path,
          name: 'default',
          type: 'Microsoft.ContainerService/managedClusters/agentPools/upgradeProfiles',
          properties: { kubernetesVersion: '1.31.8', osType: 'Windows', upgrades: [] },
        },
      };
    });
    const { code, report } = await audit(r.file, { steps: ['node-image'] });
    const unknown = report.steps[0]!.findings.find((f) => f.id === 'nodeimage.unknown');
    expect(unknown?.object?.name).toBe('win');
    expect(code, view(report).join('\n')).not.toBe(0);
  }, 60_000);
});
