import { stringify } from 'yaml';

/** What a kubeconfig for the simulated cluster needs. */
export interface KubeconfigParts {
  clusterName: string;
  server: string;
  caCert: string;
  userName: string;
  /** A bearer token (an Entra ID user's, as kubelogin would get it), or a client certificate. */
  credential: { token: string } | { cert: string; key: string };
}

function userEntry(c: KubeconfigParts['credential']): Record<string, string> {
  if ('token' in c) return { token: c.token };
  const b64 = (pem: string): string => Buffer.from(pem, 'utf8').toString('base64');
  return { 'client-certificate-data': b64(c.cert), 'client-key-data': b64(c.key) };
}

/** A kubeconfig (YAML) as AKS's credential endpoints return it: a token or a client-certificate user. */
export function kubeconfigYaml(k: KubeconfigParts): string {
  return stringify({
    apiVersion: 'v1',
    kind: 'Config',
    clusters: [
      {
        name: k.clusterName,
        cluster: {
          'certificate-authority-data': Buffer.from(k.caCert, 'utf8').toString('base64'),
          server: k.server,
        },
      },
    ],
    contexts: [{ name: k.clusterName, context: { cluster: k.clusterName, user: k.userName } }],
    'current-context': k.clusterName,
    preferences: {},
    users: [{ name: k.userName, user: userEntry(k.credential) }],
  });
}
