import type { ContainerPort } from '../netpol/model.js';
import { cidrContains, parseAddress, parseCidr } from '../netpol/address.js';
import { selectorMatches } from '../label-selector.js';
import type { LabelSelector } from '../../model/label-selector.js';
import { IMDS_ADDRESS, IMDS_CONNECTION } from './endpoint.js';
import {
  allOf,
  anyOf,
  enginePolicyName,
  list,
  rec,
  strings,
  type EngineObject,
  type Tri,
} from './engine-kinds.js';
import type { EngineAnswer, EngineSubject, K8sEgress } from './engine-judge.js';

// Cilium's policy language (docs.cilium.io, security/policy): a rule selects endpoints by
// `endpointSelector` (a CiliumNetworkPolicy only those of its own namespace; `nodeSelector`
// selects nodes, never pods). In the default enforcement mode an endpoint goes into default deny
// at egress once any rule selecting it has `egress` or `egressDeny` rules, unless the rule sets
// `enableDefaultDeny.egress: false`; Kubernetes NetworkPolicies are turned into the same rules.
// What is then allowed is the union of every allow (Cilium's and the NetworkPolicies'), and a
// deny takes precedence over any allow, whichever kind wrote it. An egress rule with no peer of
// any kind and no ports (`{}`) allows nothing; one with ports and no peer applies to every
// destination. 169.254.169.254 is outside the cluster: the `world` entity (and `all`).

const IMDS = parseAddress(IMDS_ADDRESS)!;

/** A rule of a Cilium policy, with the policy it came from. */
interface CiliumRule {
  policy: string;
  /** The namespace a CiliumNetworkPolicy lives in; absent for a clusterwide one. */
  namespace?: string;
  rule: Record<string, unknown>;
}

/** Every rule of the policies read (`spec` and `specs`), named after their policy. */
export function ciliumRules(kind: string, objects: readonly EngineObject[]): CiliumRule[] {
  return objects.flatMap((o) => {
    const specs = [o.spec, ...list(o.specs)];
    // One invalid rule keeps the whole policy out (see icmpWithPorts).
    if (specs.some((r) => rec(r) !== undefined && icmpWithPorts(rec(r)!))) return [];
    return specs.flatMap((r) => {
      const rule = rec(r);
      return rule
        ? [
            {
              policy: enginePolicyName(kind, o),
              ...(o.namespace ? { namespace: o.namespace } : {}),
              rule,
            },
          ]
        : [];
    });
  });
}

/** `k8s:app` and `any:app` are the pod label `app`; other sources (reserved:, cidr:) stay apart. */
function plainKey(key: string): string {
  return key.replace(/^(k8s|any):/, '');
}

// Labels Cilium gives an endpoint that the step does not read: the service account and the
// cluster name. A selector that asks about them cannot be judged.
const UNREAD_KEYS = ['io.cilium.k8s.policy.serviceaccount', 'io.cilium.k8s.policy.cluster'];

/** The labels Cilium matches a pod's endpoint by: its own, its namespace's name and labels. */
function endpointLabels(s: EngineSubject): Record<string, string> {
  const out: Record<string, string> = { ...s.labels, 'io.kubernetes.pod.namespace': s.namespace };
  for (const [k, v] of Object.entries(s.namespaceLabels))
    out[`io.cilium.k8s.namespace.labels.${k}`] = v;
  return out;
}

function toSelector(v: unknown): LabelSelector | undefined {
  const s = rec(v);
  if (!s) return undefined;
  const matchLabels: Record<string, string> = {};
  for (const [k, val] of Object.entries(rec(s['matchLabels']) ?? {}))
    matchLabels[plainKey(k)] = typeof val === 'string' ? val : String(val);
  const matchExpressions = list(s['matchExpressions']).flatMap((e) => {
    const r = rec(e);
    if (!r || typeof r['key'] !== 'string' || typeof r['operator'] !== 'string') return [];
    return [{ key: plainKey(r['key']), operator: r['operator'], values: strings(r['values']) }];
  });
  return { matchLabels, matchExpressions };
}

