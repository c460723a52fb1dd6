import { ApiException } from '@kubernetes/client-node';
import type { ManagedCluster } from '@azure/arm-containerservice';
import { describeArmError } from '../../azure/errors.js';
import { armClusterOf } from '../../azure/shared-reads.js';
import type { LeanPod } from '../../kube/lean-pod.js';
import type { EngineFacts } from '../../checks/imds/engine.js';
import type { ImdsFacts } from '../../checks/imds/assess.js';
import type { PodFacts } from '../../checks/imds/facts.js';
import { identifyPods } from '../../checks/imds/pod-groups.js';
import { isNmiPod, type PodIdentityFacts } from '../../checks/imds/pod-identity.js';
import { describeKubeError } from '../../kube/errors.js';
import {
  enginePoliciesOf,
  followPods,
  namespacesOf,
  networkPoliciesOf,
  nodesOf,
} from '../../kube/shared-reads.js';
import type { Connection } from '../../model/connection.js';
import { policyFacts } from './policy-facts.js';
import { nodeOsByName, runsOnWindows } from '../../checks/imds/pod-windows.js';

/** The facts, or the read the operator was not allowed to make (never treated as a pass). */
export type ReadOutcome = { facts: ImdsFacts } | { forbidden: { what: string; detail: string } };

/** Whether any of the pod's addresses (status.podIPs, or status.podIP) is IPv6. */
function hasIpv6(pod: LeanPod): boolean {
  const ips = [pod.status?.podIP, ...(pod.status?.podIPs ?? []).map((p) => p.ip)];
  return ips.some((ip) => ip?.includes(':') === true);
}

function podFacts(pod: LeanPod, nodeOs: ReadonlyMap<string, string> | undefined): PodFacts {
  const declared = (pod.spec?.containers ?? []).flatMap((c) => c.ports ?? []);
  return {
    namespace: pod.metadata?.namespace ?? '',
    name: pod.metadata?.name ?? '',
    labels: pod.metadata?.labels ?? {},
    hostNetwork: pod.spec?.hostNetwork === true,
    // Policy engines differ on Windows nodes (Cilium: Linux only; NPM: Windows Server 2022 preview).
    ...(runsOnWindows(pod, nodeOs) ? { windows: true } : {}),
    ...(pod.status?.podIP ? { ip: pod.status.podIP } : {}),
    ...(pod.status?.hostIP ? { hostIP: pod.status.hostIP } : {}),
    ...(hasIpv6(pod) ? { ipv6: true as const } : {}),
    ...(declared.length > 0
      ? {
          ports: declared.map((c) => ({
            ...(c.name ? { name: c.name } : {}),
            port: c.containerPort,
            ...(c.protocol ? { protocol: c.protocol } : {}),
          })),
        }
      : {}),
  };
}

/** The NMI pod (AAD Pod Identity) as the facts name it, or undefined for any other pod. */
function nmiOf(pod: LeanPod): PodIdentityFacts['nmiPods'][number] | undefined {
  const nmi = isNmiPod({
    hostNetwork: pod.spec?.hostNetwork === true,
    containers: pod.spec?.containers ?? [],
    ...(pod.status?.phase ? { phase: pod.status.phase } : {}),
  });
  if (!nmi) return undefined;
  const name = `${pod.metadata?.namespace ?? ''}/${pod.metadata?.name ?? ''}`;
  return { pod: name, ...(pod.status?.hostIP ? { hostIP: pod.status.hostIP } : {}) };
}

/** `{[key]: list}` from the plural ARM field, or the singular one, or nothing. */
function ranges<K extends string>(
  key: K,
  list: string[] | undefined,
  one: string | undefined,
): Partial<Record<K, string[]>> {
  const all = list?.length ? list : one ? [one] : [];
  return all.length > 0 ? ({ [key]: all } as Partial<Record<K, string[]>>) : {};
}

/** What the step takes from the managed cluster: the engine, and whether the pod identity add-on is on. */
interface ClusterFacts {
  engine: EngineFacts;
  podIdentityAddon: boolean;
}

/**
 * The engine from the cluster's ARM `networkProfile`, or why it is unknown, and the pod identity
 * add-on (`podIdentityProfile.enabled`). Read through the shared batch: the first look uses
 * connect's read, a look again asks ARM afresh (the engine may have been removed meanwhile,
 * `az aks update --network-policy none`).
 */
async function clusterFacts(connection: Connection): Promise<ClusterFacts> {
  const arm = connection.arm;
  if (!arm) {
    const why = connection.armMissing ?? 'the cluster was not read from ARM';
    return { engine: { known: false, why }, podIdentityAddon: false };
  }
  let cluster: ManagedCluster;
  try {
    cluster = (await armClusterOf(connection, arm)).cluster;
  } catch (error) {
    const why = describeArmError(error, arm.at, 'read the cluster').message;
    return { engine: { known: false, why }, podIdentityAddon: false };
  }
  return {
    engine: engineFacts(arm.at, cluster.networkProfile),
    podIdentityAddon: cluster.podIdentityProfile?.enabled === true,
  };
}

