import { cidrContains, parseAddress, parseCidr } from '../netpol/address.js';
import { IMDS_ADDRESS, IMDS_CONNECTION } from './endpoint.js';
import { calicoSelectorKeys, parseCalicoSelector } from './calico-selector.js';
import {
  allOf,
  enginePolicyName,
  list,
  rec,
  strings,
  type EngineObject,
  type Tri,
} from './engine-kinds.js';
import type { EngineAnswer, EngineSubject, K8sEgress } from './engine-judge.js';

// Calico's policy model (docs.tigera.io: reference/resources/networkpolicy, globalnetworkpolicy,
// tier; "Get started with policy tiers"): every policy sits in a tier (absent: `default`), and
// Kubernetes NetworkPolicies sit in the default tier with order 1000. A tier applies to an
// endpoint when one of its policies selects it for that direction; its policies are taken by
// `order` (absent: last), their rules in turn, and the first rule that matches with Allow or
// Deny decides; Pass leaves the tier; Log goes on. A tier that applies and decides nothing drops
// the packet. An endpoint no tier applies to gets its profile, which allows. The step does not
// read Tier objects, so where a policy of another tier applies the verdict is not known.

const IMDS = parseAddress(IMDS_ADDRESS)!;

/** A Calico policy, reduced to what decides a pod's egress. */
interface CalicoPolicy {
  policy: string;
  namespace?: string;
  global: boolean;
  spec: Record<string, unknown>;
}

/** The Calico policies read, named after their kind. */
export function calicoPolicies(
  kind: string,
  objects: readonly EngineObject[],
  global: boolean,
): CalicoPolicy[] {
  return objects.flatMap((o) => {
    const spec = rec(o.spec);
    if (!spec) return [];
    return [
      {
        policy: enginePolicyName(kind, o),
        ...(o.namespace ? { namespace: o.namespace } : {}),
        global,
        spec,
      },
    ];
  });
}

/** The labels Calico gives a pod's workload endpoint (its service account's are not read). */
function endpointLabels(s: EngineSubject): Record<string, string> {
  const out: Record<string, string> = {
    ...s.labels,
    'projectcalico.org/namespace': s.namespace,
    'projectcalico.org/orchestrator': 'k8s',
  };
  for (const [k, v] of Object.entries(s.namespaceLabels)) out[`pcns.${k}`] = v;
  return out;
}

function unreadKey(k: string): boolean {
  return k === 'projectcalico.org/serviceaccount' || k.startsWith('pcsa.');
}

/** Whether a selector text matches the labels; an empty or absent one gives `empty`. */
function selectorTri(text: unknown, labels: Record<string, string>, empty: Tri): Tri {
  if (text === undefined || (typeof text === 'string' && text.trim() === '')) return empty;
  if (typeof text !== 'string') return 'maybe';
  const parsed = parseCalicoSelector(text);
  if (!parsed || calicoSelectorKeys(text).some(unreadKey)) return 'maybe';
  return parsed(labels) ? 'yes' : 'no';
}

function not(t: Tri): Tri {
  return t === 'yes' ? 'no' : t === 'no' ? 'yes' : 'maybe';
}

function netHolds(text: string, address: typeof IMDS): boolean {
  const cidr = parseCidr(text) ?? (parseAddress(text) ? parseCidr(`${text}/32`) : undefined);
  return cidr !== undefined && cidrContains(cidr, address);
}

