import type { ManagedCluster } from '@azure/arm-containerservice';
import { KubeConfig } from '@kubernetes/client-node';
import { UserError } from '../model/errors.js';
import { redactUrlPasswords } from '../model/redact-url.js';

/** The flag that turns the refusal of a context of another cluster into a warning. */
export const ACCEPT_MISMATCH_FLAG = '--accept-context-mismatch';

/**
 * The host names AKS publishes for the cluster's API server, lower case: the public FQDN, the
 * private one (private clusters and API server VNet integration; a custom private DNS zone and
 * `fqdnSubdomain` are already in it) and the portal's.
 */
export function apiServerHostsOf(cluster: ManagedCluster): string[] {
  return [cluster.fqdn, cluster.privateFqdn, cluster.azurePortalFqdn]
    .filter((h): h is string => typeof h === 'string' && h !== '')
    .map(normalHost);
}

/** Whether a kubeconfig's server URL is at one of these hosts (any port). */
export function servedAt(server: string, hosts: readonly string[]): boolean {
  const host = hostOf(server);
  return host !== undefined && hosts.includes(host);
}

/** What the kubeconfig is checked against, and how to get the kubeconfig AKS hands out. */
export interface NamedCluster {
  name: string;
  cluster: ManagedCluster;
  /** The cluster-user kubeconfig ARM hands out (listClusterUserCredential). */
  handedOut: () => Promise<string>;
}

/**
 * Refuses a kubeconfig context whose API server is not the cluster -g/-n name: otherwise the card
 * and the Azure-side steps speak of one cluster while every Kubernetes read and write goes to
 * another. The server must be at a host ARM publishes for the cluster, or be the server of the
 * kubeconfig AKS hands out (asked only then: the simulator's API server is on loopback, not on its
 * FQDN). Returns a warning when neither could be learned.
 */
export async function checkSameCluster(
  server: string,
  context: string,
  named: NamedCluster,
  /** `--accept-context-mismatch`: the operator goes on deliberately; a warning, not a refusal. */
  acceptMismatch = false,
): Promise<string | undefined> {
  const hosts = apiServerHostsOf(named.cluster);
  if (servedAt(server, hosts)) return undefined;
  const theirs = await named.handedOut().then(serverOf, () => undefined);
  if (theirs !== undefined && sameOrigin(server, theirs)) return undefined;
  const shown = redactUrlPasswords(server);
  if (hosts.length === 0 && theirs === undefined) {
    return `cannot check that context "${context}" (${shown}) is AKS cluster "${named.name}": Azure gave no API server address for it`;
  }
  const expected = hosts[0] ?? hostOf(theirs!) ?? theirs!;
  if (acceptMismatch) {
    return `${ACCEPT_MISMATCH_FLAG}: context "${context}" (${shown}) is not where AKS cluster "${named.name}" answers (${expected}); Kubernetes reads and writes go to ${shown}, Azure reads and changes to "${named.name}"`;
  }
  throw new UserError(
    `context "${context}" is another cluster than -g/-n name: its server is ${shown}, AKS cluster "${named.name}" answers at ${expected}; pick that cluster's context with --context, or drop -g/-n to use the kubeconfig alone (${ACCEPT_MISMATCH_FLAG} goes on with both, if you mean it)`,
  );
}

function serverOf(kubeconfig: string): string | undefined {
  const kc = new KubeConfig();
  kc.loadFromString(kubeconfig);
  return kc.getCurrentCluster()?.server;
}

function hostOf(url: string): string | undefined {
  try {
    return normalHost(new URL(url).hostname);
  } catch {
    return undefined;
  }
}

function sameOrigin(a: string, b: string): boolean {
  try {
    return new URL(a).origin === new URL(b).origin;
  } catch {
    return false;
  }
}

/** DNS names are case-insensitive, and `name.` is `name`. */
function normalHost(host: string): string {
  return host.toLowerCase().replace(/\.$/, '');
}
