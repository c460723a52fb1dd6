// A restrict-instance-metadata policy written by an older version of this tool carries a ::/0
// peer. Azure NPM (IPv4 only) installs none of a policy with an IPv6 block, so on an NPM cluster
// that policy is not in effect and the namespace reads exposed. Creating the policy again collides
// with its name (409): the step must replace that one policy (an update of the object it read,
// with its uid and resourceVersion as preconditions), say so in the plan and the confirmation, and
// journal what was there, so it can be put back exactly.
// Spec: NetworkPolicy update (PUT) with metadata.resourceVersion (optimistic concurrency) and
// metadata.uid (the registry's update precondition); learn.microsoft.com/azure/aks/use-network-policies.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { NetworkingV1Api } from '@kubernetes/client-node';
import { afterEach, describe, expect, it } from 'vitest';
import { imdsSession, type ImdsSession } from './harness.js';
import { engineTraits } from '../../../src/checks/imds/engine.js';
import { apiStatus } from '../../../src/kube/api-status.js';
import { readNetworkPolicy, replaceNetworkPolicy } from '../../../src/kube/network-policies.js';
import { policyFacts } from '../../../src/steps/imds/policy-facts.js';
import { replacement } from '../../../src/steps/imds/replace.js';
import { viewText } from '../../../src/steps/contract/view.js';
import { tempDir } from '../../helpers/temp-dir.js';
import { ONE_SYSTEM_POOL } from './one-pool-tail.js';

let session: ImdsSession | undefined;
afterEach(async () => {
  await session?.close();
  session = undefined;
});

const NAME = 'restrict-instance-metadata';

/** An NPM cluster (IPv4) with app's pods and the older tool's policy (with ::/0) in app. */
function scenarioDir(): string {
  const dir = tempDir('imds-npm-old-');
  writeFileSync(
    join(dir, 'cluster.yaml'),
    `apiVersion: aks-runbook/v1alpha1
kind: AksScenario
description: Azure NPM with an older restrict-instance-metadata policy.
cluster:
  resourceGroup: rg-npm
  name: aks-npm
  location: westeurope
  kubernetesVersion: 1.31.8
  aadProfile:
    managed: true
  networkProfile:
    networkPlugin: azure
    networkPolicy: azure
    ipFamilies: [IPv4]
${ONE_SYSTEM_POOL}`,
  );
  writeFileSync(
    join(dir, 'objects.yaml'),
    `apiVersion: v1
kind: Namespace
metadata:
  name: app
  labels:
    kubernetes.io/metadata.name: app
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: app
spec:
  replicas: 1
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:
      containers:
        - name: web
          image: nginx
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: ${NAME}
  namespace: app
  labels:
    app.kubernetes.io/managed-by: aks-runbook
    aks-runbook/step: imds
  annotations:
    aks-runbook/purpose: written by an older version
spec:
  podSelector: {}
  policyTypes: [Egress]
  egress:
    - to:
        - ipBlock:
            cidr: 0.0.0.0/0
            except: [169.254.169.254/32]
        - ipBlock:
            cidr: ::/0
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
  name: cluster-admin
`,
  );
  return dir;
}

