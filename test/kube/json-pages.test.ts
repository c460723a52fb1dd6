import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createTlsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { channel } from 'node:diagnostics_channel';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { KubeConfig } from '@kubernetes/client-node';
import { afterEach, describe, expect, it } from 'vitest';
import { listJsonPages } from '../../src/kube/json-pages.js';
import { withKubeWire } from '../../src/kube/wire.js';
import { until } from '../helpers/until.js';
import { makeCertificates } from '../../src/sim/cert.js';

// A full collection on demand: the bug this guards against happened only when the collector ran
// while a page asked ahead waited to be read.
setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

let server: Server | undefined;
type Handler = (url: URL, res: ServerResponse) => void;
const serve = (handler: Handler) => (req: IncomingMessage, res: ServerResponse) =>
  handler(new URL(req.url!, 'http://x'), res);
afterEach(async () => {
  server?.closeAllConnections();
  await new Promise((resolve) => server?.close(resolve));
  server = undefined;
});

/** A Kubernetes wire to a plain HTTP (or, given certificates, HTTPS) server on 127.0.0.1. */
async function wireTo(
  handler: Handler,
  tls?: { cert: string; key: string; caCert: string },
): Promise<KubeConfig> {
  server = tls ? createTlsServer(tls, serve(handler)) : createServer(serve(handler));
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const cluster = tls
    ? {
        server: `https://127.0.0.1:${port}`,
        caData: Buffer.from(tls.caCert).toString('base64'),
      }
    : { server: `http://127.0.0.1:${port}`, skipTLSVerify: true };
  const kc = new KubeConfig();
  kc.loadFromOptions({
    clusters: [{ name: 'c', ...cluster }],
    users: [{ name: 'u', token: 't' }],
    contexts: [{ name: 'x', cluster: 'c', user: 'u' }],
    currentContext: 'x',
  });
  return withKubeWire(kc, { mode: { readOnly: true, dryRun: false } });
}

describe('listJsonPages', () => {
  it('refuses a list whose continue token comes back, after asking at most once more', async () => {
    // Kubernetes API concepts, chunked lists: each continue token is a new position; a repeat
    // (server or proxy fault) would have the reader count the same pages forever.
    let asked = 0;
    const kc = await wireTo((_url, res) => {
      asked += 1;
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{"metadata":{"continue":"same"},"items":[{"metadata":{"name":"a"}}]}');
    });
    await expect(listJsonPages(kc, '/api/v1/pods', { limit: '1' }, (i) => i)).rejects.toThrow(
      /continue token it had already given/,
    );
    expect(asked).toBe(2);
  });

  it('reads a page asked ahead whole, even when the collector runs before it is read', async () => {
    // The next page is asked as soon as this page's metadata has arrived and waits, answered,
    // until this page's items have streamed in. Its body must survive a garbage collection
    // meanwhile (undici cancels the body of a Response object that was collected).
    let finishFirst: (() => void) | undefined;
    const kc = await wireTo((url, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      if (url.searchParams.get('continue') === 'p2') {
        res.end('{"kind":"PodList","metadata":{},"items":[{"metadata":{"name":"b"}}]}');
        return;
      }
      res.write(
        '{"kind":"PodList","metadata":{"continue":"p2"},"items":[{"metadata":{"name":"a"}}',
      );
      finishFirst = () => res.end(']}');
    });
    const answered = channel('undici:request:headers');
    let secondAnswered = false;
    const seen = (message: unknown): void => {
      const { request } = message as { request: { path: string } };
      if (request.path.includes('continue=p2')) secondAnswered = true;
    };
    answered.subscribe(seen);
    try {
      const pods = listJsonPages(kc, '/api/v1/pods', { limit: '1' }, (item) => item);
      pods.catch(() => undefined);
      await until(() => secondAnswered && finishFirst, 'the page asked ahead to be answered');
      for (let round = 0; round < 10; round++) {
        gc();
        await new Promise<void>((resolve) => setImmediate(resolve));
        await new Promise<void>((resolve) => setTimeout(resolve, 0));
      }
      finishFirst!();
      expect(await pods).toEqual([{ metadata: { name: 'a' } }, { metadata: { name: 'b' } }]);
    } finally {
      answered.unsubscribe(seen);
    }
  });

  it('sends the next page before it parses the rest of a page that has all arrived', async () => {
    // Over TLS a page arrives as records of 16 KiB; when all of them are in, they are parsed in
    // one turn of the event loop. undici writes a request on a kept-alive connection only after
    // such a turn, so the page asked ahead must leave before the rest is parsed, not after.
    const items = 200;
    const pod = (i: number) =>
      JSON.stringify({ metadata: { name: `p${i}` }, pad: 'x'.repeat(1000) });
    const first = `{"kind":"PodList","metadata":{"continue":"p2"},"items":[${Array.from({ length: items }, (_, i) => pod(i)).join(',')}]}`;
    const kc = await wireTo(
      (url, res) => {
        res.writeHead(200, { 'content-type': 'application/json' });
        if (url.searchParams.get('continue') === 'p2') res.end('{"metadata":{},"items":[]}');
        else if (url.pathname === '/warm') res.end('{"metadata":{},"items":[]}');
        else res.end(first);
      },
      await makeCertificates(),
    );
    // Two kept-alive connections, so the page asked ahead goes on one already used.
    const keep = (item: unknown) => item;
    await Promise.all([1, 2].map(() => listJsonPages(kc, '/warm', {}, keep)));
    const sent = channel('undici:client:sendHeaders');
    let keptWhenSent: number | undefined;
    let kept = 0;
    const seen = (message: unknown): void => {
      const { request } = message as { request: { path: string } };
      if (request.path.includes('continue=p2')) keptWhenSent = kept;
    };
    sent.subscribe(seen);
    try {
      const pods = await listJsonPages(kc, '/api/v1/pods', { limit: '200' }, (item) => {
        kept++;
        return item;
      });
      expect(pods).toHaveLength(items);
      // Sent once the first record (about 15 items) is parsed; held back, it left after most or all.
      expect(keptWhenSent).toBeLessThan(items / 4);
    } finally {
      sent.unsubscribe(seen);
    }
  });
});
