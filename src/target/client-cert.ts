import { X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { User } from '@kubernetes/client-node';
import { UserError } from '../model/errors.js';

/**
 * Checks a kubeconfig user's client certificate before any request: an expired or not yet valid
 * one gets a line that says so (the API server would only answer a bare 401, or drop the TLS).
 */
export function checkClientCertificate(user: User, now: Date = new Date()): void {
  const pem = certificatePem(user);
  if (pem === undefined) return;
  let cert: X509Certificate;
  try {
    cert = new X509Certificate(pem);
  } catch {
    throw new UserError(`the client certificate of user "${user.name}" is not a valid certificate`);
  }
  const from = new Date(cert.validFrom);
  const to = new Date(cert.validTo);
  if (now > to) {
    throw new UserError(
      `the client certificate of user "${user.name}" expired on ${to.toISOString()}; get fresh credentials (az aks get-credentials)`,
    );
  }
  if (now < from) {
    throw new UserError(
      `the client certificate of user "${user.name}" is not valid before ${from.toISOString()}; check this machine's clock`,
    );
  }
}

function certificatePem(user: User): string | undefined {
  if (user.certData) return Buffer.from(user.certData, 'base64').toString('utf8');
  if (user.certFile) return readFileSync(user.certFile, 'utf8');
  return undefined;
}
