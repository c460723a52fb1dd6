import {
  ADD,
  ApiException,
  DELETE,
  AuthorizationV1Api,
  CoreV1Api,
  KubeConfig,
  makeInformer,
  PolicyV1Api,
  setHeaderOptions,
} from '@kubernetes/client-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type KubeTestServer, startKube } from './helpers/kube-server.js';
import { until } from '../helpers/until.js';

/** The product talks to the cluster through @kubernetes/client-node: its models must parse our answers. */
describe('@kubernetes/client-node against the simulated API server', () => {
  let s: KubeTestServer;
  let kc: KubeConfig;

  beforeAll(async () => {
    s = await startKube();
    kc = new KubeConfig();
    kc.loadFromOptions({
      clusters: [
        {
          name: 'sim',
          server: s.baseUrl,
          caData: Buffer.from(s.caCert).toString('base64'),
          skipTLSVerify: false,
        },
      ],
      users: [{ name: 'op', token: s.token('alice@contoso.com', ['system:masters']) }],
      contexts: [{ name: 'sim', cluster: 'sim', user: 'op' }],
      currentContext: 'sim',
    });
  });
  afterAll(async () => s?.close());

  it('lists nodes and pods on a node, and cordons with a strategic merge patch', async () => {
    const core = kc.makeApiClient(CoreV1Api);
    const nodes = await core.listNode();
    expect(nodes.items).toHaveLength(3);
    const name = nodes.items[0]!.metadata!.name!;
    const pods = await core.listPodForAllNamespaces({
      fieldSelector: `spec.nodeName=${name}`,
      limit: 500,
    });
    expect(pods.items.every((p) => p.spec?.nodeName === name)).toBe(true);
    const patched = await core.patchNode(
      { name, body: { spec: { unschedulable: true } } },
      setHeaderOptions('Content-Type', 'application/strategic-merge-patch+json'),
    );
    expect(patched.spec?.unschedulable).toBe(true);
    expect(patched.spec?.taints?.[0]?.key).toBe('node.kubernetes.io/unschedulable');
  });

  it('evicts, and surfaces the 429 of a strict budget as an ApiException with the Status body', async () => {
    const core = kc.makeApiClient(CoreV1Api);
    const pods = await core.listNamespacedPod({ namespace: 'shop', labelSelector: 'app=db' });
    const db = pods.items[0]!.metadata!.name!;
    const err = await core
      .createNamespacedPodEviction({
        name: db,
        namespace: 'shop',
        body: {
          apiVersion: 'policy/v1',
          kind: 'Eviction',
          metadata: { name: db, namespace: 'shop' },
        },
      })
      .then(
        () => undefined,
        (e: unknown) => e,
      );
    expect(err).toBeInstanceOf(ApiException);
    const apiErr = err as ApiException<string>;
    expect(apiErr.code).toBe(429);
    expect(JSON.parse(apiErr.body) as unknown).toMatchObject({
      reason: 'TooManyRequests',
      details: { causes: [{ reason: 'DisruptionBudget' }] },
    });
    const budgets = await kc
      .makeApiClient(PolicyV1Api)
      .listNamespacedPodDisruptionBudget({ namespace: 'shop' });
    expect(budgets.items[0]?.status).toMatchObject({
      disruptionsAllowed: 0,
      currentHealthy: 1,
      desiredHealthy: 1,
    });
    const web = (await core.listNamespacedPod({ namespace: 'shop', labelSelector: 'app=web' }))
      .items[0]!;
    // The 201 is a Status that client-node maps onto V1Eviction: success is "no exception".
    await core.createNamespacedPodEviction({
      name: web.metadata!.name!,
      namespace: 'shop',
      body: {
        apiVersion: 'policy/v1',
        kind: 'Eviction',
        metadata: { name: web.metadata!.name!, namespace: 'shop' },
      },
    });
    const evicted = await core.readNamespacedPod({ name: web.metadata!.name!, namespace: 'shop' });
    expect(evicted.metadata?.deletionTimestamp).toBeInstanceOf(Date);
  });

  it('asks SelfSubjectAccessReview in JSON', async () => {
    const authz = kc.makeApiClient(AuthorizationV1Api);
    const review = await authz.createSelfSubjectAccessReview({
      body: {
        apiVersion: 'authorization.k8s.io/v1',
        kind: 'SelfSubjectAccessReview',
        spec: { resourceAttributes: { verb: 'patch', resource: 'nodes' } },
      },
    });
    expect(review.status?.allowed).toBe(true);
  });

  it('keeps an informer current: list, then a watch from the list version', async () => {
    const core = kc.makeApiClient(CoreV1Api);
    // A namespace of its own: in `shop` the ReplicaSet controller replaces the pod the eviction
    // test evicted, and that replacement could arrive while this informer watches.
    const namespace = 'informed';
    await core.createNamespace({ body: { metadata: { name: namespace } } });
    await core.createNamespacedPod({
      namespace,
      body: { metadata: { name: 'listed' }, spec: { containers: [{ name: 'c', image: 'nginx' }] } },
    });
    const informer = makeInformer(kc, `/api/v1/namespaces/${namespace}/pods`, () =>
      core.listNamespacedPod({ namespace }),
    );
    const added: string[] = [];
    const deleted: string[] = [];
    informer.on(ADD, (p) => added.push(p.metadata!.name!));
    informer.on(DELETE, (p) => deleted.push(p.metadata!.name!));
    await informer.start();
    try {
      const listed = added.length;
      expect(added).toEqual(['listed']);
      await core.createNamespacedPod({
        namespace,
        body: {
          metadata: { name: 'informed' },
          spec: { containers: [{ name: 'c', image: 'nginx' }] },
        },
      });
      await core.deleteNamespacedPod({
        namespace,
        name: 'informed',
        gracePeriodSeconds: 0,
      });
      await until(() => deleted.includes('informed'), 'the informer to see the deletion', 10_000);
      expect(added.slice(listed)).toEqual(['informed']);
      expect(deleted).toEqual(['informed']);
    } finally {
      await informer.stop();
    }
  });
});
