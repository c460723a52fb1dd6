import type { Finding } from '../../model/finding.js';
import { DATA_PLANES, ENFORCING_PLANES, type DataPlane } from '../netpol/dataplane.js';
import { sameArmValue } from '../arm-enums.js';

/** The cluster's network settings from ARM `networkProfile`, or why they are not known. */
export type EngineFacts =
  | {
      known: true;
      networkPlugin?: string;
      networkPolicy?: string;
      networkDataplane?: string;
      ipFamilies?: string[];
      /** Pod and Service address ranges and the cluster DNS address, for the reachability sample. */
      podCidrs?: string[];
      serviceCidrs?: string[];
      dnsServiceIP?: string;
      /** For the remediation command. */
      resourceGroup: string;
      cluster: string;
    }
  | { known: false; why: string };

/** What the plan must account for on this cluster. */
export interface EngineTraits {
  /** Whether NetworkPolicies are enforced: false with no engine, undefined when not known. */
  enforces: boolean | undefined;
  /** Cilium cannot match pod and node IPs with ipBlock, so pods need selector peers. */
  cilium: boolean;
  /** The cluster uses IPv6 (ipFamilies, or pods with IPv6 addresses): its pods need `::/0` or all their IPv6 egress is cut. */
  dualStack: boolean;
  /**
   * Policies this step writes carry no `::/0`: on Azure NPM (IPv4 only; it installs none of a
   * policy with an IPv6 ipBlock), and when the engine is not known and nothing shows IPv6 in use
   * (the engine may be NPM). Absent: false.
   */
  ipv4Only?: boolean;
  /**
   * The policy carries `::/0` (IPv6 is in use) although the engine may be Azure NPM, where it is
   * then not in effect at all. Absent: false.
   */
  ipv6MayBeDropped?: boolean;
  /** One line for the screen. */
  label: string;
}

// ARM reads these enums without regard to case (`Calico` sets Calico), so they are read that way
// here: a cased value must not read as "no engine" (a false alarm) or as no Cilium (a plan whose
// ipBlock peers cut pods off on Cilium).

/** The network policy engine named by `networkPolicy`, lower case; absent or empty: `none`. */
function policyName(engine: { networkPolicy?: string }): string {
  return engine.networkPolicy?.trim().toLowerCase() || 'none';
}

/** Whether the engine is Cilium, by data plane or by policy engine. */
function isCilium(engine: { networkPolicy?: string; networkDataplane?: string }): boolean {
  return sameArmValue(engine.networkDataplane, 'cilium') || policyName(engine) === 'cilium';
}

/**
 * Whether the cluster brings its own CNI (`networkPlugin: none`) and AKS runs no policy engine of
 * its own: the CNI installed on it (Cilium, Calico, ...) may enforce NetworkPolicy or not, which
 * ARM cannot tell.
 */
function ownCni(engine: Extract<EngineFacts, { known: true }>): boolean {
  return (
    sameArmValue(engine.networkPlugin, 'none') && !isCilium(engine) && policyName(engine) === 'none'
  );
}

const UNKNOWN_PLAN =
  'The plan adds the selector peers Cilium needs (elsewhere 0.0.0.0/0 already allows those pods), and ::/0 only when pods have IPv6 addresses: Azure NPM installs none of a policy with an IPv6 block, so with ::/0 the policy would not be in effect on NPM, and this step does not offer it while the engine may be NPM.';

const OWN_CNI =
  'the cluster brings its own CNI (networkPlugin none): whether it enforces NetworkPolicy is up to that CNI, which ARM does not show';

/** Whether any pod has an IPv6 address (status.podIPs): the cluster uses IPv6 whatever ARM says. */
export function ipv6PodsIn(pods: readonly { ipv6?: true }[]): boolean {
  return pods.some((p) => p.ipv6 === true);
}

/**
 * The IPv6 part of the traits when the engine is not known: `::/0` only when IPv6 is in use (else
 * the policy would be dropped whole if the engine is Azure NPM, for nothing), and then said plainly.
 */
function unknownIpv6(ipv6: boolean): Pick<EngineTraits, 'ipv4Only' | 'ipv6MayBeDropped'> {
  return ipv6 ? { ipv6MayBeDropped: true } : { ipv4Only: true };
}

