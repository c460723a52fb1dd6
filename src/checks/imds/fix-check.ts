import { cidrBounds, formatAddress, parseCidr, stepAddress } from '../netpol/address.js';
import { compareEgress, sameIngress, type ReachDifference } from '../netpol/compare.js';
import type { PolicyFacts } from '../netpol/model.js';
import { clusterNamedPorts } from '../netpol/ports.js';
import { egressSample } from '../netpol/sample.js';
import type { ImdsFacts } from './assess.js';
import { notInEffect } from '../netpol/in-effect.js';
import { Reachability, type PolicyWorld } from '../netpol/reach.js';
import type { DataPlane } from '../netpol/dataplane.js';
import { IMDS_ADDRESS, IMDS_CONNECTION, IMDS_ENDPOINT } from './endpoint.js';
import { planesToCheck, type EngineFacts } from './engine.js';
import { engineRulesToCheck, engineUnread, engineWidening } from './engine-hold.js';

/** The widening check's answer for one change. */
export interface FixCheck {
  /** True when the change opens nothing: offered. False: not offered, `why` says what it would open. */
  safe: boolean;
  why?: string;
  /** What else it closes besides the metadata endpoint (shown with the change, never hidden). */
  alsoCloses: string[];
  /** How many questions the check asked. */
  asked: number;
}

// Addresses every check asks about besides the CIDR edges of the policies themselves: other
// link-local addresses, Azure's platform address (DNS, health probes), public addresses in both
// halves of IPv4 (0.0.0.0/1 and 128.0.0.0/1), and IPv6.
const FIXED_ADDRESSES = [
  IMDS_ADDRESS,
  '169.254.169.253',
  '169.254.0.1',
  '168.63.129.16',
  '1.1.1.1',
  '20.50.1.1',
  '127.255.255.255',
  '128.0.0.1',
  '140.82.112.3',
  '203.0.113.10',
  '2001:db8::1',
  'fd00::10',
  '2603:1030::1',
];

/** Addresses inside the cluster's pod and Service ranges, and the cluster DNS address. */
function clusterAddresses(engine: EngineFacts): string[] {
  const known = engine.known ? engine : undefined;
  const ranges = [
    ...(known?.podCidrs ?? ['10.244.0.0/16']),
    ...(known?.serviceCidrs ?? ['10.0.0.0/16']),
  ];
  const inside = ranges.flatMap((text) => {
    const cidr = parseCidr(text);
    if (!cidr) return [];
    const [first, last] = cidrBounds(cidr);
    return [stepAddress(first, 1), stepAddress(last, -1)].flatMap((a) =>
      a ? [formatAddress(a)] : [],
    );
  });
  return [...inside, known?.dnsServiceIP ?? '10.0.0.10'];
}

function describe(d: ReachDifference): string {
  return `${d.source} → ${d.destination.label} ${d.protocol}/${d.port} (${d.plane})`;
}

/**
 * Checks a change of `namespace`'s policies before it is offered: over every pod of the
 * namespace, a new unlabeled pod, and a sample of destinations and ports that meets every edge of
 * the policies' CIDRs and port ranges, on each data plane the cluster may use, the change may
 * only remove reachability of 169.254.169.254 and must never add any, judged with the engine's
 * own policies (engine-hold.ts); never safe while a kind of them could not be read.
 */
export function checkChange(
  facts: ImdsFacts,
  namespace: string,
  after: readonly PolicyFacts[],
): FixCheck {
  const before = facts.policies.filter((p) => p.namespace === namespace);
  if (!sameIngress(before, after)) {
    return {
      safe: false,
      why: 'it changes ingress, which this check does not cover',
      alsoCloses: [],
      asked: 0,
    };
  }
  const unread = engineUnread(facts.engine, facts.enginePolicies);
  if (unread) return { safe: false, why: unread, alsoCloses: [], asked: 0 };
  const sample = egressSample({
    namespace,
    namespaces: facts.namespaces,
    pods: facts.pods,
    policies: [...before, ...after],
    addresses: [...FIXED_ADDRESSES, ...clusterAddresses(facts.engine)],
  });
  const clusterPorts = clusterNamedPorts(facts.pods);
  const world = (policies: readonly PolicyFacts[]) => ({
    namespaces: facts.namespaces,
    policies,
    clusterPorts,
  });
  const planes = planesToCheck(facts.engine);
  const result = compareEgress(world(before), world(after), sample, planes);
  if (result.added.length > 0) {
    return { safe: false, why: newlyAllows(result.added), alsoCloses: [], asked: result.asked };
  }
  const meant = widensDropped(world(before), world(after), sample, planes);
  if (meant) return { ...meant, asked: result.asked + meant.asked };
  const widening = engineWidening(
    {
      namespace: facts.namespaces.find((n) => n.name === namespace),
      pods: facts.pods,
      rules: engineRulesToCheck(facts.engine, facts.enginePolicies),
    },
    namespace,
    world(before),
    world(after),
    sample,
    planes,
  );
  if (widening) return { safe: false, why: widening, alsoCloses: [], asked: result.asked };
  const unclosed = closedSomewhereOnly(world(after), sample, planes, result.removed, after);
  if (unclosed) {
    return { safe: false, why: unclosed, alsoCloses: [], asked: result.asked };
  }
  const others = result.removed.filter(
    (d) =>
      !(
        d.destination.endpoint.kind === 'address' && d.destination.endpoint.address === IMDS_ADDRESS
      ),
  );
  const closes = [...new Set(others.map((d) => `${d.destination.label} (${d.plane})`))];
  return {
    safe: true,
    alsoCloses: closes.length > 4 ? [...closes.slice(0, 4), `${closes.length - 4} more`] : closes,
    asked: result.asked,
  };
}