function keysOf(s: LabelSelector): string[] {
  return [...Object.keys(s.matchLabels ?? {}), ...(s.matchExpressions ?? []).map((e) => e.key)];
}

/** Whether a rule selects the pod: yes, no, or maybe (it asks about labels not read). */
function selects(r: CiliumRule, s: EngineSubject): Tri {
  if (r.namespace !== undefined && r.namespace !== s.namespace) return 'no';
  if (r.rule['endpointSelector'] === undefined) return 'no'; // nodeSelector: nodes, not pods
  const selector = toSelector(r.rule['endpointSelector']);
  if (!selector) return 'no';
  if (keysOf(selector).some((k) => UNREAD_KEYS.includes(k))) return 'maybe';
  return selectorMatches(selector, endpointLabels(s)) ? 'yes' : 'no';
}

/** A CIDR or a bare address (Cilium takes both). */
function cidrOf(text: string) {
  const cidr = parseCidr(text);
  if (cidr) return cidr;
  const address = parseAddress(text);
  return address ? { address, prefix: address.kind() === 'ipv4' ? 32 : 128 } : undefined;
}

function holdsImds(text: unknown): boolean {
  const cidr = typeof text === 'string' ? cidrOf(text) : undefined;
  return cidr !== undefined && cidrContains(cidr, IMDS);
}

const IMDS_ENTITIES = ['world', 'world-ipv4', 'all'];

/** Whether the rule's peers (or their absence) take in 169.254.169.254. */
function peersTakeImds(rule: Record<string, unknown>, deny: boolean): Tri {
  const answers: Tri[] = [];
  let l3 = false;
  if (rule['toCIDR'] !== undefined) {
    l3 = true;
    answers.push(strings(rule['toCIDR']).some(holdsImds) ? 'yes' : 'no');
  }
  if (rule['toCIDRSet'] !== undefined) {
    l3 = true;
    for (const item of list(rule['toCIDRSet'])) {
      const set = rec(item);
      if (!set) continue;
      // A CiliumCIDRGroup (or a selector of groups) is not read: what it holds is not known.
      if (set['cidrGroupRef'] !== undefined || set['cidrGroupSelector'] !== undefined) {
        answers.push('maybe');
        continue;
      }
      const inside = holdsImds(set['cidr']) && !strings(set['except']).some(holdsImds);
      answers.push(inside ? 'yes' : 'no');
    }
  }
  if (rule['toEntities'] !== undefined) {
    l3 = true;
    answers.push(strings(rule['toEntities']).some((e) => IMDS_ENTITIES.includes(e)) ? 'yes' : 'no');
  }
  if (rule['toEndpoints'] !== undefined) {
    l3 = true;
    // Endpoints are pods (and reserved identities, named by reserved: keys, which are not judged).
    const reserved = list(rule['toEndpoints']).some((e) => {
      const s = toSelector(e);
      return s !== undefined && keysOf(s).some((k) => k.startsWith('reserved:'));
    });
    answers.push(reserved ? 'maybe' : 'no');
  }
  if (rule['toNodes'] !== undefined) {
    l3 = true;
    answers.push('no');
  }
  // Peers the step does not model: Services (a Service without a selector can point anywhere),
  // names learnt from DNS, cloud groups.
  for (const key of ['toServices', 'toFQDNs', 'toGroups']) {
    if (rule[key] === undefined) continue;
    l3 = true;
    answers.push(key === 'toFQDNs' && !deny && !fqdnWide(rule[key]) ? 'no' : 'maybe');
  }
  if (!l3) return rule['toPorts'] !== undefined ? 'yes' : 'no';
  return anyOf(...answers);
}

/**
 * A toFQDNs list naming hosts takes in only the addresses DNS gives for them (the endpoint has no
 * public name on Azure); a pattern of `*` alone allows whatever any name resolves to.
 */
function fqdnWide(v: unknown): boolean {
  return list(v).some((e) => {
    const pattern = rec(e)?.['matchPattern'];
    return typeof pattern === 'string' && /^\*+$/.test(pattern.trim());
  });
}

