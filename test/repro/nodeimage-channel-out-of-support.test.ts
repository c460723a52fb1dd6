// The node OS channel NodeImage (or SecurityPatch) delivers node images only while the cluster's
// Kubernetes minor is in support: AKS's node OS auto-upgrade article, "Available node OS upgrade
// channels": NodeImage "Node image upgrades are supported as long as cluster Kubernetes minor
// version is still in support"; SecurityPatch "works on kubernetes patch versions that are
// deprecated, so long as the minor Kubernetes version is still supported". On a cluster whose
// minor left support the node-image step still tells the operator that AKS moves the nodes to each
// new weekly image, and raises nothing that says the nodes stopped getting OS fixes.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { makeNodeImageStep } from '../../src/steps/node-image/index.js';
import { tempDir } from '../helpers/temp-dir.js';
import { rig, type StepRig } from '../steps/step-harness.js';

let r: StepRig | undefined;
afterEach(async () => {
  await r?.close();
  r = undefined;
});

// Control plane and pool on 1.29, the region lists 1.29-1.32, so its window is 1.30-1.32: 1.29 is out of support, no LTS plan.
const DESCRIPTOR = `apiVersion: aks-runbook/v1alpha1
kind: AksScenario
cluster:
  resourceGroup: rg
  name: c1
  kubernetesVersion: 1.29.15
  autoUpgradeProfile:
    upgradeChannel: none
    nodeOSUpgradeChannel: NodeImage
  pools:
    - name: system
      mode: System
      count: 1
      orchestratorVersion: 1.29.15
      nodeImageVersion: AKSUbuntu-2204gen2containerd-202505.14.0
kubernetesVersions:
  - version: "1.29"
    patches: [1.29.15]
  - version: "1.30"
    patches: [1.30.12]
  - version: "1.31"
    patches: [1.31.8]
  - version: "1.32"
    patches: [1.32.5]
    isDefault: true
operator:
  user: me@contoso.com
`;

describe('node OS channel NodeImage on a cluster out of support', () => {
  it.fails(
    'says the channel no longer brings node images, instead of promising weekly images',
    async () => {
      const dir = tempDir('nodeimage-oos');
      writeFileSync(join(dir, 'aks.yaml'), DESCRIPTOR);
      r = await rig(dir, 400, 'node-image', makeNodeImageStep());
      await r.host.open('node-image');
      const view = r.store.getState().stepViews['node-image'] ?? {};
      const findings = view.findings ?? [];
      // Correct: some finding of this step says node images stop while the minor is out of support.
      expect(findings.some((f) => /support/i.test(`${f.message} ${f.remediation ?? ''}`))).toBe(
        true,
      );
      // And the channel line does not promise what AKS does not do for this cluster.
      expect(view.summary?.join('\n')).not.toContain(
        'AKS moves nodes to each new weekly node image',
      );
    },
  );
});