/**
 * How the engine shapes the plan; `ipv6Pods`: some pod has an IPv6 address (`ipv6PodsIn`).
 * Unknown engines get Cilium's selector peers (0.0.0.0/0 already allows those pods elsewhere),
 * and `::/0` only when IPv6 is in use.
 */
export function engineTraits(engine: EngineFacts, ipv6Pods = false): EngineTraits {
  if (!engine.known) {
    return {
      enforces: undefined,
      cilium: true,
      dualStack: ipv6Pods,
      ...unknownIpv6(ipv6Pods),
      label: `policy engine unknown (${engine.why})${ipv6Pods ? ', pods with IPv6 addresses' : ''}`,
    };
  }
  const dualStack = ipv6Pods || (engine.ipFamilies ?? []).some((f) => sameArmValue(f, 'IPv6'));
  if (ownCni(engine)) {
    // Whichever CNI it is, the plan must hold on Cilium too: the selector peers change nothing elsewhere.
    return {
      enforces: undefined,
      cilium: true,
      dualStack,
      ...unknownIpv6(dualStack),
      label: `policy engine unknown (${OWN_CNI}), ${dualStack ? 'dual-stack' : 'IPv4'}`,
    };
  }
  const policy = policyName(engine);
  const cilium = isCilium(engine);
  const parts = [
    `network policy ${cilium && policy === 'none' ? 'cilium' : policy}`,
    `plugin ${engine.networkPlugin ?? 'unknown'}`,
    ...(engine.networkDataplane ? [`dataplane ${engine.networkDataplane}`] : []),
    dualStack ? 'dual-stack' : 'IPv4',
  ];
  const npm = policy === 'azure' && !cilium;
  return {
    enforces: cilium || policy !== 'none',
    cilium,
    dualStack,
    // With no engine, one may be turned on later, Azure NPM too: as for an unknown engine.
    ...(npm ? { ipv4Only: true } : ipv6PeerSafe(engine) ? {} : unknownIpv6(dualStack)),
    label: parts.join(', '),
  };
}

/** The engine's data plane; undefined when the engine is not known. */
export function dataPlaneOf(engine: EngineFacts): DataPlane | undefined {
  if (!engine.known || ownCni(engine)) return undefined;
  if (isCilium(engine)) return DATA_PLANES.cilium;
  if (policyName(engine) === 'azure') return DATA_PLANES['azure-npm'];
  if (policyName(engine) === 'calico') return DATA_PLANES.calico;
  return DATA_PLANES.none;
}

/**
 * The data plane verdicts are judged on. With no engine (or an unknown one) the policies are
 * judged as Kubernetes defines them, and the verdict says separately that nothing enforces them.
 */
export function verdictPlane(engine: EngineFacts): DataPlane {
  const plane = dataPlaneOf(engine);
  return plane && plane.enforces ? plane : DATA_PLANES.calico;
}

/**
 * The data planes a verdict must hold on: the one `verdictPlane` gives, or, when the engine is not
 * known, every enforcing one (blocked only if blocked on each engine the cluster may run).
 */
export function verdictPlanes(engine: EngineFacts): readonly DataPlane[] {
  return engineTraits(engine).enforces === undefined ? ENFORCING_PLANES : [verdictPlane(engine)];
}

/**
 * The data planes a generated change must be safe on: the engine's own, or every enforcing one
 * when the engine is unknown or absent (one may be turned on later).
 */
export function planesToCheck(engine: EngineFacts): readonly DataPlane[] {
  const plane = dataPlaneOf(engine);
  return plane && plane.enforces ? [plane] : ENFORCING_PLANES;
}

/**
 * Whether a policy this step writes or edits may carry an IPv6 block: not when any plane it must
 * be safe on (Azure NPM, or an unknown engine that may be it) drops such a policy whole.
 */
export function ipv6PeerSafe(engine: EngineFacts): boolean {
  return planesToCheck(engine).every((p) => !p.dropsPolicyWithNonIpv4Block);
}

