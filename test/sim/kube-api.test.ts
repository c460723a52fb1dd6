import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KubeObject } from '../../src/sim/contracts.js';
import { type KubeTestServer, startKube, waitFor } from './helpers/kube-server.js';

interface List {
  metadata: { resourceVersion?: string; continue?: string; remainingItemCount?: number };
  items: KubeObject[];
  kind: string;
  apiVersion: string;
}

describe('simulated API server over HTTPS', () => {
  let s: KubeTestServer;
  let admin: string;
  let bob: string;

  beforeAll(async () => {
    s = await startKube();
    admin = s.token('alice@contoso.com', ['system:masters']);
    bob = s.token('bob@contoso.com', ['00000000-aaaa-bbbb-cccc-000000000001']);
  });
  afterAll(async () => s?.close());

  const names = (l: List): string[] => l.items.map((i) => i.metadata.name);

  it('refuses calls without a token (401) but serves /version and health anonymously', async () => {
    const r = await s.call('GET', '/api/v1/nodes');
    expect(r.status).toBe(401);
    expect(r.body).toEqual({
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message: 'Unauthorized',
      reason: 'Unauthorized',
      code: 401,
    });
    const v = await s.call('GET', '/version');
    expect(v.body).toMatchObject({
      major: '1',
      minor: '32',
      gitVersion: 'v1.32.4',
      platform: 'linux/amd64',
    });
    expect((await s.call('GET', '/healthz')).body).toBe('ok');
  });

  it('serves discovery with the eviction subresource', async () => {
    const r = await s.call('GET', '/api/v1', { token: bob });
    const resources = (r.body as { resources: Array<Record<string, unknown>> }).resources;
    expect(resources).toContainEqual({
      name: 'pods/eviction',
      singularName: '',
      namespaced: true,
      group: 'policy',
      version: 'v1',
      kind: 'Eviction',
      verbs: ['create'],
    });
    const groups = (await s.call('GET', '/apis', { token: bob })).body as {
      groups: Array<{ name: string }>;
    };
    expect(groups.groups.map((g) => g.name)).toEqual(
      expect.arrayContaining([
        'apps',
        'policy',
        'rbac.authorization.k8s.io',
        'networking.k8s.io',
        'authorization.k8s.io',
      ]),
    );
    const apps = await s.call('GET', '/apis/apps/v1', { token: bob });
    expect(apps.body).toMatchObject({ kind: 'APIResourceList', groupVersion: 'apps/v1' });
  });

  it('denies by RBAC with the API server message shapes', async () => {
    const list = await s.call('GET', '/api/v1/namespaces/shop/pods', { token: bob });
    expect(list.status).toBe(403);
    expect(list.body).toEqual({
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message:
        'pods is forbidden: User "bob@contoso.com" cannot list resource "pods" in API group "" in the namespace "shop"',
      reason: 'Forbidden',
      details: { kind: 'pods' },
      code: 403,
    });
    const patch = await s.call('PATCH', '/api/v1/nodes/aks-nodepool1-12345678-vmss000000', {
      token: bob,
      body: { spec: { unschedulable: true } },
      contentType: 'application/strategic-merge-patch+json',
    });
    expect((patch.body as { message: string }).message).toBe(
      'nodes "aks-nodepool1-12345678-vmss000000" is forbidden: User "bob@contoso.com" cannot patch resource "nodes" in API group "" at the cluster scope',
    );
    const evict = await s.call('POST', '/api/v1/namespaces/shop/pods/x/eviction', {
      token: bob,
      body: {
        apiVersion: 'policy/v1',
        kind: 'Eviction',
        metadata: { name: 'x', namespace: 'shop' },
      },
    });
    expect((evict.body as { message: string }).message).toBe(
      'pods "x" is forbidden: User "bob@contoso.com" cannot create resource "pods/eviction" in API group "" in the namespace "shop"',
    );
    const deploy = await s.call('GET', '/apis/apps/v1/namespaces/shop/deployments/web', {
      token: bob,
    });
    expect(deploy.body).toMatchObject({
      message:
        'deployments.apps "web" is forbidden: User "bob@contoso.com" cannot get resource "deployments" in API group "apps" in the namespace "shop"',
      details: { name: 'web', group: 'apps', kind: 'deployments' },
    });
  });

  it('grants exactly what a narrow RoleBinding gives (to a group)', async () => {
    const role = {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'Role',
      metadata: { name: 'pod-reader', namespace: 'shop' },
      rules: [{ apiGroups: [''], resources: ['pods'], verbs: ['get', 'list'] }],
    };
    const binding = {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'RoleBinding',
      metadata: { name: 'pod-readers', namespace: 'shop' },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'pod-reader' },
      subjects: [
        {
          apiGroup: 'rbac.authorization.k8s.io',
          kind: 'Group',
          name: '00000000-aaaa-bbbb-cccc-000000000001',
        },
      ],
    };
    expect(
      (
        await s.call('POST', '/apis/rbac.authorization.k8s.io/v1/namespaces/shop/roles', {
          token: admin,
          body: role,
        })
      ).status,
    ).toBe(201);
    expect(
      (
        await s.call('POST', '/apis/rbac.authorization.k8s.io/v1/namespaces/shop/rolebindings', {
          token: admin,
          body: binding,
        })
      ).status,
    ).toBe(201);
    expect((await s.call('GET', '/api/v1/namespaces/shop/pods', { token: bob })).status).toBe(200);
    expect((await s.call('GET', '/api/v1/namespaces/default/pods', { token: bob })).status).toBe(
      403,
    );
    expect((await s.call('GET', '/api/v1/pods', { token: bob })).body).toMatchObject({
      message:
        'pods is forbidden: User "bob@contoso.com" cannot list resource "pods" in API group "" at the cluster scope',
    });
    const ssar = (attrs: Record<string, string>) =>
      s.call('POST', '/apis/authorization.k8s.io/v1/selfsubjectaccessreviews', {
        token: bob,
        body: {
          apiVersion: 'authorization.k8s.io/v1',
          kind: 'SelfSubjectAccessReview',
          spec: { resourceAttributes: attrs },
        },
      });
    const yes = await ssar({ namespace: 'shop', verb: 'list', resource: 'pods' });
    expect(yes.status).toBe(201);
    expect(yes.body).toMatchObject({ kind: 'SelfSubjectAccessReview', status: { allowed: true } });
    const no = await ssar({
      namespace: 'shop',
      verb: 'create',
      resource: 'pods',
      subresource: 'eviction',
    });
    expect(no.body).toMatchObject({ status: { allowed: false } });
  });

  it('aggregates admin/edit/view ClusterRoles from labelled roles', async () => {
    const view = (
      await s.call('GET', '/apis/rbac.authorization.k8s.io/v1/clusterroles/view', { token: admin })
    ).body as KubeObject;
    expect(JSON.stringify(view['rules'])).toContain('poddisruptionbudgets');
    const custom = {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'ClusterRole',
      metadata: {
        name: 'widgets-view',
        labels: { 'rbac.authorization.k8s.io/aggregate-to-view': 'true' },
      },
      rules: [{ apiGroups: ['example.com'], resources: ['widgets'], verbs: ['get'] }],
    };
    await s.call('POST', '/apis/rbac.authorization.k8s.io/v1/clusterroles', {
      token: admin,
      body: custom,
    });
    for (const r of ['view', 'edit', 'admin']) {
      const role = (
        await s.call('GET', `/apis/rbac.authorization.k8s.io/v1/clusterroles/${r}`, {
          token: admin,
        })
      ).body as KubeObject;
      expect(JSON.stringify(role['rules'])).toContain('widgets');
    }
    const crbs = (
      await s.call(
        'GET',
        '/apis/rbac.authorization.k8s.io/v1/clusterrolebindings?labelSelector=kubernetes.io%2Fbootstrapping%3Drbac-defaults',
        { token: admin },
      )
    ).body as List;
    expect(names(crbs)).toContain('cluster-admin');
    const aks = (
      await s.call(
        'GET',
        '/apis/rbac.authorization.k8s.io/v1/clusterrolebindings/aks-cluster-admin-binding',
        { token: admin },
      )
    ).body as KubeObject;
    expect(aks.metadata.labels).toMatchObject({ 'addonmanager.kubernetes.io/mode': 'Reconcile' });
  });

  it('pages lists with an opaque continue token', async () => {
    const all = (await s.call('GET', '/api/v1/pods', { token: admin })).body as List;
    expect(all.kind).toBe('PodList');
    expect(all.apiVersion).toBe('v1');
    expect(all.items.length).toBeGreaterThanOrEqual(7);
    const seen: string[] = [];
    let cont = '';
    let pages = 0;
    do {
      const page = (
        await s.call(
          'GET',
          `/api/v1/pods?limit=3${cont ? `&continue=${encodeURIComponent(cont)}` : ''}`,
          { token: admin },
        )
      ).body as List;
      expect(page.items.length).toBeLessThanOrEqual(3);
      seen.push(...page.items.map((p) => `${p.metadata.namespace}/${p.metadata.name}`));
      cont = page.metadata.continue ?? '';
      if (cont) expect(page.metadata.remainingItemCount).toBeGreaterThan(0);
      pages++;
    } while (cont && pages < 20);
    expect(seen).toEqual(all.items.map((p) => `${p.metadata.namespace}/${p.metadata.name}`));
    const bad = await s.call('GET', '/api/v1/pods?limit=3&continue=garbage', { token: admin });
    expect(bad.status).toBe(400);
  });

  it('filters with label and field selectors', async () => {
    const get = async (q: string) =>
      (await s.call('GET', `/api/v1/pods?${q}`, { token: admin })).body as List;
    const app = (l: List) => [...new Set(l.items.map((p) => p.metadata.labels?.['app']))].sort();
    expect(app(await get('labelSelector=app%3Dweb'))).toEqual(['web']);
    expect(app(await get('labelSelector=app!%3Dweb'))).toEqual(['db', 'kube-proxy']);
    expect(app(await get('labelSelector=app%20in%20(web,db)'))).toEqual(['db', 'web']);
    expect(app(await get('labelSelector=app%20notin%20(web,db)'))).toEqual(['kube-proxy']);
    expect((await get('labelSelector=pod-template-hash')).items).toHaveLength(4);
    expect((await get('labelSelector=!pod-template-hash')).items).toHaveLength(3);
    const node = 'aks-nodepool1-12345678-vmss000001';
    const onNode = await get(`fieldSelector=spec.nodeName%3D${node}`);
    expect(onNode.items.length).toBeGreaterThan(0);
    expect(onNode.items.every((p) => (p['spec'] as { nodeName: string }).nodeName === node)).toBe(
      true,
    );
    expect(
      (await get('fieldSelector=status.phase%3DRunning,metadata.namespace%3Dshop')).items,
    ).toHaveLength(4);
    const nodes = (
      await s.call('GET', `/api/v1/nodes?fieldSelector=metadata.name%3D${node}`, { token: admin })
    ).body as List;
    expect(names(nodes)).toEqual([node]);
    const bad = await s.call('GET', '/api/v1/pods?fieldSelector=spec.foo%3Dx', { token: admin });
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({
      reason: 'BadRequest',
      message: 'field label not supported: spec.foo',
    });
  });

  it('answers NotFound, AlreadyExists and Invalid like the API server', async () => {
    const nf = await s.call('GET', '/api/v1/namespaces/shop/pods/nope', { token: admin });
    expect(nf.body).toEqual({
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message: 'pods "nope" not found',
      reason: 'NotFound',
      details: { name: 'nope', kind: 'pods' },
      code: 404,
    });
    const ns = { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'shop' } };
    const ae = await s.call('POST', '/api/v1/namespaces', { token: admin, body: ns });
    expect(ae.status).toBe(409);
    expect(ae.body).toMatchObject({
      reason: 'AlreadyExists',
      message: 'namespaces "shop" already exists',
    });
    const bad = await s.call('POST', '/apis/networking.k8s.io/v1/namespaces/shop/networkpolicies', {
      token: admin,
      body: {
        apiVersion: 'networking.k8s.io/v1',
        kind: 'NetworkPolicy',
        metadata: { name: 'np' },
        spec: {
          podSelector: {},
          egress: [
            { to: [{ ipBlock: { cidr: '10.0.0.0/8', except: ['10.0.0.0/8', '192.168.0.0/16'] } }] },
          ],
        },
      },
    });
    expect(bad.status).toBe(422);
    expect(bad.body).toMatchObject({
      reason: 'Invalid',
      message:
        'NetworkPolicy.networking.k8s.io "np" is invalid: [spec.egress[0].to[0].ipBlock.except[0]: Invalid value: "10.0.0.0/8": must be a strict subset of `cidr`, spec.egress[0].to[0].ipBlock.except[1]: Invalid value: "192.168.0.0/16": must be a strict subset of `cidr`]',
      details: {
        name: 'np',
        group: 'networking.k8s.io',
        kind: 'NetworkPolicy',
        causes: [
          {
            reason: 'FieldValueInvalid',
            message: 'Invalid value: "10.0.0.0/8": must be a strict subset of `cidr`',
            field: 'spec.egress[0].to[0].ipBlock.except[0]',
          },
          {
            reason: 'FieldValueInvalid',
            message: 'Invalid value: "192.168.0.0/16": must be a strict subset of `cidr`',
            field: 'spec.egress[0].to[0].ipBlock.except[1]',
          },
        ],
      },
    });
    const missingNs = await s.call('POST', '/api/v1/namespaces/nowhere/pods', {
      token: admin,
      body: { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec: { containers: [] } },
    });
    expect(missingNs.body).toMatchObject({ code: 404, message: 'namespaces "nowhere" not found' });
    const unknown = await s.call('GET', '/apis/apps/v1/namespaces/shop/widgets', { token: admin });
    expect(unknown.status).toBe(404);
  });

  it('validates but never stores dry-run writes', async () => {
    const deploy = {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'ghost', namespace: 'shop' },
      spec: {
        replicas: 2,
        selector: { matchLabels: { app: 'ghost' } },
        template: {
          metadata: { labels: { app: 'ghost' } },
          spec: { containers: [{ name: 'c', image: 'i' }] },
        },
      },
    };
    const r = await s.call('POST', '/apis/apps/v1/namespaces/shop/deployments?dryRun=All', {
      token: admin,
      body: deploy,
    });
    expect(r.status).toBe(201);
    expect((r.body as KubeObject).metadata.uid).toBeTruthy();
    expect(
      (await s.call('GET', '/apis/apps/v1/namespaces/shop/deployments/ghost', { token: admin }))
        .status,
    ).toBe(404);
    const node = 'aks-nodepool1-12345678-vmss000000';
    const p = await s.call('PATCH', `/api/v1/nodes/${node}?dryRun=All`, {
      token: admin,
      body: { spec: { unschedulable: true } },
      contentType: 'application/strategic-merge-patch+json',
    });
    expect(p.status).toBe(200);
    expect((p.body as KubeObject)['spec']).toMatchObject({ unschedulable: true });
    // Nothing but the pod range the node IPAM gave it: the dry run stored nothing.
    expect(Object.keys(s.api.world.getNode(node)?.['spec'] as object).sort()).toEqual([
      'podCIDR',
      'podCIDRs',
    ]);
    const pod = s.api.world.podsOnNode(node)[0]!;
    const del = await s.call(
      'DELETE',
      `/api/v1/namespaces/${pod.metadata.namespace}/pods/${pod.metadata.name}?dryRun=All`,
      { token: admin },
    );
    expect(del.status).toBe(200);
    expect(s.api.world.podsOnNode(node).map((x) => x.metadata.uid)).toContain(pod.metadata.uid);
  });

  it('deletes only the object DeleteOptions.preconditions name (uid, resourceVersion), else 409', async () => {
    const path = '/apis/rbac.authorization.k8s.io/v1/namespaces/shop/rolebindings';
    const body = {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'RoleBinding',
      metadata: { name: 'held', namespace: 'shop' },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'view' },
      subjects: [{ apiGroup: 'rbac.authorization.k8s.io', kind: 'User', name: 'sam' }],
    };
    const made = (await s.call('POST', path, { token: admin, body })).body as KubeObject;
    const { uid, resourceVersion } = made.metadata;
    const del = (preconditions: Record<string, string>, query = '') =>
      s.call('DELETE', `${path}/held${query}`, {
        token: admin,
        body: { kind: 'DeleteOptions', apiVersion: 'v1', preconditions },
      });
    const wrongUid = await del({ uid: 'another-uid' });
    expect(wrongUid.status).toBe(409);
    expect(wrongUid.body).toMatchObject({
      reason: 'Conflict',
      message: `Operation cannot be fulfilled on rolebindings.rbac.authorization.k8s.io "held": Precondition failed: UID in precondition: another-uid, UID in object meta: ${uid}`,
    });
    const stale = await del({ uid: uid!, resourceVersion: '1' }, '?dryRun=All');
    expect(stale.status).toBe(409);
    expect((stale.body as { message: string }).message).toContain(
      `Precondition failed: ResourceVersion in precondition: 1, ResourceVersion in object meta: ${resourceVersion}`,
    );
    expect((await s.call('GET', `${path}/held`, { token: admin })).status).toBe(200);
    expect((await del({ uid: uid!, resourceVersion: resourceVersion! })).status).toBe(200);
    expect((await s.call('GET', `${path}/held`, { token: admin })).status).toBe(404);
  });

  it('patches nodes with merge, JSON and strategic-merge patches', async () => {
    const node = 'aks-nodepool1-12345678-vmss000002';
    const path = `/api/v1/nodes/${node}`;
    await s.call('PATCH', path, {
      token: admin,
      body: { metadata: { labels: { a: '1' } } },
      contentType: 'application/merge-patch+json',
    });
    await s.call('PATCH', path, {
      token: admin,
      body: [{ op: 'add', path: '/metadata/labels/b', value: '2' }],
      contentType: 'application/json-patch+json',
    });
    expect(s.api.world.getNode(node)?.metadata.labels).toMatchObject({ a: '1', b: '2' });
    await s.call('PATCH', path, {
      token: admin,
      body: { metadata: { labels: { a: null } } },
      contentType: 'application/strategic-merge-patch+json',
    });
    expect(s.api.world.getNode(node)?.metadata.labels?.['a']).toBeUndefined();
    const failed = await s.call('PATCH', path, {
      token: admin,
      body: [{ op: 'remove', path: '/metadata/labels/zzz' }],
      contentType: 'application/json-patch+json',
    });
    expect(failed.status).toBe(422);
    const unsupported = await s.call('PATCH', path, {
      token: admin,
      body: {},
      contentType: 'text/plain',
    });
    expect(unsupported.status).toBe(415);
  });

  it('streams watch events for pods', async () => {
    const pod = s.api.world
      .podsOnNode('aks-nodepool1-12345678-vmss000000')
      .find((p) => p.metadata.labels?.['app'] === 'web')!;
    const url = new URL(s.baseUrl);
    const { request } = await import('node:https');
    const lines: string[] = [];
    const req = request({
      host: '127.0.0.1',
      port: url.port,
      path: `/api/v1/namespaces/shop/pods?watch=1&fieldSelector=metadata.name%3D${pod.metadata.name}`,
      headers: { authorization: `Bearer ${admin}` },
      ca: s.caCert,
    });
    req.on('response', (res) =>
      res.on('data', (c: Buffer) => lines.push(...c.toString().split('\n').filter(Boolean))),
    );
    req.end();
    await waitFor('initial ADDED', () => lines.length >= 1);
    expect(JSON.parse(lines[0]!)).toMatchObject({
      type: 'ADDED',
      object: { metadata: { name: pod.metadata.name } },
    });
    await s.call('DELETE', `/api/v1/namespaces/shop/pods/${pod.metadata.name}`, { token: admin });
    await waitFor('DELETED event', () =>
      lines.some((l) => (JSON.parse(l) as { type: string }).type === 'DELETED'),
    );
    const types = lines.map((l) => (JSON.parse(l) as { type: string }).type);
    expect(types).toEqual(expect.arrayContaining(['ADDED', 'MODIFIED', 'DELETED']));
    req.destroy();
  });
});
