import type { IncomingMessage } from 'node:http';
import type { Http2ServerRequest } from 'node:http2';
import type { TLSSocket } from 'node:tls';
import type { Caller } from './http.js';

/** The user (common name) and groups (organizations) of a client certificate the CA signed. */
export function certificateCaller(req: IncomingMessage | Http2ServerRequest): Caller | undefined {
  const socket = req.socket as TLSSocket;
  if (!socket.authorized) return undefined;
  const subject = socket.getPeerCertificate().subject as
    Record<string, string | string[]> | undefined;
  const cn = subject?.['CN'];
  if (typeof cn !== 'string' || !cn) return undefined;
  const o = subject?.['O'];
  const groups = Array.isArray(o) ? o : typeof o === 'string' ? [o] : [];
  return { user: cn, groups, audience: 'kube' };
}
