import {
  ApiException,
  type V1LabelSelector,
  type V1NetworkPolicy,
  type V1Pod,
} from '@kubernetes/client-node';
import type { EngineFacts } from '../../checks/imds/engine.js';
import type { ImdsFacts } from '../../checks/imds/assess.js';
import type { PodFacts, PolicyFacts } from '../../checks/imds/facts.js';
import type { LabelSelector } from '../../checks/imds/selector.js';
import { describeKubeError } from '../../kube/errors.js';
import { listAllNetworkPolicies } from '../../kube/network-policies.js';
import { namespacesOf, podsOf } from '../../kube/shared-reads.js';
import type { Connection } from '../../target/connect.js';

/** The facts, or the read the operator was not allowed to make (never treated as a pass). */
export type ReadOutcome = { facts: ImdsFacts } | { forbidden: { what: string; detail: string } };

function selector(s: V1LabelSelector | undefined): LabelSelector | undefined {
  if (!s) return undefined;
  return {
    ...(s.matchLabels ? { matchLabels: s.matchLabels } : {}),
    ...(s.matchExpressions
      ? {
          matchExpressions: s.matchExpressions.map((e) => ({
            key: e.key,
            operator: e.operator,
            ...(e.values ? { values: e.values } : {}),
          })),
        }
      : {}),
  };
}

/** A stored NetworkPolicy reduced to what decides egress. */
export function policyFacts(np: V1NetworkPolicy): PolicyFacts {
  const spec = np.spec;
  return {
    namespace: np.metadata?.namespace ?? '',
    name: np.metadata?.name ?? '',
    labels: np.metadata?.labels ?? {},
    podSelector: selector(spec?.podSelector) ?? {},
    ...(spec?.policyTypes ? { policyTypes: spec.policyTypes } : {}),
    egress: (spec?.egress ?? []).map((rule) => ({
      ...(rule.to
        ? {
            to: rule.to.map((peer) => ({
              ...(peer.ipBlock
                ? { ipBlock: { cidr: peer.ipBlock.cidr, except: peer.ipBlock.except ?? [] } }
                : {}),
              ...(peer.podSelector ? { podSelector: selector(peer.podSelector)! } : {}),
              ...(peer.namespaceSelector
                ? { namespaceSelector: selector(peer.namespaceSelector)! }
                : {}),
            })),
          }
        : {}),
      ...(rule.ports
        ? {
            ports: rule.ports.map((p) => ({
              ...(p.protocol ? { protocol: p.protocol } : {}),
              ...(p.port !== undefined ? { port: p.port } : {}),
              ...(p.endPort !== undefined ? { endPort: p.endPort } : {}),
            })),
          }
        : {}),
    })),
    ingressRules: spec?.ingress?.length ?? 0,
  };
}

function podFacts(pod: V1Pod): PodFacts {
  return {
    namespace: pod.metadata?.namespace ?? '',
    name: pod.metadata?.name ?? '',
    labels: pod.metadata?.labels ?? {},
    hostNetwork: pod.spec?.hostNetwork === true,
  };
}

/** The engine from ARM `networkProfile`, or why it is unknown. */
export function engineFacts(connection: Connection): EngineFacts {
  const arm = connection.arm;
  if (!arm)
    return { known: false, why: connection.armMissing ?? 'the cluster was not read from ARM' };
  const profile = arm.facts.cluster.networkProfile;
  return {
    known: true,
    resourceGroup: arm.at.resourceGroup,
    cluster: arm.at.name,
    ...(profile?.networkPlugin ? { networkPlugin: profile.networkPlugin } : {}),
    networkPolicy: profile?.networkPolicy ?? 'none',
    ...(profile?.networkDataplane ? { networkDataplane: profile.networkDataplane } : {}),
    ...(profile?.ipFamilies ? { ipFamilies: profile.ipFamilies } : {}),
  };
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

/** Reads namespaces, pods and NetworkPolicies; a 403 on any of them is reported, not hidden. */
export async function readImdsFacts(connection: Connection): Promise<ReadOutcome> {
  const { kc } = connection;
  try {
    const namespaces = await guarded(connection, 'list namespaces', () => namespacesOf(connection));
    const pods = await guarded(connection, 'list pods', () => podsOf(connection));
    const policies = await guarded(connection, 'list networkpolicies', () =>
      listAllNetworkPolicies(kc),
    );
    return {
      facts: {
        engine: engineFacts(connection),
        namespaces: namespaces.map((ns) => ({
          name: ns.metadata?.name ?? '',
          labels: ns.metadata?.labels ?? {},
        })),
        pods: pods.map(podFacts),
        policies: policies.map(policyFacts),
      },
    };
  } catch (error) {
    if (error instanceof ForbiddenRead) {
      return { forbidden: { what: error.what, detail: error.detail } };
    }
    throw error;
  }
}
