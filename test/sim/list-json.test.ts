// Lists are written from each object's JSON, cached until the store replaces the object: the text
// must be JSON.stringify's, and a list after any write must show the object as written. The end to
// end part checks a list against a watch opened at an earlier list's version: replaying the watch's
// events up to the later list's version must give exactly that list (no timing involved).
import { request } from 'node:https';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KubeObject } from '../../src/sim/contracts.js';
import { listJson, objectJson } from '../../src/sim/kube/list-json.js';
import { type KubeTestServer, startKube, waitFor } from './helpers/kube-server.js';

interface List {
  metadata: { resourceVersion: string; continue?: string };
  items: KubeObject[];
}
interface WatchEvent {
  type: 'ADDED' | 'MODIFIED' | 'DELETED' | 'BOOKMARK';
  object: KubeObject;
}

const item: fc.Arbitrary<KubeObject> = fc.record({
  apiVersion: fc.constant('v1'),
  kind: fc.string(),
  metadata: fc.record({ name: fc.string(), labels: fc.dictionary(fc.string(), fc.string()) }),
  spec: fc.jsonValue(),
  status: fc.dictionary(fc.string({ unit: 'grapheme' }), fc.jsonValue()),
});

describe('listJson', () => {
  it("is exactly JSON.stringify's text of the list", () => {
    fc.assert(
      fc.property(fc.array(item, { maxLength: 6 }), fc.string(), (items, rv) => {
        const head = { kind: 'PodList', apiVersion: 'v1', metadata: { resourceVersion: rv } };
        const want = JSON.stringify({ ...head, items });
        expect(listJson(head, items)).toBe(want);
        // Served again from the cache: the same text.
        expect(listJson(head, items)).toBe(want);
      }),
    );
  });

  it('writes a new object afresh, not the bytes of the one it replaced', () => {
    const first: KubeObject = {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'a', resourceVersion: '1' },
    };
    expect(objectJson(first)).toBe(JSON.stringify(first));
    const second = { ...first, metadata: { ...first.metadata, resourceVersion: '2' } };
    expect(objectJson(second)).toBe(JSON.stringify(second));
  });
});