/** Whether the policy applies to the pod at egress. */
function appliesTo(p: CalicoPolicy, s: EngineSubject): Tri {
  const spec = p.spec;
  if (spec['preDNAT'] === true || spec['doNotTrack'] === true) return 'no'; // host endpoints only
  const types = strings(spec['types']);
  const egress = types.length > 0 ? types.includes('Egress') : list(spec['egress']).length > 0;
  if (!egress) return 'no';
  if (!p.global && p.namespace !== s.namespace) return 'no';
  const selected = selectorTri(spec['selector'], endpointLabels(s), 'yes');
  const saSelector = spec['serviceAccountSelector'];
  const sa =
    saSelector === undefined ||
    (typeof saSelector === 'string' && /^\s*(all\(\))?\s*$/.test(saSelector))
      ? 'yes'
      : 'maybe';
  const nsLabels = { ...s.namespaceLabels, 'projectcalico.org/name': s.namespace };
  const ns = p.global ? selectorTri(spec['namespaceSelector'], nsLabels, 'yes') : 'yes';
  return allOf(selected, sa, ns);
}

/** Whether one `ports` entry (a number, `a:b`, or a name) holds port 80. */
function portHolds(entry: unknown): boolean {
  if (typeof entry === 'number') return entry === IMDS_CONNECTION.port;
  if (typeof entry !== 'string') return false;
  const range = /^(\d+):(\d+)$/.exec(entry);
  if (range)
    return Number(range[1]) <= IMDS_CONNECTION.port && IMDS_CONNECTION.port <= Number(range[2]);
  // A named port is the destination endpoint's: the endpoint is not one.
  return /^\d+$/.test(entry) && Number(entry) === IMDS_CONNECTION.port;
}

/** Whether the rule's source side holds the pod (egress: the pod itself is the source). */
function sourceHolds(src: Record<string, unknown> | undefined, s: EngineSubject): Tri {
  if (!src) return 'yes';
  const answers: Tri[] = [];
  const ip = s.ip ? parseAddress(s.ip) : undefined;
  if (src['nets'] !== undefined)
    answers.push(ip ? (strings(src['nets']).some((n) => netHolds(n, ip)) ? 'yes' : 'no') : 'maybe');
  if (src['notNets'] !== undefined)
    answers.push(
      ip ? (strings(src['notNets']).some((n) => netHolds(n, ip)) ? 'no' : 'yes') : 'maybe',
    );
  const labels = endpointLabels(s);
  if (src['selector'] !== undefined) answers.push(selectorTri(src['selector'], labels, 'yes'));
  if (src['notSelector'] !== undefined)
    answers.push(not(selectorTri(src['notSelector'], labels, 'yes')));
  if (src['namespaceSelector'] !== undefined) {
    const nsLabels = { ...s.namespaceLabels, 'projectcalico.org/name': s.namespace };
    answers.push(selectorTri(src['namespaceSelector'], nsLabels, 'yes'));
  }
  // Service accounts, source ports (ephemeral), Services: not read or not knowable here.
  for (const k of ['serviceAccounts', 'ports', 'notPorts', 'services'])
    if (src[k] !== undefined) answers.push('maybe');
  return allOf(...answers);
}

/**
 * Whether the rule's destination side holds 169.254.169.254:80. Selectors, namespace selectors,
 * service accounts and Services name endpoints, which the metadata address is not (network sets,
 * which selectors can also name, are not read: see the README).
 */
function destinationHolds(dst: Record<string, unknown> | undefined): Tri {
  if (!dst) return 'yes';
  const answers: Tri[] = [];
  if (dst['nets'] !== undefined)
    answers.push(strings(dst['nets']).some((n) => netHolds(n, IMDS)) ? 'yes' : 'no');
  if (dst['notNets'] !== undefined)
    answers.push(strings(dst['notNets']).some((n) => netHolds(n, IMDS)) ? 'no' : 'yes');
  for (const k of ['selector', 'namespaceSelector', 'serviceAccounts', 'services'])
    if (dst[k] !== undefined && !(k === 'selector' && dst[k] === '')) answers.push('no');
  if (dst['ports'] !== undefined) answers.push(list(dst['ports']).some(portHolds) ? 'yes' : 'no');
  if (dst['notPorts'] !== undefined)
    answers.push(list(dst['notPorts']).some(portHolds) ? 'no' : 'yes');
  return allOf(...answers);
}

