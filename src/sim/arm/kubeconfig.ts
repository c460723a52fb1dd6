import { stringify } from 'yaml';

/** What a kubeconfig for the simulated cluster needs. */
export interface KubeconfigParts {
  clusterName: string;
  server: string;
  caCert: string;
  userName: string;
  token: string;
}

/** A kubeconfig (YAML) as AKS's credential endpoints return it, with a bearer token user. */
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
    users: [{ name: k.userName, user: { token: k.token } }],
  });
}