/**
 * Whether one `toPorts[].ports[]` entry admits TCP/80, for an allow (`deny` false) or a deny. An
 * egress named port means every number any pod of the cluster gives that name, and pods come and
 * go: an allow on it takes the endpoint in as soon as some pod names a port 80 so (maybe, while
 * none does), and a deny on it holds only while one does (maybe, never a lasting block).
 */
function portTakesImds(
  entry: Record<string, unknown>,
  deny: boolean,
  clusterPorts: readonly ContainerPort[],
): Tri {
  const protocol = typeof entry['protocol'] === 'string' ? entry['protocol'].toUpperCase() : 'ANY';
  if (protocol !== 'ANY' && protocol !== IMDS_CONNECTION.protocol) return 'no';
  const port = entry['port'];
  if (port === undefined || port === '' || port === '0' || port === 0) return 'yes';
  const n =
    typeof port === 'number'
      ? port
      : typeof port === 'string' && /^\d+$/.test(port)
        ? Number(port)
        : NaN;
  if (Number.isNaN(n)) {
    const today = clusterPorts.some(
      (c) =>
        c.name === port &&
        c.port === IMDS_CONNECTION.port &&
        (protocol === 'ANY' || (c.protocol ?? 'TCP') === protocol),
    );
    if (deny) return today ? 'maybe' : 'no';
    return today ? 'yes' : 'maybe';
  }
  const end = typeof entry['endPort'] === 'number' ? entry['endPort'] : n;
  return IMDS_CONNECTION.port >= n && IMDS_CONNECTION.port <= end ? 'yes' : 'no';
}

/** Whether the rule's ports take in TCP/80 (with L7 rules: maybe, the proxy decides). */
function portsTakeImds(
  rule: Record<string, unknown>,
  deny: boolean,
  clusterPorts: readonly ContainerPort[],
): Tri {
  // A rule with `icmps` (and no toPorts: see icmpWithPorts) matches only those ICMP types.
  if (hasIcmps(rule)) return 'no';
  if (rule['toPorts'] === undefined) return 'yes';
  const answers = list(rule['toPorts']).map((tp): Tri => {
    const p = rec(tp);
    if (!p) return 'no';
    const ports = list(p['ports']);
    const base = anyOf(
      ...(ports.length === 0 ? ['yes' as Tri] : []),
      ...ports.map((e) => (rec(e) ? portTakesImds(rec(e)!, deny, clusterPorts) : 'no')),
    );
    const l7 = ['rules', 'serverNames', 'listener', 'terminatingTLS', 'originatingTLS'].some(
      (k) => p[k] !== undefined,
    );
    return l7 && base === 'yes' ? 'maybe' : base;
  });
  return anyOf(...answers);
}

/** Whether the rule names ICMP types (`icmps`, not empty): it then matches ICMP only. */
function hasIcmps(rule: Record<string, unknown>): boolean {
  return list(rule['icmps']).length > 0;
}

/**
 * Whether a rule of the policy carries both `icmps` and `toPorts`: Cilium's rule validation
 * refuses that ("the ICMPs block may only be present without ToPorts"), and the agent then imports
 * none of the policy, so none of its rules is in effect (its denies, allows or default deny).
 */
function icmpWithPorts(rule: Record<string, unknown>): boolean {
  return ['egress', 'egressDeny', 'ingress', 'ingressDeny'].some((k) =>
    list(rule[k]).some((r) => {
      const e = rec(r);
      return e !== undefined && hasIcmps(e) && list(e['toPorts']).length > 0;
    }),
  );
}

/** Whether one egress (or egressDeny) rule takes in TCP 169.254.169.254:80. */
function ruleTakesImds(rule: unknown, deny: boolean, clusterPorts: readonly ContainerPort[]): Tri {
  const r = rec(rule);
  if (!r) return 'no';
  return allOf(peersTakeImds(r, deny), portsTakeImds(r, deny, clusterPorts));
}

/** Whether the rule puts the endpoints it selects into default deny at egress. */
function defaultDenyEgress(rule: Record<string, unknown>): boolean {
  const has = rule['egress'] !== undefined || rule['egressDeny'] !== undefined;
  const set = rec(rule['enableDefaultDeny'])?.['egress'];
  return typeof set === 'boolean' ? set && has : has;
}

