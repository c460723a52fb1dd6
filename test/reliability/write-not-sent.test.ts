// Which failed writes have an unknown outcome: one undici refused before sending it (a closed
// dispatcher, UND_ERR_CLOSED) was not sent, and a server-side dry run cannot change anything, so
// neither is `unknown`; a real write dropped mid-request still is. Reads keep their retries.
import {
  HttpMethod,
  RequestContext,
  type IsomorphicFetchHttpLibrary,
  type ResponseContext,
} from '@kubernetes/client-node';
import { describe, expect, it } from 'vitest';
import {
  FaultError,
  OutcomeUnknown,
  StoppedInFlight,
  kindOf,
  mayStillLand,
} from '../../src/model/errors.js';
import { DEFAULT_KUBE_RETRY, sendWithRetries } from '../../src/kube/retry.js';

const policy = { ...DEFAULT_KUBE_RETRY, sleep: () => Promise.resolve() };

/** A transport that fails every request as `fetch` does: a TypeError whose cause has `code`. */
function failing(code: string): { http: IsomorphicFetchHttpLibrary; sent: () => number } {
  let sent = 0;
  const http = {
    send: () => {
      sent++;
      const cause = Object.assign(new Error(code), { code });
      return { toPromise: () => Promise.reject(new TypeError('fetch failed', { cause })) };
    },
  } as unknown as IsomorphicFetchHttpLibrary;
  return { http, sent: () => sent };
}

function request(method: HttpMethod, url: string): RequestContext {
  return new RequestContext(url, method);
}

const NODE = 'https://127.0.0.1:6443/api/v1/nodes/aks-1';

async function failure(code: string, method: HttpMethod, url: string) {
  const { http, sent } = failing(code);
  const error = await sendWithRetries(http, request(method, url), policy).then(
    (r: ResponseContext) => r,
    (e: unknown) => e,
  );
  return { error, sent: sent() };
}

describe('a write that failed before or without changing anything', () => {
  it('UND_ERR_CLOSED (refused before dispatch): a plain failure said as not sent', async () => {
    const { error, sent } = await failure('UND_ERR_CLOSED', HttpMethod.PATCH, NODE);
    expect(error).not.toBeInstanceOf(OutcomeUnknown);
    expect(error).toBeInstanceOf(FaultError);
    expect((error as Error).message).toMatch(/PATCH \/api\/v1\/nodes\/aks-1 was not sent/);
    expect((error as Error).message).not.toMatch(/may or may not/);
    expect(kindOf(error)).toBe('unreachable');
    expect(sent).toBe(1);
  });

  it('a dry-run write dropped mid-request: not unknown, said as a dry run that got no answer', async () => {
    for (const code of ['ECONNRESET', 'ERR_HTTP2_STREAM_ERROR', 'UND_ERR_SOCKET']) {
      const { error, sent } = await failure(code, HttpMethod.PATCH, `${NODE}?dryRun=All`);
      expect(error).not.toBeInstanceOf(OutcomeUnknown);
      expect((error as Error).message).toMatch(
        /during the dry run of PATCH \/api\/v1\/nodes\/aks-1: the dry run got no answer, and nothing could have changed/,
      );
      expect(sent).toBe(1);
    }
  });

  it('a real write dropped mid-request is still sent with an unknown outcome', async () => {
    const { error, sent } = await failure('ECONNRESET', HttpMethod.PATCH, NODE);
    expect(error).toBeInstanceOf(OutcomeUnknown);
    expect(sent).toBe(1);
  });

  it('a read refused with UND_ERR_CLOSED is still asked again', async () => {
    const { sent } = await failure('UND_ERR_CLOSED', HttpMethod.GET, NODE);
    expect(sent).toBe(DEFAULT_KUBE_RETRY.attempts);
  });
});

/** A transport that answers nothing until the request's signal aborts, then fails as fetch does. */
function hanging(): { http: IsomorphicFetchHttpLibrary; sent: () => number } {
  let sent = 0;
  const http = {
    send: (r: RequestContext) => {
      sent++;
      const signal = r.getSignal()!;
      const failed = new Promise<ResponseContext>((_, reject) => {
        const abort = () => reject(new DOMException('This operation was aborted', 'AbortError'));
        if (signal.aborted) abort();
        else signal.addEventListener('abort', abort, { once: true });
      });
      return { toPromise: () => failed };
    },
  } as unknown as IsomorphicFetchHttpLibrary;
  return { http, sent: () => sent };
}

async function stopped(url: string, before: boolean) {
  const { http } = hanging();
  const stop = new AbortController();
  if (before) stop.abort();
  const r = request(HttpMethod.POST, url);
  r.setSignal(stop.signal);
  const pending = sendWithRetries(http, r, policy).then(
    (x: ResponseContext) => x,
    (e: unknown) => e,
  );
  stop.abort();
  return pending;
}

describe('a write the session stopped', () => {
  const EVICT = 'https://127.0.0.1:6443/api/v1/namespaces/shop/pods/web-1/eviction';

  it('on its way: unknown, and it may still land (never "cancelled")', async () => {
    const error = await stopped(EVICT, false);
    expect(error).toBeInstanceOf(StoppedInFlight);
    expect(mayStillLand(error)).toBe(true);
    expect((error as Error).message).toMatch(
      /this session stopped while POST \/api\/v1\/namespaces\/shop\/pods\/web-1\/eviction was on its way .*may or may not take effect/,
    );
  });

  it('before it left: an abort (the journal says cancelled), never unknown', async () => {
    const error = await stopped(EVICT, true);
    expect(error).not.toBeInstanceOf(OutcomeUnknown);
    expect((error as Error).name).toBe('AbortError');
  });

  it('a dry run on its way: an abort, never unknown (a dry run changes nothing)', async () => {
    const error = await stopped(`${EVICT}?dryRun=All`, false);
    expect(error).not.toBeInstanceOf(OutcomeUnknown);
  });
});
