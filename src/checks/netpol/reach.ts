import type { DataPlane } from './dataplane.js';
import type { ContainerPort, NamespaceFacts, PolicyFacts } from './model.js';
import { policiesInEffect } from './in-effect.js';
import { isolatesEgress, isolatesIngress } from './policy-types.js';
import type { Endpoint } from './peers.js';
import type { Connection } from './ports.js';
import { egressRuleAllows, ingressRuleAllows } from './rules.js';
import { selectorMatches } from '../label-selector.js';

/** The pod a connection starts from. */
export interface SourcePod {
  namespace: string;
  labels: Record<string, string>;
  /**
   * hostNetwork pods use the node's network: no NetworkPolicy isolates their egress; the pod on
   * the other end sees their traffic as the pod's or as the node's, as its plugin chooses.
   */
  hostNetwork?: boolean;
  /** The pod's address, for ingress ipBlock peers on the other side. */
  address?: string;
  /** The node it runs on, when known. */
  node?: string;
}

/** A rule that allows the connection: the policy and the index of the rule in its list. */
export interface RuleRef {
  policy: string;
  rule: number;
}

/** One side's answer: whether the pod is isolated in that direction, and which rules allow. */
export interface SideAnswer {
  allowed: boolean;
  /** False when no policy of that direction selects the pod (then everything is allowed). */
  isolated: boolean;
  /** The policies that select the pod in that direction. */
  selectedBy: string[];
  allowedBy: RuleRef[];
}

/** The answer to "can this pod open this connection": both sides, and whether anything is enforced. */
export interface Reach {
  allowed: boolean;
  /** False when nothing was enforced (no engine, or a hostNetwork source to anything but a pod). */
  enforced: boolean;
  egress: SideAnswer;
  /** Only when the destination is a pod that policies can isolate. */
  ingress?: SideAnswer;
}

/** The cluster as NetworkPolicy sees it. */
export interface PolicyWorld {
  namespaces: readonly NamespaceFacts[];
  policies: readonly PolicyFacts[];
  /** Every named port of the cluster's pods (`clusterNamedPorts`), for planes that resolve egress named ports cluster-wide. */
  clusterPorts?: readonly ContainerPort[];
}

/** The policies that select one pod, per direction they isolate. */
interface Selecting {
  egress: PolicyFacts[];
  ingress: PolicyFacts[];
}

const OPEN: SideAnswer = { allowed: true, isolated: false, selectedBy: [], allowedBy: [] };
const NONE_SELECTING: Selecting = Object.freeze({
  egress: Object.freeze([]) as unknown as PolicyFacts[],
  ingress: Object.freeze([]) as unknown as PolicyFacts[],
});

/**
 * NetworkPolicy reachability, from the Kubernetes documentation: a pod is isolated in a direction
 * when any policy of that type selects it; then only the union of those policies' rules allows
 * traffic (no order, nothing subtracts); a connection needs its egress side and, when it reaches
 * a pod, that pod's ingress side. Pure; build once per world and ask many questions.
 */
export class Reachability {
  private readonly byNamespace = new Map<string, PolicyFacts[]>();
  private readonly namespaceLabels = new Map<string, Record<string, string>>();
  // The policies selecting a pod depend on its namespace and labels only: asked once per pod.
  private readonly selecting = new Map<string, Selecting>();
  private readonly clusterPorts: readonly ContainerPort[] | undefined;

  constructor(
    world: PolicyWorld,
    readonly plane: DataPlane,
  ) {
    // A policy the plane drops whole (see dataplane.ts) isolates nothing and allows nothing.
    for (const policy of policiesInEffect(world.policies, plane)) {
      const list = this.byNamespace.get(policy.namespace);
      if (list) list.push(policy);
      else this.byNamespace.set(policy.namespace, [policy]);
    }
    for (const ns of world.namespaces) this.namespaceLabels.set(ns.name, ns.labels);
    this.clusterPorts = world.clusterPorts;
  }

  /** A namespace's labels; one the world does not know has only its name label. */
  labelsOf = (namespace: string): Record<string, string> =>
    this.namespaceLabels.get(namespace) ?? { 'kubernetes.io/metadata.name': namespace };

  private readonly byLabels = new WeakMap<object, Map<string, Selecting>>();

  private selectingOf(namespace: string, labels: Record<string, string>): Selecting {
    // No policy in the namespace selects anything: no key to build (tens of thousands of pods).
    if (!this.byNamespace.has(namespace)) return NONE_SELECTING;
    // The same labels object is asked about many times: look it up by identity first.
    let forLabels = this.byLabels.get(labels);
    if (!forLabels) this.byLabels.set(labels, (forLabels = new Map<string, Selecting>()));
    const cached = forLabels.get(namespace);
    if (cached) return cached;
    const key = `${namespace}\n${JSON.stringify(labels)}`;
    let found = this.selecting.get(key);
    if (!found) {
      const selected = (this.byNamespace.get(namespace) ?? []).filter((p) =>
        selectorMatches(p.podSelector ?? {}, labels),
      );
      found = {
        egress: selected.filter(isolatesEgress),
        ingress: selected.filter(isolatesIngress),
      };
      this.selecting.set(key, found);
    }
    forLabels.set(namespace, found);
    return found;
  }