/** Lowers a yes to maybe when the rule may not select the pod at all. */
function under(selected: Tri, answer: Tri): Tri {
  return selected === 'maybe' && answer === 'yes' ? 'maybe' : allOf(selected, answer);
}

/**
 * Whether the pod can open TCP 169.254.169.254:80 on Cilium, from the Cilium rules read and
 * what the NetworkPolicies say (`k8s`: whether they isolate the pod's egress and allow it).
 */
export function ciliumEgress(
  rules: readonly CiliumRule[],
  s: EngineSubject,
  k8s: K8sEgress,
  clusterPorts: readonly ContainerPort[],
): EngineAnswer {
  const deny: Array<{ policy: string; t: Tri }> = [];
  const allow: Array<{ policy: string; t: Tri }> = [];
  const isolate: Array<{ policy: string; t: Tri }> = [];
  for (const r of rules) {
    const selected = selects(r, s);
    if (selected === 'no') continue;
    const denies = anyOf(
      ...list(r.rule['egressDeny']).map((e) => ruleTakesImds(e, true, clusterPorts)),
    );
    const allows = anyOf(
      ...list(r.rule['egress']).map((e) => ruleTakesImds(e, false, clusterPorts)),
    );
    deny.push({ policy: r.policy, t: under(selected, denies) });
    allow.push({ policy: r.policy, t: under(selected, allows) });
    isolate.push({
      policy: r.policy,
      t: under(selected, defaultDenyEgress(r.rule) ? 'yes' : 'no'),
    });
  }
  const named = (xs: typeof deny, t: Tri) => xs.filter((x) => x.t === t).map((x) => x.policy);
  const touching = [
    ...new Set([...deny, ...allow, ...isolate].filter((x) => x.t !== 'no').map((x) => x.policy)),
  ];
  const whole = (names: string[]) =>
    names.every((n) => rules.filter((r) => r.policy === n).every(labelFree));
  if (named(deny, 'yes').length > 0) {
    const by = named(deny, 'yes');
    return { outcome: 'blocked', by, touching, wholeNamespace: whole(by) };
  }
  const denyMaybe = named(deny, 'maybe');
  const isolated = k8s.isolated ? 'yes' : anyOf(...isolate.map((x) => x.t));
  const allowed = k8s.allowed && k8s.isolated ? 'yes' : anyOf(...allow.map((x) => x.t));
  const unknown = (extra: string[]): EngineAnswer => ({
    outcome: 'unknown',
    by: [...new Set([...denyMaybe, ...extra])],
    touching,
    wholeNamespace: false,
  });
  if (isolated === 'no' || allowed === 'yes') {
    if (denyMaybe.length > 0) return unknown([]);
    const by = isolated === 'no' ? [] : named(allow, 'yes');
    return { outcome: 'allowed', by, touching, wholeNamespace: false };
  }
  if (allowed === 'maybe') return unknown(named(allow, 'maybe'));
  if (isolated === 'maybe') return unknown(named(isolate, 'maybe'));
  // Isolated, and nothing allows: blocked (by the NetworkPolicies' isolation or Cilium's).
  const by = k8s.isolated ? [] : named(isolate, 'yes');
  return { outcome: 'blocked', by, touching, wholeNamespace: whole(by) };
}

/** Whether the rule's selection depends on the namespace only, never on a pod's own labels. */
function labelFree(r: CiliumRule): boolean {
  const selector = toSelector(r.rule['endpointSelector']);
  return (
    selector !== undefined &&
    keysOf(selector).every(
      (k) => k === 'io.kubernetes.pod.namespace' || k.startsWith('io.cilium.k8s.namespace.labels.'),
    )
  );
}

/**
 * The Cilium policies that put the pod into default deny at egress (or may: labels not read):
 * for such a pod every allow of a NetworkPolicy adds to theirs, whatever else they allow.
 */
export function ciliumHolders(rules: readonly CiliumRule[], s: EngineSubject): string[] {
  const held = rules.filter(
    (r) => under(selects(r, s), defaultDenyEgress(r.rule) ? 'yes' : 'no') !== 'no',
  );
  return [...new Set(held.map((r) => r.policy))];
}
