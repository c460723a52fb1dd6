// With HTTPS_PROXY set (usual on corporate machines), `--demo` reaches the simulator on 127.0.0.1
// directly: a proxy cannot reach the operator's loopback. Go's rule, which kubectl follows:
// localhost and loopback addresses are never proxied (golang.org/x/net/http/httpproxy).
import { createServer, type Server } from 'node:net';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { runBin } from '../helpers/cli-process.js';

let proxy: Server;
const seen: string[] = [];

beforeAll(async () => {
  // A "proxy" that records what it is asked and refuses it, as one that cannot reach us would.
  proxy = createServer((socket) => {
    socket.once('data', (data) => {
      seen.push(data.toString().split('\r\n')[0] ?? '');
      socket.end('HTTP/1.1 502 Bad Gateway\r\n\r\n');
    });
  });
  await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
});
afterAll(() => new Promise<void>((resolve) => proxy.close(() => resolve())));

it('reaches the simulator on 127.0.0.1 directly, not through HTTPS_PROXY', async () => {
  const address = proxy.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const proxyUrl = `http://127.0.0.1:${port}`;
  const run = await runBin(
    ['audit', '--demo', '--steps', 'rbac', '--output', 'json'],
    { HTTPS_PROXY: proxyUrl, https_proxy: proxyUrl },
    { timeoutMs: 60_000 },
  );
  expect(seen).toEqual([]);
  expect(run.stderr).not.toMatch(/cannot reach Azure Resource Manager/);
  expect(run.code).not.toBe(2);
}, 90_000);
