import type { ManagedCluster } from '@azure/arm-containerservice';
import { describe, expect, it } from 'vitest';
import { UserError } from '../../src/model/errors.js';
import { apiServerHostsOf, checkSameCluster, servedAt } from '../../src/target/same-cluster.js';

// Shapes of `az aks show` (fqdn, privateFQDN, azurePortalFQDN) and of `az aks get-credentials`
// kubeconfigs (server https://<fqdn>:443).
const publicCluster: ManagedCluster = {
  location: 'westeurope',
  fqdn: 'aks-prod-1a2b3c4d.hcp.westeurope.azmk8s.io',
  azurePortalFqdn: 'aks-prod-1a2b3c4d.portal.hcp.westeurope.azmk8s.io',
};
const privateCluster: ManagedCluster = {
  location: 'westeurope',
  privateFqdn:
    'aks-prod-1a2b3c4d.5e6f7a8b-0000-4000-8000-000000000000.privatelink.westeurope.azmk8s.io',
};
const noKubeconfig = (): Promise<string> => Promise.reject(new Error('403'));
const named = (cluster: ManagedCluster, handedOut = noKubeconfig) => ({
  name: 'aks-prod',
  cluster,
  handedOut,
});

describe('the API server hosts of a managed cluster', () => {
  it('are the public, private and portal FQDNs, lower case', () => {
    expect(apiServerHostsOf({ ...publicCluster, privateFqdn: 'X.Privatelink.Example.' })).toEqual([
      'aks-prod-1a2b3c4d.hcp.westeurope.azmk8s.io',
      'x.privatelink.example',
      'aks-prod-1a2b3c4d.portal.hcp.westeurope.azmk8s.io',
    ]);
  });

  it('match a server URL by host, whatever its port and case', () => {
    const hosts = apiServerHostsOf(publicCluster);
    expect(servedAt('https://aks-prod-1a2b3c4d.hcp.westeurope.azmk8s.io:443', hosts)).toBe(true);
    expect(servedAt('https://AKS-PROD-1A2B3C4D.hcp.westeurope.azmk8s.io.', hosts)).toBe(true);
    expect(servedAt('https://aks-prod-1a2b3c4d.hcp.westeurope.azmk8s.io.evil.example', hosts)).toBe(
      false,
    );
    expect(servedAt('not a url', hosts)).toBe(false);
  });
});

describe('checking a kubeconfig context against -g/-n', () => {
  it('accepts az aks get-credentials kubeconfigs, public and private', async () => {
    await expect(
      checkSameCluster(
        'https://aks-prod-1a2b3c4d.hcp.westeurope.azmk8s.io:443',
        'aks-prod',
        named(publicCluster),
      ),
    ).resolves.toBeUndefined();
    await expect(
      checkSameCluster(
        `https://${privateCluster.privateFqdn!}:443`,
        'aks-prod',
        named(privateCluster),
      ),
    ).resolves.toBeUndefined();
  });

  it('refuses another cluster in one line saying what differs and what to do', async () => {
    const error = await checkSameCluster(
      'https://aks-test-99999999.hcp.westeurope.azmk8s.io:443',
      'aks-test',
      named(publicCluster),
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UserError);
    expect((error as UserError).message).toBe(
      'context "aks-test" is another cluster than -g/-n name: its server is https://aks-test-99999999.hcp.westeurope.azmk8s.io:443, AKS cluster "aks-prod" answers at aks-prod-1a2b3c4d.hcp.westeurope.azmk8s.io; pick that cluster\'s context with --context, or drop -g/-n to use the kubeconfig alone (--accept-context-mismatch goes on with both, if you mean it)',
    );
  });

  it('with --accept-context-mismatch goes on, with a warning naming both servers', async () => {
    const warning = await checkSameCluster(
      'https://aks-test-99999999.hcp.westeurope.azmk8s.io:443',
      'aks-test',
      named(publicCluster),
      true,
    );
    expect(warning).toBe(
      '--accept-context-mismatch: context "aks-test" (https://aks-test-99999999.hcp.westeurope.azmk8s.io:443) is not where AKS cluster "aks-prod" answers (aks-prod-1a2b3c4d.hcp.westeurope.azmk8s.io); Kubernetes reads and writes go to https://aks-test-99999999.hcp.westeurope.azmk8s.io:443, Azure reads and changes to "aks-prod"',
    );
  });

  it('accepts the server of the kubeconfig AKS hands out (same origin), and only it', async () => {
    const handedOut = () =>
      Promise.resolve(
        'apiVersion: v1\nkind: Config\nclusters:\n- name: c\n  cluster:\n    server: https://127.0.0.1:6443\ncontexts:\n- name: c\n  context: {cluster: c, user: u}\ncurrent-context: c\nusers:\n- name: u\n  user: {token: t}\n',
      );
    await expect(
      checkSameCluster('https://127.0.0.1:6443/', 'c', named(publicCluster, handedOut)),
    ).resolves.toBeUndefined();
    await expect(
      checkSameCluster('https://127.0.0.1:6444', 'c', named(publicCluster, handedOut)),
    ).rejects.toThrow(/another cluster/);
  });

  it('warns when Azure gives no address to check against', async () => {
    await expect(
      checkSameCluster('https://10.0.0.4:443', 'c', named({ location: 'westeurope' })),
    ).resolves.toMatch(/cannot check that context "c"/);
  });
});
