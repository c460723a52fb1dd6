// Repro: with HTTPS_PROXY set (usual on corporate machines), `--demo` sends its ARM requests for
// the simulator on 127.0.0.1 to the proxy (`CONNECT 127.0.0.1:PORT`), which cannot reach the
// operator's loopback: the demo fails with "cannot reach Azure Resource Manager", exit 2. The Azure
// SDK's proxy policy honours HTTPS_PROXY for every host; the Kubernetes side and kubectl do not
// proxy loopback. Go's rule, which kubectl and az's tools follow: "if req.URL.Host is "localhost"
// or a loopback address (with or without a port number), then a nil URL and nil error will be
// returned" (https://pkg.go.dev/golang.org/x/net/http/httpproxy#Config.ProxyFunc). The demo and
// the simulator must be reached directly (README: the simulated cluster is HTTPS on 127.0.0.1).
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

it.fails(
  'reaches the simulator on 127.0.0.1 directly, not through HTTPS_PROXY',
  async () => {
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
  },
  90_000,
);
