// HTTPS_PROXY applies to ARM and Kubernetes requests (env-proxy-policy.ts); the sign-in's own token
// requests to the Entra ID login endpoint must go through the same proxy. @azure/identity
// credentials take `proxyOptions` (the core-rest-pipeline ProxySettings) for every request they
// send. Tested with a client-secret credential given the sign-in's options and a proxy on
// 127.0.0.1 that records each CONNECT and refuses it; the login host (.invalid) resolves nowhere,
// so nothing leaves this machine whatever happens.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ClientSecretCredential } from '@azure/identity';
import { afterEach, describe, expect, it } from 'vitest';
import { credentialOptions } from '../../src/target/credential.js';

let proxy: Server | undefined;
afterEach(async () => {
  await new Promise((resolve) => proxy?.close(resolve) ?? resolve(undefined));
  proxy = undefined;
});

/** A proxy that records CONNECT targets and answers 502 (no tunnel). */
async function recordingProxy(): Promise<{ url: string; connects: string[] }> {
  const connects: string[] = [];
  proxy = createServer((_req, res) => res.writeHead(502).end());
  proxy.on('connect', (req, socket) => {
    connects.push(req.url ?? '');
    socket.end('HTTP/1.1 502 Bad Gateway\r\nContent-Length: 0\r\n\r\n');
  });
  await new Promise<void>((resolve) => proxy!.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`, connects };
}

describe('the Azure sign-in and HTTPS_PROXY', () => {
  it('sends the token request through the proxy chosen for the login endpoint', async () => {
    const { url, connects } = await recordingProxy();
    const options = credentialOptions('AzureCloud', { HTTPS_PROXY: url });
    expect(options.proxyOptions).toEqual({
      host: 'http://127.0.0.1',
      port: Number(new URL(url).port),
    });
    const credential = new ClientSecretCredential('tenant-1', 'client-1', 'not-a-secret', {
      ...options,
      authorityHost: 'https://login.aks-runbook.invalid',
      disableInstanceDiscovery: true,
      retryOptions: { maxRetries: 0 },
    });
    await expect(credential.getToken('https://management.azure.com/.default')).rejects.toThrow();
    expect(connects.length).toBeGreaterThan(0);
    expect(connects.every((c) => c === 'login.aks-runbook.invalid:443')).toBe(true);
  });

  it('goes direct when NO_PROXY names the login endpoint, as for ARM', () => {
    const env = { HTTPS_PROXY: 'http://127.0.0.1:3128', NO_PROXY: '.microsoftonline.com' };
    expect(credentialOptions('AzureCloud', env).proxyOptions).toBeUndefined();
    expect(credentialOptions('AzureCloud', {}).proxyOptions).toBeUndefined();
  });
});
