import { afterAll, describe, expect, it } from 'vitest';
import type { KubeObject } from '../../src/sim/contracts.js';
import { R } from '../../src/sim/kube/resources.js';
import { type KubeTestServer, startKube } from './helpers/kube-server.js';

/** 1,000 nodes, 30,000 pods (1,000 of them from Deployments), 5,000 RoleBindings, 500 namespaces. */
function bigCluster(): KubeObject[] {
  const objects: KubeObject[] = [];
  for (let n = 0; n < 500; n++)
    objects.push({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: `team-${n}` } });
  for (let i = 0; i < 1000; i++) {
    objects.push({
      apiVersion: 'v1',
      kind: 'Node',
      metadata: {
        name: `aks-pool${i % 4}-1234567${i % 4}-vmss${i.toString(36).padStart(6, '0')}`,
        labels: { 'kubernetes.io/os': 'linux' },
      },
      spec: {},
    });
  }
  const nodeNames = objects.filter((o) => o.kind === 'Node').map((o) => o.metadata.name);
  for (let p = 0; p < 29_000; p++) {
    objects.push({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: {
        name: `job-${p}`,
        namespace: `team-${p % 500}`,
        labels: { app: `app-${p % 50}`, tier: p % 2 ? 'web' : 'batch' },
      },
      spec: { nodeName: nodeNames[p % 1000], containers: [{ name: 'c', image: 'i' }] },
      status: { phase: 'Running', conditions: [{ type: 'Ready', status: 'True' }] },
    });
  }
  for (let d = 0; d < 100; d++) {
    objects.push({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: `svc-${d}`, namespace: `team-${d}` },
      spec: {
        replicas: 10,
        selector: { matchLabels: { app: `svc-${d}` } },
        template: {
          metadata: { labels: { app: `svc-${d}` } },
          spec: { containers: [{ name: 'c', image: 'i' }] },
        },
      },
    });
  }
  for (let b = 0; b < 5000; b++) {
    objects.push({
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'RoleBinding',
      metadata: { name: `rb-${b}`, namespace: `team-${b % 500}` },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'view' },
      subjects: [
        { apiGroup: 'rbac.authorization.k8s.io', kind: 'User', name: `user-${b}@contoso.com` },
      ],
    });
  }
  return objects;
}

/**
 * Milliseconds of CPU this process used so far. The budgets below are on CPU, not wall time:
 * server and client both run here, and a loaded machine (CI, other test workers) stretches wall
 * time by whatever else runs, not by what this code costs.
 */
function cpuMs(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}

describe('simulated API server at AKS scale', () => {
  let s: KubeTestServer;
  afterAll(async () => s?.close());

  it('loads and serves 30,000 pods on 1,000 nodes quickly', async () => {
    const objects = bigCluster();
    const t0 = cpuMs();
    s = await startKube(objects, 1);
    const loadMs = cpuMs() - t0;
    const ctx = s.api.context;
    expect(ctx.store.count(R.pods)).toBe(30_000);
    const admin = s.token('alice@contoso.com', ['system:masters']);

    const t1 = cpuMs();
    let cont = '';
    let total = 0;
    let pages = 0;
    do {
      const r = await s.call(
        'GET',
        `/api/v1/pods?limit=500${cont ? `&continue=${encodeURIComponent(cont)}` : ''}`,
        { token: admin },
      );
      const body = r.body as { items: unknown[]; metadata: { continue?: string } };
      total += body.items.length;
      cont = body.metadata.continue ?? '';
      pages++;
    } while (cont);
    const pagedMs = cpuMs() - t1;
    expect(total).toBe(30_000);
    expect(pages).toBe(60);

    const node = s.api.world.listNodes()[7]!.metadata.name;
    const t2 = cpuMs();
    const onNode = await s.call(
      'GET',
      `/api/v1/pods?fieldSelector=spec.nodeName%3D${node}&limit=500`,
      { token: admin },
    );
    const nodeMs = cpuMs() - t2;
    expect((onNode.body as { items: unknown[] }).items.length).toBeGreaterThanOrEqual(29);

    const user = s.token('user-4321@contoso.com');
    const t3 = cpuMs();
    const ok = await s.call('GET', '/api/v1/namespaces/team-321/pods?labelSelector=tier%3Dweb', {
      token: user,
    });
    const denied = await s.call('GET', '/api/v1/namespaces/team-322/pods', { token: user });
    const rbacMs = cpuMs() - t3;
    expect(ok.status).toBe(200);
    expect(denied.status).toBe(403);

    process.stdout.write(
      `kube scale (CPU): load ${Math.round(loadMs)} ms; 60 pages of 500 pods ${Math.round(pagedMs)} ms; ` +
        `pods on one node ${Math.round(nodeMs)} ms; 2 RBAC-checked lists ${Math.round(rbacMs)} ms\n`,
    );
    expect(loadMs).toBeLessThan(20_000);
    expect(pagedMs).toBeLessThan(20_000);
    expect(nodeMs).toBeLessThan(1_000);
  }, 120_000);
});