  /**
   * Can `source` open `connection` to `destination`? A hostNetwork source is outside
   * NetworkPolicy on its own side only; a destination pod's ingress policies still judge it. The
   * Kubernetes documentation lets a plugin do either of two things with hostNetwork pod traffic:
   * tell it apart and treat it as the pod (selectors see its labels), or treat it as the node's
   * traffic (its address, ipBlock rules; always let in from the pod's own node). Which one the
   * cluster's plugin does is not known here, so the connection is allowed if either allows it.
   */
  canConnect(source: SourcePod, destination: Endpoint, connection: Connection): Reach {
    if (!this.plane.enforces || (source.hostNetwork && destination.kind !== 'pod')) {
      return { allowed: true, enforced: false, egress: OPEN };
    }
    const egress = source.hostNetwork ? OPEN : this.egress(source, destination, connection);
    const ingress =
      destination.kind === 'pod' ? this.ingressFrom(source, destination, connection) : undefined;
    return {
      allowed: egress.allowed && (ingress?.allowed ?? true),
      enforced: true,
      egress,
      ...(ingress ? { ingress } : {}),
    };
  }

  /** The destination pod's ingress side for a source pod, hostNetwork or not. */
  private ingressFrom(
    source: SourcePod,
    destination: Extract<Endpoint, { kind: 'pod' }>,
    connection: Connection,
  ): SideAnswer {
    const asPod = this.ingress(
      destination,
      {
        kind: 'pod',
        namespace: source.namespace,
        labels: source.labels,
        ...(source.address ? { address: source.address } : {}),
        ...(source.node ? { node: source.node } : {}),
      },
      connection,
    );
    if (!source.hostNetwork || asPod.allowed) return asPod;
    // As node traffic: a node not known to differ from the destination's may be its own node.
    const asNode = this.ingress(
      destination,
      {
        kind: 'node',
        address: source.address ?? '',
        ...(maySameNode(source.node, destination.node) ? { ownNode: true } : {}),
      },
      connection,
    );
    return asNode;
  }

  /** The egress side alone: do the policies selecting `source` let it out to `destination`? */
  egress(source: SourcePod, destination: Endpoint, connection: Connection): SideAnswer {
    if (!this.plane.enforces || source.hostNetwork) return OPEN;
    const selecting = this.selectingOf(source.namespace, source.labels).egress;
    if (selecting.length === 0) return OPEN;
    const allowedBy = selecting.flatMap((policy) =>
      (policy.egress ?? []).flatMap((rule, index) =>
        egressRuleAllows(
          rule,
          policy.namespace,
          destination,
          connection,
          this.plane,
          this.labelsOf,
          this.clusterPorts,
        )
          ? [{ policy: policy.name, rule: index }]
          : [],
      ),
    );
    const ownNode =
      destination.kind === 'node' &&
      destination.ownNode === true &&
      this.plane.ownNodeAlwaysReachable;
    return {
      allowed: allowedBy.length > 0 || ownNode,
      isolated: true,
      selectedBy: selecting.map((p) => p.name),
      allowedBy,
    };
  }

  /**
   * The ingress side alone: do the policies selecting the destination pod let `source` in?
   * Traffic from the pod's own node is always let in (Kubernetes documentation: traffic to and
   * from the node where a pod runs is always allowed), as kubelet probes need.
   */
  ingress(
    destination: Extract<Endpoint, { kind: 'pod' }>,
    source: Endpoint,
    connection: Connection,
  ): SideAnswer {
    if (!this.plane.enforces) return OPEN;
    const selecting = this.selectingOf(destination.namespace, destination.labels).ingress;
    if (selecting.length === 0) return OPEN;
    const allowedBy = selecting.flatMap((policy) =>
      (policy.ingress ?? []).flatMap((rule, index) =>
        ingressRuleAllows(
          rule,
          policy.namespace,
          source,
          connection,
          destination.ports,
          this.plane,
          this.labelsOf,
        )
          ? [{ policy: policy.name, rule: index }]
          : [],
      ),
    );
    const ownNode = source.kind === 'node' && source.ownNode === true;
    return {
      allowed: allowedBy.length > 0 || ownNode,
      isolated: true,
      selectedBy: selecting.map((p) => p.name),
      allowedBy,
    };
  }
}

/** Whether two nodes may be the same one: unless both are known and differ. */
function maySameNode(a: string | undefined, b: string | undefined): boolean {
  return a === undefined || b === undefined || a === b;
}
