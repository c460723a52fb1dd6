// Windows Server 2019 node pools cannot run Kubernetes 1.33 or later: AKS Windows FAQ
// (learn.microsoft.com/azure/aks/windows-faq, "Why can't I upgrade my Windows Server 2019 node
// pools to Kubernetes version 1.33?": "Windows Server 2019 isn't supported in Kubernetes version
// 1.33 and above"). With such a pool on 1.32, the upgrades step takes 1.33 as the control-plane
// target with no word of it: the plan goes on to "Then pool win … 1.32.5 → 1.33.1", an upgrade AKS
// refuses, and no finding says the pool must be replaced by a Windows Server 2022 pool first.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { makeUpgradesStep } from '../../src/steps/upgrades/index.js';
import { tempDir } from '../helpers/temp-dir.js';
import { rig, type StepRig } from './step-harness.js';

let r: StepRig | undefined;
afterEach(async () => {
  await r?.close();
  r = undefined;
});

const DESCRIPTOR = `apiVersion: aks-runbook/v1alpha1
kind: AksScenario
cluster:
  resourceGroup: rg
  name: c1
  kubernetesVersion: 1.32.5
  pools:
    - name: system
      mode: System
      count: 1
      orchestratorVersion: 1.32.5
    - name: win
      mode: User
      count: 1
      osType: Windows
      osSKU: Windows2019
      orchestratorVersion: 1.32.5
kubernetesVersions:
  - version: "1.31"
    patches: [1.31.8]
  - version: "1.32"
    patches: [1.32.5]
  - version: "1.33"
    patches: [1.33.1]
    isDefault: true
operator:
  user: me@contoso.com
`;

describe('a Windows Server 2019 pool before an upgrade to 1.33', () => {
  it('is named: the target is refused or warned about, or a finding says the pool blocks 1.33', async () => {
    const dir = tempDir('win2019');
    writeFileSync(join(dir, 'aks.yaml'), DESCRIPTOR);
    r = await rig(dir, 400, 'upgrades', makeUpgradesStep({ updateIntervalInMs: 5, nodePollMs: 5 }));
    await r.host.open('upgrades');
    await r.host.send('upgrades', { type: 'target', version: '1.33.1' });
    const view = r.store.getState().stepViews.upgrades ?? {};
    const said = [
      ...(view.findings ?? []).map((f) => `${f.message} ${f.remediation ?? ''}`),
      ...(view.result ?? []).map(String),
      ...(view.plan ?? []).map(String),
    ].join('\n');
    expect(said).toMatch(/Windows Server 2019|Windows2019/);
  });
});
