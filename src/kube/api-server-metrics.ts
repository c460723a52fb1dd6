import { HttpMethod, type Configuration, type KubeConfig } from '@kubernetes/client-node';

/** A client holding only the connection's configuration (wire guard, auth, retries). */
class RawClient {
  constructor(readonly config: Configuration) {}
}

/** The API server's `/metrics` text, or why it could not be read (403 without the right). */
export type MetricsRead = { text: string } | { unreadable: string };

/**
 * Reads the API server's Prometheus metrics (`GET /metrics`, a non-resource URL most AKS users
 * may not read): the text on 200, else one line saying what the server answered.
 */
export async function readApiServerMetrics(
  kc: KubeConfig,
  signal?: AbortSignal,
): Promise<MetricsRead> {
  const { config } = kc.makeApiClient(RawClient);
  const request = config.baseServer.makeRequestContext('/metrics', HttpMethod.GET);
  request.setHeaderParam('Accept', 'text/plain');
  if (signal) request.setSignal(signal);
  await config.authMethods.default?.applySecurityAuthentication(request);
  const response = await config.httpApi.send(request).toPromise();
  const text = await response.body.text();
  if (response.httpStatusCode === 200) {
    // A kube-apiserver always exposes hundreds of series: a 200 with no sample in it (empty, only
    // comments) is no metrics read, and must not read as "no deprecated API requested".
    if (!hasSample(text))
      return { unreadable: "the API server's /metrics: answered 200 without any metric" };
    return { text };
  }
  const reason =
    response.httpStatusCode === 403
      ? 'forbidden (it needs get on the non-resource URL /metrics)'
      : `HTTP ${response.httpStatusCode}`;
  return { unreadable: `the API server's /metrics: ${reason}` };
}

/** Whether Prometheus text holds at least one sample line (not blank, not a `#` comment). */
function hasSample(text: string): boolean {
  return text.split('\n').some((l) => l.trim() !== '' && !l.trimStart().startsWith('#'));
}