function protocolHolds(p: unknown): boolean {
  return p === 'TCP' || p === 'tcp' || p === 6 || p === '6';
}

/** Whether an egress rule matches TCP from the pod to 169.254.169.254:80. */
function ruleMatches(rule: Record<string, unknown>, s: EngineSubject): Tri {
  if (rule['ipVersion'] === 6) return 'no';
  if (rule['protocol'] !== undefined && !protocolHolds(rule['protocol'])) return 'no';
  if (rule['notProtocol'] !== undefined && protocolHolds(rule['notProtocol'])) return 'no';
  // Application layer rules need the request, which only the proxy sees.
  const http: Tri = rule['http'] !== undefined ? 'maybe' : 'yes';
  return allOf(
    sourceHolds(rec(rule['source']), s),
    destinationHolds(rec(rule['destination'])),
    http,
  );
}

type Action = 'Allow' | 'Deny' | 'Pass' | 'Log';

/** One policy in the evaluation: whether it applies, and its rules' matches and actions. */
interface Step {
  policy: string;
  order: number;
  applies: Tri;
  rules: Array<{ match: Tri; action: Action }>;
  /** A Kubernetes NetworkPolicy (order 1000 in the default tier). */
  k8s: boolean;
}

/** An end of the walk: the outcome, the policy that decided it, the policies that left it open. */
interface End {
  outcome: 'allowed' | 'blocked';
  by?: string;
  /** Decided by a Calico policy (not a NetworkPolicy, not the tier's end). */
  calico?: true;
}

const WALK_LIMIT = 20_000;

/** Every outcome the packet can meet through the default tier, given what cannot be told. */
function walk(steps: readonly Step[]): End[] | undefined {
  const ends: End[] = [];
  let work = 0;
  const go = (i: number, applied: boolean): void => {
    if (++work > WALK_LIMIT) throw new Error('limit');
    if (i === steps.length) {
      ends.push(applied ? { outcome: 'blocked', by: 'end of tier' } : { outcome: 'allowed' });
      return;
    }
    const step = steps[i]!;
    if (step.applies === 'no') return go(i + 1, applied);
    if (step.applies === 'maybe') go(i + 1, applied);
    rules(step, 0, i);
  };
  const rules = (step: Step, r: number, i: number): void => {
    if (r === step.rules.length) return go(i + 1, true);
    const rule = step.rules[r]!;
    if (rule.match === 'no' || rule.action === 'Log') return rules(step, r + 1, i);
    if (rule.match === 'maybe') rules(step, r + 1, i);
    // Pass leaves the default tier for the tiers after it and the profile: not read; allowed
    // unless something later denies, which is not modelled (no tier after default is read).
    ends.push({
      outcome: rule.action === 'Deny' ? 'blocked' : 'allowed',
      by: step.policy,
      ...(step.k8s ? {} : { calico: true as const }),
    });
  };
  try {
    go(0, false);
    return ends;
  } catch {
    return undefined;
  }
}

function actionOf(v: unknown): Action | undefined {
  return v === 'Allow' || v === 'Deny' || v === 'Pass' || v === 'Log' ? v : undefined;
}

function orderOf(v: unknown): number {
  return typeof v === 'number' && Number.isFinite(v) ? v : Number.POSITIVE_INFINITY;
}

/**
 * Whether the pod can open TCP 169.254.169.254:80 on Calico, from the Calico policies read and
 * the NetworkPolicies selecting it (`k8s`: those isolating its egress, and those allowing it).
 */
