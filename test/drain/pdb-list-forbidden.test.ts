// A drain by an operator who may cordon and evict but not list PodDisruptionBudgets: kubectl never
// lists them (the eviction API enforces every budget itself), so the drain goes on and says the
// budgets were not read, instead of failing after the cordon with the node left cordoned.
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { KubeConfig } from '@kubernetes/client-node';
import { describe, expect, it } from 'vitest';
import { DEFAULT_DRAIN_OPTIONS } from '../../src/model/drain.js';
import { drainNode } from '../../src/steps/drain/run/drain-node.js';
import type { NodeProgress } from '../../src/steps/drain/run/progress.js';
import { onCleanup } from '../helpers/cleanup.js';
import { tempJournal } from './sim-session.js';

const DENIED =
  'poddisruptionbudgets.policy is forbidden: User "oncall" cannot list resource "poddisruptionbudgets" in API group "policy" at the cluster scope';

const json = (res: ServerResponse, code: number, body: unknown) => {
  res.statusCode = code;
  res.setHeader('content-type', 'application/json');
  res.end(JSON.stringify(body));
};

/** One node with one ReplicaSet pod; PDB lists refused; evictions granted; the pod then gone. */
async function server(): Promise<{ url: string; requests: string[] }> {
  const requests: string[] = [];
  let cordoned = false;
  let evicted = false;
  const node = () => ({
    kind: 'Node',
    apiVersion: 'v1',
    metadata: { name: 'n1', uid: 'n-1' },
    spec: cordoned ? { unschedulable: true } : {},
  });
  const pod = {
    kind: 'Pod',
    apiVersion: 'v1',
    metadata: {
      name: 'web-1',
      namespace: 'shop',
      uid: 'p-1',
      labels: { app: 'web' },
      ownerReferences: [
        {
          apiVersion: 'apps/v1',
          kind: 'ReplicaSet',
          name: 'web-5d',
          uid: 'rs-1',
          controller: true,
        },
      ],
    },
    spec: { nodeName: 'n1', containers: [{ name: 'web', image: 'web' }] },
    status: { phase: 'Running', conditions: [{ type: 'Ready', status: 'True' }] },
  };
  const s = createServer((req, res) => {
    req.resume();
    const url = req.url ?? '';
    requests.push(`${req.method} ${url.split('?')[0]}`);
    if (req.method === 'GET' && url.startsWith('/api/v1/nodes/n1')) return json(res, 200, node());
    if (req.method === 'PATCH' && url.startsWith('/api/v1/nodes/n1')) {
      cordoned = true;
      return json(res, 200, node());
    }
    if (req.method === 'GET' && url.startsWith('/apis/apps/v1/daemonsets'))
      return json(res, 200, {
        kind: 'DaemonSetList',
        apiVersion: 'apps/v1',
        metadata: {},
        items: [],
      });
    if (req.method === 'GET' && url.startsWith('/apis/policy/v1/poddisruptionbudgets'))
      return json(res, 403, {
        kind: 'Status',
        apiVersion: 'v1',
        status: 'Failure',
        message: DENIED,
        reason: 'Forbidden',
        code: 403,
      });
    if (req.method === 'GET' && url.startsWith('/api/v1/pods'))
      return json(res, 200, {
        kind: 'PodList',
        apiVersion: 'v1',
        metadata: {},
        items: evicted ? [] : [pod],
      });
    if (req.method === 'POST' && url.endsWith('/pods/web-1/eviction')) {
      evicted = true;
      return json(res, 201, { kind: 'Status', apiVersion: 'v1', status: 'Success', code: 201 });
    }
    if (req.method === 'DELETE' && url.startsWith('/api/v1/namespaces/shop/pods/web-1')) {
      evicted = true;
      return json(res, 200, { kind: 'Status', apiVersion: 'v1', status: 'Success', code: 200 });
    }
    if (req.method === 'GET' && url.startsWith('/api/v1/namespaces/shop/pods/web-1'))
      return json(res, 404, {
        kind: 'Status',
        apiVersion: 'v1',
        status: 'Failure',
        reason: 'NotFound',
        code: 404,
      });
    json(res, 404, { kind: 'Status', apiVersion: 'v1', status: 'Failure', code: 404 });
  });
  await new Promise<void>((resolve) => s.listen(0, '127.0.0.1', resolve));
  onCleanup(() => new Promise<void>((resolve) => s.close(() => resolve())));
  return { url: `http://127.0.0.1:${(s.address() as AddressInfo).port}`, requests };
}

describe('a drain without the right to list PodDisruptionBudgets', () => {
  it.each([
    [
      'evicts',
      DEFAULT_DRAIN_OPTIONS,
      'POST /api/v1/namespaces/shop/pods/web-1/eviction',
      /the API server still enforces them/,
    ],
    // Deleting pods skips every budget: the note must not promise they hold.
    [
      'deletes with eviction disabled',
      { ...DEFAULT_DRAIN_OPTIONS, disableEviction: true },
      'DELETE /api/v1/namespaces/shop/pods/web-1',
      /pods are deleted without regard to them/,
    ],
  ] as const)(
    'drains the node (%s), as kubectl would, and says the budgets were not read',
    async (_how, options, sent, said) => {
      const { url, requests } = await server();
      const kc = new KubeConfig();
      kc.loadFromOptions({
        clusters: [{ name: 'c', server: url, skipTLSVerify: true }],
        users: [{ name: 'u', token: 'local-token' }],
        contexts: [{ name: 'x', cluster: 'c', user: 'u' }],
        currentContext: 'x',
      });
      const journal = await tempJournal('c', { readOnly: false, dryRun: false, demo: true });
      const node: NodeProgress = {
        name: 'n1',
        phase: 'queued',
        cordoned: false,
        pods: [],
        notes: [],
      };
      await drainNode(node, {
        kc,
        server: url,
        journal,
        options,
        dryRun: false,
        retryMs: 20,
        pollMs: 10,
        concurrency: 10,
        signal: AbortSignal.timeout(30_000),
        changed: () => undefined,
      });
      expect(node.phase).toBe('drained');
      expect(node.pods.map((p) => `${p.name}:${p.state}`)).toEqual(['web-1:gone']);
      expect(node.notes.join('\n')).toMatch(/PodDisruptionBudgets could not be listed/);
      expect(node.notes.join('\n')).toMatch(said);
      expect(requests).toContain(sent);
    },
  );
});