/** Findings about the engine itself: none installed, unknown, or Azure NPM (being retired). */
export function engineFindings(engine: EngineFacts): Finding[] {
  if (!engine.known) {
    return [
      {
        id: 'imds.engine-unknown',
        // Not a pass: AKS enforces no NetworkPolicy unless an engine was chosen (networkPolicy
        // none is the default), so every "blocked" verdict below rests on an unread fact. High, as
        // the imds.no-policy-engine it may hide: less data must not gate better than more.
        severity: 'high',
        message: `Whether NetworkPolicies are enforced is not known: ${engine.why}. AKS enforces none unless a network policy engine was chosen, so a namespace judged blocked here is blocked only if one enforces its policies, and only if it is blocked on every engine it may be. ${UNKNOWN_PLAN}`,
        remediation: 'Name the cluster with --subscription, -g and -n to read its network profile.',
      },
    ];
  }
  const traits = engineTraits(engine);
  const object = { kind: 'ManagedCluster', name: engine.cluster };
  if (ownCni(engine)) {
    return [
      {
        id: 'imds.engine-unknown',
        // Not "no engine": a CNI brought to AKS usually enforces NetworkPolicy; not a pass either.
        // High, as the imds.no-policy-engine it may hide (a waiver can accept a CNI that enforces).
        severity: 'high',
        object,
        message: `Whether NetworkPolicies are enforced is not known: ${OWN_CNI}. A namespace judged blocked here is blocked only if that CNI enforces its policies. ${UNKNOWN_PLAN}`,
        remediation:
          'Check that the CNI you installed enforces NetworkPolicy (Cilium and Calico do; plain bridge or flannel do not), then confirm with the probe from a pod.',
      },
    ];
  }
  if (!traits.enforces) {
    return [
      {
        id: 'imds.no-policy-engine',
        severity: 'high',
        object,
        message:
          'The cluster has no network policy engine (networkPolicy none): NetworkPolicies are stored but not enforced, so no policy blocks 169.254.169.254.',
        remediation: `${enableCommand(engine)}; networking components restart, so plan a window. Until then, policies this step creates are inert.`,
      },
    ];
  }
  if (policyName(engine) === 'azure' && !traits.cilium) {
    return [
      {
        id: 'imds.engine-retiring',
        severity: 'info',
        object,
        message:
          'Policies are enforced by Azure Network Policy Manager, which Microsoft is retiring; they keep working until you migrate.',
        remediation: 'Plan a move to Cilium or Calico; re-run this step after it.',
      },
    ];
  }
  return [];
}

/** The command that turns an engine on: Cilium on Azure CNI, Calico otherwise. */
function enableCommand(engine: { resourceGroup: string; cluster: string; networkPlugin?: string }) {
  const base = `az aks update -g ${engine.resourceGroup} -n ${engine.cluster}`;
  return sameArmValue(engine.networkPlugin, 'azure')
    ? `${base} --network-dataplane cilium (or --network-policy calico)`
    : `${base} --network-policy calico`;
}

/**
 * Why the engine does not enforce NetworkPolicy for Windows pods, or undefined where it does (or
 * nothing does anyway). Microsoft's engine table (learn.microsoft.com/azure/aks/use-network-policies):
 * Cilium runs on Linux only; Azure NPM on Windows Server 2022 only, as a preview for subscriptions
 * onboarded to it, and its Windows translation refuses an ipBlock `except` (the metadata block's
 * shape); Calico runs on Windows Server 2019 and 2022. With the engine unknown, or a CNI of the
 * cluster's own, the worst it may be.
 */
export function windowsUnenforced(engine: EngineFacts): string | undefined {
  // Not knowing the engine, the worst it may be: a verdict holds only if it holds on each.
  if (!engine.known)
    return 'the policy engine is not known, and Cilium (Linux nodes only) or Azure Network Policy Manager (Windows Server 2022 only as a preview, and never for an ipBlock except), either of which the cluster may run, would not enforce NetworkPolicy for them';
  if (ownCni(engine))
    return 'the cluster brings its own CNI, which may not enforce NetworkPolicy on Windows nodes (Cilium enforces on Linux nodes only)';
  if (isCilium(engine))
    return 'Cilium enforces NetworkPolicy on Linux nodes only, not on Windows nodes';
  if (policyName(engine) === 'azure')
    return 'Azure Network Policy Manager does not enforce NetworkPolicy on Windows Server 2019 nodes, on Windows Server 2022 only as a preview, and there it refuses an ipBlock except (the shape of a metadata block)';
  return undefined;
}