describe('imds apply over an older policy of this tool on Azure NPM', () => {
  it('replaces it (preconditions on the one read), says so, and journals what was there', async () => {
    const s = (session = await imdsSession(scenarioDir()));
    const api = s.connection.kc.makeApiClient(NetworkingV1Api);
    const old = await api.readNamespacedNetworkPolicy({ namespace: 'app', name: NAME });
    await s.host.open('imds');
    const row = s.state().rows.find((r) => r.namespace === 'app');
    expect(row?.verdict).toBe('exposed');

    const sent = s.host.send('imds', { type: 'action', key: 'a' });
    await s.until(() => s.store.getState().confirmation !== undefined, 'the confirmation');
    const question = s.store.getState().confirmation!;
    expect(`${question.change}\n${question.details?.join('\n')}`).toMatch(
      /replac\w+ .*restrict-instance-metadata.*app|app.*replac/i,
    );
    const plan = viewText(s.store.getState().stepViews.imds?.plan ?? []);
    expect(plan).toMatch(/app: replace NetworkPolicy restrict-instance-metadata/);
    s.store.answer(true);
    await sent;

    const now = await api.readNamespacedNetworkPolicy({ namespace: 'app', name: NAME });
    expect(now.metadata!.uid).toBe(old.metadata!.uid); // updated in place, not deleted and made anew
    expect(JSON.stringify(now.spec!.egress)).not.toContain('::/0');
    expect(s.store.getState().stepViews.imds?.result?.[0]).toMatch(/app: .*verified blocked/);

    const intent = s
      .journalLines()
      .find((l) => l['type'] === 'intent' && l['action'] === 'replace networkpolicy');
    expect(intent?.['target']).toBe(`networkpolicy/app/${NAME}`);
    const detail = intent!['detail'] as Record<string, unknown>;
    expect(detail['preconditions']).toEqual({
      uid: old.metadata!.uid,
      resourceVersion: old.metadata!.resourceVersion,
    });
    const restore = detail['restore'] as { spec: unknown; metadata: Record<string, unknown> };
    expect(restore.spec).toEqual(JSON.parse(JSON.stringify(old.spec)));
    expect(restore.metadata['labels']).toEqual(old.metadata!.labels);
    expect(restore.metadata['annotations']).toEqual(old.metadata!.annotations);
  }, 30_000);

  it('sends no update when the policy changed after the look', async () => {
    const s = (session = await imdsSession(scenarioDir()));
    const api = s.connection.kc.makeApiClient(NetworkingV1Api);
    await s.host.open('imds');
    const sent = s.host.send('imds', { type: 'action', key: 'a' });
    await s.until(() => s.store.getState().confirmation !== undefined, 'the confirmation');
    // Edited by someone between the question and the answer.
    const old = await api.readNamespacedNetworkPolicy({ namespace: 'app', name: NAME });
    await api.replaceNamespacedNetworkPolicy({
      namespace: 'app',
      name: NAME,
      body: { ...old, metadata: { ...old.metadata, annotations: { edited: 'yes' } } },
    });
    s.store.answer(true);
    await sent;
    const now = await api.readNamespacedNetworkPolicy({ namespace: 'app', name: NAME });
    expect(now.metadata!.annotations).toEqual({ edited: 'yes' });
    expect(JSON.stringify(now.spec!.egress)).toContain('::/0');
    expect(s.store.getState().stepViews.imds?.result?.join('\n')).toMatch(/changed since the look/);
    expect(s.journalLines().some((l) => l['action'] === 'replace networkpolicy')).toBe(false);
  }, 30_000);

  it('the update names the object read: another resourceVersion or uid is refused with a 409', async () => {
    const s = (session = await imdsSession(scenarioDir()));
    const old = await readNetworkPolicy(s.connection.kc, { namespace: 'app', name: NAME });
    const traits = engineTraits({
      known: true,
      resourceGroup: 'rg-npm',
      cluster: 'aks-npm',
      networkPolicy: 'azure',
      networkPlugin: 'azure',
      ipFamilies: ['IPv4'],
    });
    const facts = policyFacts(old);
    const stale = replacement('app', traits, { ...facts, resourceVersion: '1' });
    const other = replacement('app', traits, {
      ...facts,
      uid: '00000000-0000-0000-0000-000000000000',
    });
    for (const body of [stale, other]) {
      const answer = await replaceNetworkPolicy(s.connection.kc, body, { dryRun: false }).catch(
        (e: unknown) => e,
      );
      expect(apiStatus(answer)).toBe(409);
    }
    const now = await readNetworkPolicy(s.connection.kc, { namespace: 'app', name: NAME });
    expect(now.metadata!.resourceVersion).toBe(old.metadata!.resourceVersion);
  }, 30_000);
});
