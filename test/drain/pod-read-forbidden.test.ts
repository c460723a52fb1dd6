// A pod's eviction granted, then the look at it refused (403 on `get pods`): the line names the
// GET that was refused, not an eviction, and keeps the server's words (which verb, which resource).
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { KubeConfig } from '@kubernetes/client-node';
import { describe, expect, it } from 'vitest';
import { onCleanup } from '../helpers/cleanup.js';
import { moveOnePod } from './move-one-pod.js';
import { tempJournal } from './sim-session.js';

const DENIED =
  'pods "web-1" is forbidden: User "oncall" cannot get resource "pods" in API group "" in the namespace "shop"';

/** An API server that grants every eviction and refuses every read of a pod. */
async function evictOnlyServer(): Promise<string> {
  const server = createServer((req, res) => {
    req.resume();
    const evicting = req.method === 'POST' && /\/pods\/[^/]+\/eviction$/.test(req.url ?? '');
    res.setHeader('content-type', 'application/json');
    if (evicting) {
      res.statusCode = 201;
      res.end(JSON.stringify({ kind: 'Status', apiVersion: 'v1', status: 'Success' }));
      return;
    }
    res.statusCode = 403;
    res.end(
      JSON.stringify({
        kind: 'Status',
        apiVersion: 'v1',
        status: 'Failure',
        message: DENIED,
        reason: 'Forbidden',
        code: 403,
      }),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  onCleanup(() => new Promise<void>((resolve) => server.close(() => resolve())));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

describe('a pod whose read is refused after its eviction', () => {
  it('names the GET it was and keeps the server words', async () => {
    const server = await evictOnlyServer();
    const kc = new KubeConfig();
    kc.loadFromOptions({
      clusters: [{ name: 'c', server, skipTLSVerify: true }],
      users: [{ name: 'u', token: 'local-token' }],
      contexts: [{ name: 'x', cluster: 'c', user: 'u' }],
      currentContext: 'x',
    });
    const journal = await tempJournal('c', { readOnly: false, dryRun: false, demo: true });
    const state = await moveOnePod(
      { namespace: 'shop', name: 'web-1', uid: 'u-1' },
      { kc, journal, node: 'n1' },
    );
    expect(state.state).toBe('failed');
    expect(state.detail).toContain('you are not allowed to get pod shop/web-1');
    expect(state.detail).toContain(DENIED);
    expect(state.detail).not.toMatch(/evict pod|watch pod/);
  });
});
