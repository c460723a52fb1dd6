import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { connect } from '../../../src/target/connect.js';
import { imdsStep } from '../../../src/steps/imds/index.js';
import { imdsSession, type ImdsSession } from './harness.js';
import { tempDir } from '../../helpers/temp-dir.js';
import { ONE_SYSTEM_POOL } from './one-pool-tail.js';

let session: ImdsSession | undefined;
afterEach(async () => {
  await session?.close();
  session = undefined;
});

/** A scenario folder: no policy engine, one app namespace, the operator bound to `role`. */
function scenarioDir(rules: string): string {
  const dir = tempDir('imds-scn-');
  writeFileSync(
    join(dir, 'cluster.yaml'),
    `apiVersion: aks-runbook/v1alpha1
kind: AksScenario
description: No policy engine.
cluster:
  resourceGroup: rg-none
  name: aks-none
  location: westeurope
  kubernetesVersion: 1.31.8
  # Entra ID: the operator signs in as op@contoso.com (without it AKS hands out its admin certificate).
  aadProfile:
    managed: true
  networkProfile:
    networkPlugin: azure
    networkPolicy: none
${ONE_SYSTEM_POOL}`,
  );
  writeFileSync(
    join(dir, 'objects.yaml'),
    `apiVersion: v1
kind: Namespace
metadata:
  name: app
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata:
  name: ops
rules:
${rules}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata:
  name: ops
subjects:
  - apiGroup: rbac.authorization.k8s.io
    kind: Group
    name: ops
roleRef:
  apiGroup: rbac.authorization.k8s.io
  kind: ClusterRole
  name: ops
`,
  );
  return dir;
}

const EVERYTHING = `  - apiGroups: ["*"]
    resources: ["*"]
    verbs: ["*"]`;
const NO_PODS = `  - apiGroups: [""]
    resources: [nodes, namespaces]
    verbs: [get, list]`;

describe('imds step edge cases on the simulator', () => {
  it('no policy engine: says so, and still lets the operator create policies, told they are inert', async () => {
    const s = (session = await imdsSession(scenarioDir(EVERYTHING)));
    await s.host.open('imds');
    const findings = s.store.getState().stepViews.imds?.findings ?? [];
    expect(findings[0]).toMatchObject({ id: 'imds.no-policy-engine', severity: 'high' });
    expect(findings[0]!.remediation).toContain('az aks update -g rg-none -n aks-none');
    expect(s.state().inert).toContain('will not be enforced');
    const sent = s.host.send('imds', { type: 'action', key: 'a' });
    await s.until(() => s.store.getState().confirmation !== undefined, 'the confirmation');
    expect(s.store.getState().confirmation?.details).toContain(
      'No policy engine on this cluster: the policies will NOT be enforced until one is enabled.',
    );
    s.store.answer(false);
    await sent;
  });

  it('a forbidden read is a finding, never a pass, and no change is offered', async () => {
    const s = (session = await imdsSession(scenarioDir(NO_PODS)));
    await s.host.open('imds');
    const findings = s.store.getState().stepViews.imds?.findings ?? [];
    expect(findings.map((f) => f.id)).toEqual(['imds.forbidden']);
    expect(findings[0]!.message).toContain('list pods');
    expect(s.state().forbidden).toBeDefined();
    expect(s.state().apply).toBeUndefined();
    expect(s.store.getState().steps.imds).toEqual({ kind: 'findings', count: 1 });
  });

  it('more than ten namespaces need the cluster name typed', async () => {
    const s = (session = await imdsSession('imds-mixed'));
    s.sim.kube.load(
      ['a', 'b', 'c', 'd', 'e', 'f'].map((n) => ({
        apiVersion: 'v1',
        kind: 'Namespace',
        metadata: { name: `team-${n}` },
      })),
    );
    await s.host.open('imds');
    await s.host.send('imds', { type: 'toggle', namespace: 'kube-public' });
    await s.host.send('imds', { type: 'toggle', namespace: 'kube-node-lease' });
    const sent = s.host.send('imds', { type: 'action', key: 'a' });
    await s.until(() => s.store.getState().confirmation !== undefined, 'the confirmation');
    expect(s.store.getState().confirmation).toMatchObject({ typed: 'aks-imds' });
    expect(s.store.getState().confirmation?.change).toContain('in 11 namespaces');
    s.store.answer(false);
    await sent;
    expect(s.sim.log.writes()).toEqual([]);
  });

  it('kube-only: the engine is unknown and the reason is given', async () => {
    const s = (session = await imdsSession('demo'));
    const file = join(tempDir('kc-'), 'config');
    writeFileSync(file, s.sim.userKubeconfig());
    const connection = await connect(
      { cloud: 'AzureCloud', demo: false, kubeconfig: file },
      { env: {}, mode: { readOnly: false, dryRun: false } },
    );
    const seen = await imdsStep.inspect!({
      connection,
      mode: { readOnly: true, dryRun: false, demo: true },
    });
    const unknown = seen.findings.find((f) => f.id === 'imds.engine-unknown');
    expect(unknown?.message).toContain('--subscription, -g and -n');
    expect(seen.summary?.[0]).toMatch(/^policy engine unknown/);
    // A namespace the policies block is blocked only if an engine enforces them: it says so.
    const verdicts = seen.summary!.slice(1);
    expect(verdicts.join('\n')).not.toContain('✔ blocked');
    expect(verdicts).toContainEqual(expect.stringMatching(/: △ blocked if enforced/));
    expect(seen.findings.filter((f) => f.id === 'imds.namespace-exposed')).toHaveLength(3);
  });
});
