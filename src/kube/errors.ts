import { ApiException } from '@kubernetes/client-node';
import { UserError, messageOf, firstLine } from '../model/errors.js';

/** Turns a Kubernetes API failure into one line that says what went wrong and what to do. */
export function describeKubeError(error: unknown, server: string, doing: string): UserError {
  if (error instanceof ApiException) {
    const status = statusMessage(error.body);
    switch (error.code) {
      case 401:
        return new UserError(
          `the API server at ${server} did not accept your credentials while trying to ${doing}; get fresh ones (az aks get-credentials)`,
        );
      case 403:
        return new UserError(`you are not allowed to ${doing}: ${status ?? 'forbidden'}`);
      default:
        return new UserError(
          `the API server answered ${error.code} while trying to ${doing}: ${status ?? firstLine(error.message)}`,
        );
    }
  }
  const cause = rootCause(error);
  if (
    /ECONNREFUSED|ENOTFOUND|EHOSTUNREACH|ETIMEDOUT|ECONNRESET|UND_ERR_SOCKET|other side closed|socket hang up/.test(
      cause,
    )
  ) {
    return new UserError(
      `cannot reach the API server at ${server} (${cause}); is the cluster running and the address right?`,
    );
  }
  if (/certificate|self.signed|CERT_|unable to verify/i.test(cause)) {
    return new UserError(
      `the API server at ${server} presented a certificate the kubeconfig does not trust (${cause})`,
    );
  }
  return new UserError(`could not ${doing} at ${server}: ${cause}`);
}

function statusMessage(body: unknown): string | undefined {
  let parsed = body;
  if (typeof body === 'string') {
    try {
      parsed = JSON.parse(body) as unknown;
    } catch {
      return body.length > 0 && body.length < 300 ? body : undefined;
    }
  }
  const message = (parsed as { message?: unknown } | undefined)?.message;
  return typeof message === 'string' ? message : undefined;
}

/** The innermost cause's message: fetch wraps socket and TLS errors in a vague "fetch failed". */
function rootCause(error: unknown): string {
  let current: unknown = error;
  for (let depth = 0; depth < 5; depth++) {
    const next = (current as { cause?: unknown } | undefined)?.cause;
    if (next === undefined || next === null) break;
    current = next;
  }
  const code = (current as { code?: unknown } | undefined)?.code;
  const text = firstLine(messageOf(current));
  return typeof code === 'string' && !text.includes(code) ? `${code}: ${text}` : text;
}
