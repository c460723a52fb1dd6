// Kubernetes requests go through HTTPS_PROXY, as kubectl sends them (client-go's default
// transport uses http.ProxyFromEnvironment; a kubeconfig `proxy-url` overrides it per cluster), so
// ARM and Kubernetes leave by the same route. (`.invalid` never resolves, RFC 6761.)
import { writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { runBin } from '../helpers/cli-process.js';
import { tempDir } from '../helpers/temp-dir.js';

let proxy: Server;
const seen: string[] = [];

beforeAll(async () => {
  proxy = createServer((socket) => {
    socket.once('data', (data) => {
      seen.push(data.toString().split('\r\n')[0] ?? '');
      socket.end('HTTP/1.1 502 Bad Gateway\r\n\r\n');
    });
  });
  await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
});
afterAll(() => new Promise<void>((resolve) => proxy.close(() => resolve())));

it('sends Kubernetes requests through HTTPS_PROXY, as kubectl does', async () => {
  const address = proxy.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const file = join(tempDir('kube-proxy-'), 'config');
  writeFileSync(
    file,
    `apiVersion: v1
kind: Config
current-context: private
contexts:
  - name: private
    context: { cluster: private, user: me }
clusters:
  - name: private
    cluster: { server: "https://aks-private.example.invalid:443" }
users:
  - name: me
    user: { token: not-a-real-token }
`,
  );
  const proxyUrl = `http://127.0.0.1:${port}`;
  await runBin(
    ['audit', '--kubeconfig', file, '--steps', 'rbac', '--output', 'json'],
    { HTTPS_PROXY: proxyUrl, https_proxy: proxyUrl },
    { timeoutMs: 60_000 },
  );
  expect(seen).toContainEqual(expect.stringMatching(/^CONNECT aks-private\.example\.invalid:443 /));
}, 90_000);