/** `it would newly allow <first> and N more`. */
function newlyAllows(added: readonly ReachDifference[]): string {
  const more = added.length > 1 ? ` and ${added.length - 1} more` : '';
  return `it would newly allow ${describe(added[0]!)}${more}`;
}

/**
 * The refusal of a change that widens what a policy the engine drops whole (Azure NPM: an IPv6
 * block) says, or undefined. Such a policy is not in effect, yet it is what its owner means the
 * egress to be, and it takes effect as soon as the engine installs it (the IPv6 block removed, or
 * the cluster moved to Cilium or Calico, as NPM's retirement asks); policies add up, so a change
 * must not allow more than it does then either. Judged on each such plane with every policy in effect.
 */
function widensDropped(
  before: PolicyWorld,
  after: PolicyWorld,
  sample: ReturnType<typeof egressSample>,
  planes: readonly DataPlane[],
): (FixCheck & { safe: false }) | undefined {
  let asked = 0;
  for (const plane of planes) {
    const dropped = before.policies.flatMap((p) => {
      const why = notInEffect(p, plane);
      return why ? [`${p.name} (${why})`] : [];
    });
    if (dropped.length === 0) continue;
    const asWritten: DataPlane = { ...plane, dropsPolicyWithNonIpv4Block: false };
    const result = compareEgress(before, after, sample, [asWritten]);
    asked += result.asked;
    if (result.added.length === 0) continue;
    const one = dropped.length === 1;
    return {
      safe: false,
      why: `${dropped.join('; ')} ${one ? 'is' : 'are'} not in effect on ${PLANE_NAMES[plane.name]}, but ${one ? 'it says' : 'they say'} what egress here is meant to be; once in effect (the engine installs ${one ? 'it' : 'them'}, or the cluster moves to Cilium or Calico) ${newlyAllows(result.added)} beside ${one ? 'it' : 'them'}`,
      alsoCloses: [],
      asked,
    };
  }
  return undefined;
}

const PLANE_NAMES: Record<DataPlane['name'], string> = {
  none: 'none',
  calico: 'Calico',
  'azure-npm': 'Azure NPM',
  cilium: 'Cilium',
};

/**
 * Why the change closes 169.254.169.254 for a source on one engine the cluster may run but not on
 * another, or undefined when it closes it everywhere it closes it at all: a fix that holds only
 * on some of the engines it may meet is not a fix (Azure NPM drops a policy with an IPv6 block).
 */
function closedSomewhereOnly(
  after: PolicyWorld,
  sample: ReturnType<typeof egressSample>,
  planes: readonly DataPlane[],
  removed: ReturnType<typeof compareEgress>['removed'],
  policies: readonly PolicyFacts[],
): string | undefined {
  const closed = new Set(
    removed
      .filter(
        (d) =>
          d.destination.endpoint.kind === 'address' &&
          d.destination.endpoint.address === IMDS_ADDRESS &&
          d.port === IMDS_CONNECTION.port &&
          d.protocol === IMDS_CONNECTION.protocol,
      )
      .map((d) => d.source),
  );
  if (closed.size === 0) return undefined;
  for (const plane of planes) {
    const reach = new Reachability(after, plane);
    const open = sample.sources.find(
      (s) => closed.has(s.label) && reach.egress(s.pod, IMDS_ENDPOINT, IMDS_CONNECTION).allowed,
    );
    if (!open) continue;
    const dropped = policies.flatMap((p) => {
      const why = notInEffect(p, plane);
      return why ? [`${p.name}: ${why}`] : [];
    });
    return `if the engine is ${PLANE_NAMES[plane.name]}, it would not be in effect for ${open.label}: 169.254.169.254 would stay open${dropped.length > 0 ? ` (${dropped.join('; ')})` : ''}`;
  }
  return undefined;
}