function engineFacts(
  at: { resourceGroup: string; name: string },
  profile: ManagedCluster['networkProfile'],
): EngineFacts {
  return {
    known: true,
    resourceGroup: at.resourceGroup,
    cluster: at.name,
    ...(profile?.networkPlugin ? { networkPlugin: profile.networkPlugin } : {}),
    networkPolicy: profile?.networkPolicy ?? 'none',
    ...(profile?.networkDataplane ? { networkDataplane: profile.networkDataplane } : {}),
    ...(profile?.ipFamilies ? { ipFamilies: profile.ipFamilies } : {}),
    ...ranges('podCidrs', profile?.podCidrs, profile?.podCidr),
    ...ranges('serviceCidrs', profile?.serviceCidrs, profile?.serviceCidr),
    ...(profile?.dnsServiceIP ? { dnsServiceIP: profile.dnsServiceIP } : {}),
  };
}

/** Each node's OS label by name, or why the nodes could not be read (the step goes on without). */
async function nodeOsOf(
  connection: Connection,
): Promise<{ os: Map<string, string> } | { unread: string }> {
  try {
    return { os: nodeOsByName(await nodesOf(connection)) };
  } catch (error) {
    return { unread: describeKubeError(error, connection.kubeServer, 'list nodes').message };
  }
}

/** A read the API server refused with 403. */
class ForbiddenRead extends Error {
  constructor(
    readonly what: string,
    readonly detail: string,
  ) {
    super(detail);
  }
}

async function guarded<T>(
  connection: Connection,
  what: string,
  read: () => Promise<T>,
): Promise<T> {
  try {
    return await read();
  } catch (error) {
    const described = describeKubeError(error, connection.kubeServer, what);
    if (error instanceof ApiException && error.code === 403) {
      throw new ForbiddenRead(what, described.message);
    }
    throw described;
  }
}

/** Every answer once all settled; else the first failure in the order given (not in time). */
async function inOrder<T extends readonly unknown[]>(reads: {
  [K in keyof T]: Promise<T[K]>;
}): Promise<T> {
  const settled = await Promise.allSettled(reads);
  const failed = settled.find((r) => r.status === 'rejected');
  if (failed) throw failed.reason;
  return settled.map((r) => (r as PromiseFulfilledResult<unknown>).value) as unknown as T;
}

/** Reads namespaces, pods and NetworkPolicies; a 403 on any of them is reported, not hidden. */
export async function readImdsFacts(connection: Connection): Promise<ReadOutcome> {
  try {
    // Each pod's facts are taken as its page arrives, not all at once after the last page.
    const pods: PodFacts[] = [];
    const nmiPods: PodIdentityFacts['nmiPods'] = [];
    // A pod's OS can come from its node's label: pods of pages read before the nodes are judged
    // again once they are in.
    const nodes = nodeOsOf(connection);
    let nodeOs: ReadonlyMap<string, string> | undefined;
    void nodes.then((read) => (nodeOs = 'os' in read ? read.os : undefined));
    const early: Array<{ facts: PodFacts; pod: LeanPod }> = [];
    const takeFacts = (page: readonly LeanPod[]): void => {
      const facts = page.map((pod) => podFacts(pod, nodeOs));
      if (nodeOs === undefined) page.forEach((pod, i) => early.push({ facts: facts[i]!, pod }));
      for (const pod of facts) pods.push(pod);
      for (const pod of page) {
        const nmi = nmiOf(pod);
        if (nmi) nmiPods.push(nmi);
      }
      // How the verdicts will name groups of pods, worked out now rather than after the last page.
      identifyPods(facts);
    };
    // Asked with the lists; an ARM failure leaves the engine unknown rather than failing the look.
    const cluster = clusterFacts(connection);
    // The engines' own policy kinds, with the lists: a refusal there is an unread fact of its
    // own (imds.engine-policies-unread), never a failed look.
    const enginePolicies = enginePoliciesOf(connection);
    enginePolicies.catch(() => undefined); // awaited below, unless a list failed first
    // Asked at once; a refusal is reported for the first read in this order that failed.
    const [namespaces, , policies] = await inOrder([
      guarded(connection, 'list namespaces', () => namespacesOf(connection)),
      guarded(connection, 'list pods', () => followPods(connection, takeFacts)),
      guarded(connection, 'list networkpolicies', () => networkPoliciesOf(connection)),
    ] as const);
    const { engine, podIdentityAddon } = await cluster;
    const nodeRead = await nodes;
    if ('os' in nodeRead) {
      for (const { facts, pod } of early) {
        if (runsOnWindows(pod, nodeRead.os)) facts.windows = true;
        else delete facts.windows;
      }
    }
    const engineKinds = await enginePolicies;
    return {
      facts: {
        engine,
        ...('unread' in nodeRead ? { nodesUnread: nodeRead.unread } : {}),
        namespaces: namespaces.map((ns) => ({
          name: ns.metadata?.name ?? '',
          labels: ns.metadata?.labels ?? {},
        })),
        pods,
        policies: policies.map(policyFacts),
        podIdentity: { nmiPods, addon: podIdentityAddon },
        enginePolicies: engineKinds,
      },
    };
  } catch (error) {
    if (error instanceof ForbiddenRead) {
      return { forbidden: { what: error.what, detail: error.detail } };
    }
    throw error;
  }
}