export function calicoEgress(
  policies: readonly CalicoPolicy[],
  s: EngineSubject,
  k8s: K8sEgress,
): EngineAnswer {
  const mine = policies
    .map((p) => ({ p, applies: appliesTo(p, s) }))
    .filter((x) => x.applies !== 'no');
  const touching = mine.map((x) => x.p.policy);
  const tier = (x: (typeof mine)[number]) =>
    typeof x.p.spec['tier'] === 'string' ? x.p.spec['tier'] : 'default';
  const elsewhere = mine.filter((x) => tier(x) !== 'default').map((x) => x.p.policy);
  if (elsewhere.length > 0)
    return { outcome: 'unknown', by: elsewhere, touching, wholeNamespace: false };
  const steps: Step[] = mine.map(({ p, applies }) => ({
    policy: p.policy,
    order: orderOf(p.spec['order']),
    applies,
    k8s: false,
    rules: list(p.spec['egress']).flatMap((r) => {
      const rule = rec(r);
      const action = rule && actionOf(rule['action']);
      return rule && action ? [{ match: ruleMatches(rule, s), action }] : [];
    }),
  }));
  const k8sSteps: Step[] = k8s.selectedBy.map((name) => ({
    policy: `NetworkPolicy ${s.namespace}/${name}`,
    order: 1000,
    applies: 'yes',
    k8s: true,
    rules: [{ match: k8s.allowedBy.includes(name) ? 'yes' : 'no', action: 'Allow' }],
  }));
  // Calico breaks a tie in order by name, and names Kubernetes policies its own way: a Calico
  // policy of order 1000 is tried on both sides of them, and must come out the same.
  const sorted = (calicoFirst: boolean) =>
    [...steps, ...k8sSteps].sort(
      (a, b) => a.order - b.order || (a.k8s === b.k8s ? 0 : a.k8s === calicoFirst ? 1 : -1),
    );
  const ends = [walk(sorted(true)), walk(sorted(false))];
  const maybes = steps
    .filter((x) => x.applies === 'maybe' || x.rules.some((r) => r.match === 'maybe'))
    .map((x) => x.policy);
  if (ends.some((e) => e === undefined))
    return { outcome: 'unknown', by: touching, touching, wholeNamespace: false };
  const all = ends.flat() as End[];
  const outcomes = new Set(all.map((e) => e.outcome));
  if (outcomes.size > 1) {
    const tied = steps.filter((x) => x.order === 1000).map((x) => x.policy);
    return {
      outcome: 'unknown',
      by: [...new Set([...maybes, ...tied])],
      touching,
      wholeNamespace: false,
    };
  }
  const outcome = all[0]!.outcome;
  const by = [...new Set(all.flatMap((e) => (e.calico && e.by ? [e.by] : [])))];
  // Dropped at the tier's end with no NetworkPolicy isolating the pod: the Calico policies that
  // put it in the tier decided.
  const tierEnd = all.some((e) => e.by === 'end of tier') && !k8s.isolated;
  const deciding = tierEnd ? [...new Set([...by, ...touching])] : by;
  return {
    outcome,
    by: deciding,
    touching,
    wholeNamespace: deciding.every((name) => labelFree(mine.find((x) => x.p.policy === name)?.p)),
  };
}

/** Whether the policy's selection depends on the namespace only, never on a pod's own labels. */
function labelFree(p: CalicoPolicy | undefined): boolean {
  const selector = p?.spec['selector'];
  if (selector === undefined) return true;
  if (typeof selector !== 'string' || !parseCalicoSelector(selector)) return false;
  return calicoSelectorKeys(selector).every(
    (k) =>
      k === 'projectcalico.org/namespace' ||
      k === 'projectcalico.org/orchestrator' ||
      k.startsWith('pcns.'),
  );
}

/**
 * The Calico policies that apply to the pod at egress (or may): for such a pod the
 * NetworkPolicies (order 1000) are one step of the same ordered evaluation, and a packet they
 * do not allow goes on to the Calico policies after them instead of being dropped.
 */
export function calicoHolders(policies: readonly CalicoPolicy[], s: EngineSubject): string[] {
  return [...new Set(policies.filter((p) => appliesTo(p, s) !== 'no').map((p) => p.policy))];
}
