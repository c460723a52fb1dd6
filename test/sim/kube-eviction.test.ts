import { afterEach, describe, expect, it } from 'vitest';
import type { KubeObject } from '../../src/sim/contracts.js';
import { type KubeTestServer, smallCluster, startKube, waitFor } from './helpers/kube-server.js';

const pdb = (name: string, spec: Record<string, unknown>): KubeObject => ({
  apiVersion: 'policy/v1',
  kind: 'PodDisruptionBudget',
  metadata: { name, namespace: 'shop' },
  spec,
});

describe('Eviction API and PodDisruptionBudget status', () => {
  let s: KubeTestServer;
  afterEach(async () => s?.close());

  const all = (): KubeObject[] =>
    s.api.world.listNodes().flatMap((n) => s.api.world.podsOnNode(n.metadata.name));
  const podsOf = (app: string): KubeObject[] =>
    all().filter((p) => p.metadata.labels?.['app'] === app && !p.metadata.deletionTimestamp);
  const budget = async (name: string, token: string) =>
    (await s.call('GET', `/apis/policy/v1/namespaces/shop/poddisruptionbudgets/${name}`, { token }))
      .body as KubeObject;
  const evict = (token: string, name: string, deleteOptions: Record<string, unknown> = {}) =>
    s.call('POST', `/api/v1/namespaces/shop/pods/${name}/eviction`, {
      token,
      body: {
        apiVersion: 'policy/v1',
        kind: 'Eviction',
        metadata: { name, namespace: 'shop' },
        deleteOptions,
      },
    });

  it('answers 404, 429 and 201 with the exact Status bodies, and no Retry-After', async () => {
    s = await startKube();
    const t = s.token('alice@contoso.com', ['system:masters']);
    const missing = await evict(t, 'nope');
    expect(missing.status).toBe(404);
    expect(missing.body).toEqual({
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message: 'pods "nope" not found',
      reason: 'NotFound',
      details: { name: 'nope', kind: 'pods' },
      code: 404,
    });
    const db = podsOf('db')[0]!;
    const blocked = await evict(t, db.metadata.name);
    expect(blocked.status).toBe(429);
    expect(blocked.headers['retry-after']).toBeUndefined();
    expect(blocked.body).toEqual({
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message: "Cannot evict pod as it would violate the pod's disruption budget.",
      reason: 'TooManyRequests',
      details: {
        causes: [
          {
            reason: 'DisruptionBudget',
            message: 'The disruption budget db-pdb needs 1 healthy pods and has 1 currently',
          },
        ],
      },
      code: 429,
    });
    expect(s.api.world.evict('shop', db.metadata.name)).toEqual({
      code: 429,
      message: "Cannot evict pod as it would violate the pod's disruption budget.",
      pdb: 'db-pdb',
    });
    const web = podsOf('web')[0]!;
    const ok = await evict(t, web.metadata.name);
    expect(ok.status).toBe(201);
    expect(ok.body).toEqual({
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Success',
      code: 201,
    });
    const gone = await s.call('GET', `/api/v1/namespaces/shop/pods/${web.metadata.name}`, {
      token: t,
    });
    expect((gone.body as KubeObject).metadata.deletionTimestamp).toBeTruthy();
    expect(JSON.stringify((gone.body as KubeObject)['status'])).toContain('EvictionByEvictionAPI');
    await waitFor(
      'evicted pod removed',
      async () =>
        (await s.call('GET', `/api/v1/namespaces/shop/pods/${web.metadata.name}`, { token: t }))
          .status === 404,
    );
  });

  it('refuses a pod covered by two budgets with the exact 500 and no reason', async () => {
    s = await startKube([
      ...smallCluster(),
      pdb('web-a', { maxUnavailable: 1, selector: { matchLabels: { app: 'web' } } }),
      pdb('web-b', { minAvailable: 1, selector: {} }),
    ]);
    const t = s.token('alice@contoso.com', ['system:masters']);
    const r = await evict(t, podsOf('web')[0]!.metadata.name);
    expect(r.status).toBe(500);
    expect(r.body).toEqual({
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message:
        'This pod has more than one PodDisruptionBudget, which the eviction subresource does not support.',
      code: 500,
    });
  });

  it('computes budget status and decrements it per granted eviction', async () => {
    s = await startKube([
      ...smallCluster(),
      pdb('web-pdb', { maxUnavailable: 1, selector: { matchLabels: { app: 'web' } } }),
    ]);
    const t = s.token('alice@contoso.com', ['system:masters']);
    const before = await budget('web-pdb', t);
    expect(before['status']).toMatchObject({
      observedGeneration: 1,
      expectedPods: 3,
      desiredHealthy: 2,
      currentHealthy: 3,
      disruptionsAllowed: 1,
      conditions: [{ type: 'DisruptionAllowed', status: 'True', reason: 'SufficientPods' }],
    });
    const strict = await budget('db-pdb', t);
    expect(strict['status']).toMatchObject({
      expectedPods: 1,
      desiredHealthy: 1,
      currentHealthy: 1,
      disruptionsAllowed: 0,
      conditions: [{ type: 'DisruptionAllowed', status: 'False', reason: 'InsufficientPods' }],
    });
    const [a, b] = podsOf('web');
    expect((await evict(t, a!.metadata.name)).status).toBe(201);
    const after = await budget('web-pdb', t);
    expect((after['status'] as { disruptionsAllowed: number }).disruptionsAllowed).toBe(0);
    // The eviction only decrements disruptionsAllowed; the disruption controller then recounts.
    await waitFor('controller recount', async () => {
      const st = (await budget('web-pdb', t))['status'] as { currentHealthy: number };
      return st.currentHealthy === 2;
    });
    const second = await evict(t, b!.metadata.name);
    expect(second.status).toBe(429);
    expect(second.body).toMatchObject({
      details: {
        causes: [
          { message: 'The disruption budget web-pdb needs 2 healthy pods and has 2 currently' },
        ],
      },
    });
    await waitFor('replacement Ready and budget restored', async () => {
      const st = (await budget('web-pdb', t))['status'] as {
        disruptionsAllowed: number;
        currentHealthy: number;
      };
      return st.disruptionsAllowed === 1 && st.currentHealthy === 3;
    });
    expect((await evict(t, b!.metadata.name)).status).toBe(201);
  });

  it('dry-run evictions change nothing', async () => {
    s = await startKube([
      ...smallCluster(),
      pdb('web-pdb', { maxUnavailable: 1, selector: { matchLabels: { app: 'web' } } }),
    ]);
    const t = s.token('alice@contoso.com', ['system:masters']);
    const web = podsOf('web')[0]!;
    const r = await s.call(
      'POST',
      `/api/v1/namespaces/shop/pods/${web.metadata.name}/eviction?dryRun=All`,
      {
        token: t,
        body: {
          apiVersion: 'policy/v1',
          kind: 'Eviction',
          metadata: { name: web.metadata.name, namespace: 'shop' },
          deleteOptions: { dryRun: ['All'] },
        },
      },
    );
    expect(r.status).toBe(201);
    expect(podsOf('web').map((p) => p.metadata.uid)).toContain(web.metadata.uid);
    expect(
      ((await budget('web-pdb', t))['status'] as { disruptionsAllowed: number }).disruptionsAllowed,
    ).toBe(1);
  });

  it('ignores budgets for Pending pods and follows unhealthyPodEvictionPolicy for unready ones', async () => {
    const pending: KubeObject = {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'stuck', namespace: 'shop', labels: { app: 'db' } },
      spec: { nodeSelector: { nowhere: 'true' }, containers: [{ name: 'c', image: 'i' }] },
    };
    const unready: KubeObject = {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'sick', namespace: 'shop', labels: { app: 'sick' } },
      spec: {
        nodeName: 'aks-nodepool1-12345678-vmss000000',
        containers: [{ name: 'c', image: 'i' }],
      },
      status: { phase: 'Running', conditions: [{ type: 'Ready', status: 'False' }] },
    };
    s = await startKube([
      ...smallCluster(),
      pending,
      unready,
      pdb('sick-pdb', {
        minAvailable: 1,
        selector: { matchLabels: { app: 'sick' } },
        unhealthyPodEvictionPolicy: 'AlwaysAllow',
      }),
    ]);
    const t = s.token('alice@contoso.com', ['system:masters']);
    const stuck = (await s.call('GET', '/api/v1/namespaces/shop/pods/stuck', { token: t }))
      .body as KubeObject;
    expect(stuck['status']).toMatchObject({
      phase: 'Pending',
      conditions: [{ type: 'PodScheduled', status: 'False', reason: 'Unschedulable' }],
    });
    expect((await evict(t, 'stuck')).status).toBe(201);
    expect((await evict(t, 'sick')).status).toBe(201);
  });

  it('recreates StatefulSet pods under the same name with a new uid', async () => {
    s = await startKube([
      ...smallCluster(),
      {
        apiVersion: 'apps/v1',
        kind: 'StatefulSet',
        metadata: { name: 'cache', namespace: 'shop' },
        spec: {
          replicas: 2,
          selector: { matchLabels: { app: 'cache' } },
          template: {
            metadata: { labels: { app: 'cache' } },
            spec: { terminationGracePeriodSeconds: 1, containers: [{ name: 'c', image: 'i' }] },
          },
        },
      },
    ]);
    const t = s.token('alice@contoso.com', ['system:masters']);
    expect(
      podsOf('cache')
        .map((p) => p.metadata.name)
        .sort(),
    ).toEqual(['cache-0', 'cache-1']);
    const old = podsOf('cache').find((p) => p.metadata.name === 'cache-0')!;
    expect((await evict(t, 'cache-0')).status).toBe(201);
    const fresh = await waitFor('cache-0 recreated', () => {
      const p = podsOf('cache').find((x) => x.metadata.name === 'cache-0');
      return p && p.metadata.uid !== old.metadata.uid && p;
    });
    expect(fresh.metadata.ownerReferences?.[0]).toMatchObject({
      kind: 'StatefulSet',
      name: 'cache',
      controller: true,
    });
  });

  it('moves pods when nodes come and go (KubeWorld)', async () => {
    s = await startKube();
    const w = s.api.world;
    const newNode: KubeObject = {
      apiVersion: 'v1',
      kind: 'Node',
      metadata: {
        name: 'aks-nodepool1-12345678-vmss000003',
        labels: { 'kubernetes.io/os': 'linux' },
      },
      spec: {},
    };
    w.putNode(newNode);
    await waitFor('DaemonSet pod on the new node', () =>
      w
        .podsOnNode('aks-nodepool1-12345678-vmss000003')
        .some((p) => p.metadata.labels?.['app'] === 'kube-proxy'),
    );
    w.setUnschedulable('aks-nodepool1-12345678-vmss000003', true);
    expect(w.getNode('aks-nodepool1-12345678-vmss000003')?.['spec']).toMatchObject({
      unschedulable: true,
      taints: [{ key: 'node.kubernetes.io/unschedulable', effect: 'NoSchedule' }],
    });
    w.setNodeLabels('aks-nodepool1-12345678-vmss000003', {
      'kubernetes.io/os': null,
      'kubernetes.azure.com/upgrade-status': 'Quarantined',
    });
    expect(w.getNode('aks-nodepool1-12345678-vmss000003')?.metadata.labels).toEqual({
      'kubernetes.azure.com/upgrade-status': 'Quarantined',
    });
    const victim = 'aks-nodepool1-12345678-vmss000000';
    const lost = w.podsOnNode(victim).filter((p) => p.metadata.labels?.['app'] !== 'kube-proxy');
    w.deleteNode(victim);
    expect(w.getNode(victim)).toBeUndefined();
    expect(w.podsOnNode(victim)).toEqual([]);
    await waitFor(
      'web and db back to full strength',
      () => podsOf('web').length === 3 && podsOf('db').length === 1,
    );
    for (const p of [...podsOf('web'), ...podsOf('db')]) {
      expect((p['spec'] as { nodeName: string }).nodeName).not.toBe(victim);
      expect((p['spec'] as { nodeName: string }).nodeName).not.toBe(
        'aks-nodepool1-12345678-vmss000003',
      );
    }
    expect(lost.length).toBeGreaterThanOrEqual(0);
    expect(podsOf('kube-proxy')).toHaveLength(3);
  });

  it('schedules Pending pods when a node that fits appears', async () => {
    s = await startKube([
      ...smallCluster(),
      {
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: { name: 'gpu-job', namespace: 'shop' },
        spec: { nodeSelector: { accelerator: 'nvidia' }, containers: [{ name: 'c', image: 'i' }] },
      },
    ]);
    const t = s.token('alice@contoso.com', ['system:masters']);
    const get = async () =>
      (await s.call('GET', '/api/v1/namespaces/shop/pods/gpu-job', { token: t }))
        .body as KubeObject;
    expect((await get())['status']).toMatchObject({ phase: 'Pending' });
    s.api.world.putNode({
      apiVersion: 'v1',
      kind: 'Node',
      metadata: { name: 'aks-gpu-1', labels: { accelerator: 'nvidia' } },
      spec: {},
    });
    await waitFor('gpu-job Running and Ready', async () => {
      const p = await get();
      return (
        (p['spec'] as { nodeName?: string }).nodeName === 'aks-gpu-1' &&
        JSON.stringify(p['status']).includes('"type":"Ready","status":"True"')
      );
    });
  });
  it('keeps explicit pods of exported workloads instead of materialising new ones', async () => {
    const uid = '7f9c1d2e-0000-4000-8000-000000000001';
    const ds: KubeObject = {
      apiVersion: 'apps/v1',
      kind: 'DaemonSet',
      metadata: { name: 'agent', namespace: 'kube-system' },
      spec: {
        selector: { matchLabels: { app: 'agent' } },
        template: {
          metadata: { labels: { app: 'agent' } },
          spec: { containers: [{ name: 'c', image: 'i' }] },
        },
      },
    };
    const pods = [0, 1, 2].map((i): KubeObject => ({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: {
        name: `agent-x${i}`,
        namespace: 'kube-system',
        labels: { app: 'agent' },
        ownerReferences: [
          { apiVersion: 'apps/v1', kind: 'DaemonSet', name: 'agent', uid, controller: true },
        ],
      },
      spec: {
        nodeName: `aks-nodepool1-12345678-vmss00000${i}`,
        containers: [{ name: 'c', image: 'i' }],
      },
      status: { phase: 'Running', conditions: [{ type: 'Ready', status: 'True' }] },
    }));
    s = await startKube([...smallCluster(), ds, ...pods]);
    expect(
      podsOf('agent')
        .map((p) => p.metadata.name)
        .sort(),
    ).toEqual(['agent-x0', 'agent-x1', 'agent-x2']);
    const stored = (
      await s.call('GET', '/apis/apps/v1/namespaces/kube-system/daemonsets/agent', {
        token: s.token('alice@contoso.com', ['system:masters']),
      })
    ).body as KubeObject;
    expect(stored.metadata.uid).toBe(uid);
    expect(stored['status']).toMatchObject({ desiredNumberScheduled: 3, numberReady: 3 });
  });
});
