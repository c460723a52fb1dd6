import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import type { ClientRequest } from 'node:http';

/**
 * Calls `then` once, when the first HTTP requests started after this call have all been handed to
 * their sockets (TLS handshakes done, headers written), or when `now` is called first. CPU work
 * started then waits with those requests for their answers instead of holding them back.
 */
export function afterFirstRequestsWritten(then: () => void): { now: () => void } {
  let done = false;
  let unsent = 0;
  const sent = (): void => {
    unsent--;
    // Requests started in the same turn as the last one written are still to come.
    if (unsent === 0) setImmediate(() => unsent === 0 && now());
  };
  const onHttp = (message: unknown): void => {
    const request = (message as { request?: ClientRequest }).request;
    if (!request) return;
    unsent++;
    let once = false;
    const settle = (): void => {
      if (once) return;
      once = true;
      sent();
    };
    request.once('finish', settle);
    request.once('error', settle);
  };
  const onFetch = (): void => now();
  function now(): void {
    if (done) return;
    done = true;
    unsubscribe('http.client.request.start', onHttp);
    unsubscribe('undici:client:sendHeaders', onFetch);
    then();
  }
  subscribe('http.client.request.start', onHttp);
  subscribe('undici:client:sendHeaders', onFetch);
  return { now };
}