describe('lists served from cached JSON, after every kind of write', () => {
  let s: KubeTestServer;
  let admin: string;
  beforeAll(async () => {
    s = await startKube();
    admin = s.token('alice@contoso.com', ['system:masters']);
  });
  afterAll(async () => s?.close());

  /** Every page of a list, two objects a page. */
  async function listAll(path: string): Promise<List> {
    const items: KubeObject[] = [];
    let cont = '';
    let rv = '';
    do {
      const query = `limit=2${cont ? `&continue=${encodeURIComponent(cont)}` : ''}`;
      const r = await s.call('GET', `${path}?${query}`, { token: admin });
      expect(r.status).toBe(200);
      const page = r.body as List;
      items.push(...page.items);
      rv ||= page.metadata.resourceVersion;
      cont = page.metadata.continue ?? '';
    } while (cont);
    return { metadata: { resourceVersion: rv }, items };
  }

  /** A watch from `rv`; its events so far, and a way to stop it. */
  function watchFrom(path: string, rv: string): { events: WatchEvent[]; stop: () => void } {
    const events: WatchEvent[] = [];
    let rest = '';
    const req = request({
      host: '127.0.0.1',
      port: new URL(s.baseUrl).port,
      path: `${path}?watch=1&resourceVersion=${rv}`,
      headers: { authorization: `Bearer ${admin}` },
      ca: s.caCert,
    });
    req.on('response', (res) =>
      res.on('data', (c: Buffer) => {
        const lines = (rest + c.toString()).split('\n');
        rest = lines.pop()!;
        for (const line of lines) if (line) events.push(JSON.parse(line) as WatchEvent);
      }),
    );
    req.on('error', () => undefined);
    req.end();
    return { events, stop: () => req.destroy() };
  }

  const keyOf = (o: KubeObject): string => `${o.metadata.namespace ?? ''}/${o.metadata.name}`;

  /** The objects `before` turns into once the watch's changes up to `rv` are applied. */
  function replay(before: KubeObject[], events: WatchEvent[], rv: number): KubeObject[] {
    const now = new Map(before.map((o) => [keyOf(o), o]));
    for (const e of events) {
      if (e.type === 'BOOKMARK' || Number(e.object.metadata.resourceVersion) > rv) continue;
      if (e.type === 'DELETED') now.delete(keyOf(e.object));
      else now.set(keyOf(e.object), e.object);
    }
    return [...now.keys()].sort().map((k) => now.get(k)!);
  }

  it('shows patched, status-written, evicted, deleted and created pods and cordoned nodes as written', async () => {
    const before = await listAll('/api/v1/pods');
    // Twice, so the second list is served from the cache.
    expect(await listAll('/api/v1/pods')).toEqual(before);
    const nodesBefore = await listAll('/api/v1/nodes');
    const pods = watchFrom('/api/v1/pods', before.metadata.resourceVersion);
    const nodes = watchFrom('/api/v1/nodes', nodesBefore.metadata.resourceVersion);
    try {
      const web = before.items.filter((p) => p.metadata.labels?.['app'] === 'web');
      expect(web.length).toBeGreaterThanOrEqual(3);
      const [labelled, evicted, deleted] = web.map((p) => p.metadata.name) as [
        string,
        string,
        string,
      ];
      const path = (name: string): string => `/api/v1/namespaces/shop/pods/${name}`;
      const writes = [
        await s.call('PATCH', path(labelled), {
          token: admin,
          body: { metadata: { labels: { checked: 'yes' } } },
          contentType: 'application/merge-patch+json',
        }),
        await s.call('PATCH', `${path(labelled)}/status`, {
          token: admin,
          body: { status: { message: 'looked at' } },
          contentType: 'application/merge-patch+json',
        }),
        await s.call('POST', `${path(evicted)}/eviction`, {
          token: admin,
          body: {
            apiVersion: 'policy/v1',
            kind: 'Eviction',
            metadata: { name: evicted, namespace: 'shop' },
          },
        }),
        await s.call('DELETE', `${path(deleted)}?gracePeriodSeconds=0`, { token: admin }),
        await s.call('POST', '/api/v1/namespaces/shop/pods', {
          token: admin,
          body: {
            metadata: { name: 'made-after' },
            spec: { containers: [{ name: 'c', image: 'nginx' }] },
          },
        }),
        await s.call('PATCH', `/api/v1/nodes/${nodesBefore.items[0]!.metadata.name}`, {
          token: admin,
          body: { spec: { unschedulable: true } },
          contentType: 'application/strategic-merge-patch+json',
        }),
      ];
      expect(writes.map((w) => w.status)).toEqual([200, 200, 201, 200, 201, 200]);

      const after = await listAll('/api/v1/pods');
      const nodesAfter = await listAll('/api/v1/nodes');
      // A write after each list; once a watch shows it, it has shown every change before it.
      await s.call('POST', '/api/v1/namespaces/shop/pods', {
        token: admin,
        body: { metadata: { name: 'marker' }, spec: { containers: [{ name: 'c', image: 'x' }] } },
      });
      const cordoned = nodesBefore.items[1]!.metadata.name;
      await s.call('PATCH', `/api/v1/nodes/${cordoned}`, {
        token: admin,
        body: { spec: { unschedulable: true } },
        contentType: 'application/strategic-merge-patch+json',
      });
      await waitFor('the pod watch to pass the list', () =>
        pods.events.some((e) => e.object.metadata.name === 'marker'),
      );
      await waitFor('the node watch to pass the list', () =>
        nodes.events.some((e) => e.object.metadata.name === cordoned),
      );
      const rvPods = Number(after.metadata.resourceVersion);
      expect(after.items).toEqual(replay(before.items, pods.events, rvPods));
      expect(nodesAfter.items).toEqual(
        replay(nodesBefore.items, nodes.events, Number(nodesAfter.metadata.resourceVersion)),
      );
      // And the writes are there, not only consistent.
      const byName = new Map(after.items.map((p) => [p.metadata.name, p]));
      expect(byName.get(labelled)?.metadata.labels?.['checked']).toBe('yes');
      expect(byName.get(labelled)?.['status']).toMatchObject({ message: 'looked at' });
      expect(byName.get(deleted)).toBeUndefined();
      expect(byName.has('made-after')).toBe(true);
      const gone = byName.get(evicted);
      if (gone) expect(gone.metadata.deletionTimestamp).toBeTruthy();
      expect(nodesAfter.items[0]!['spec']).toMatchObject({ unschedulable: true });
    } finally {
      pods.stop();
      nodes.stop();
    }
  });
});
