// The simulated engines' own policy kinds at egress, written from Cilium's and Calico's
// documentation apart from the tool's checks (the probe is a second opinion): Cilium's rules add
// up with the NetworkPolicies' allows and a deny wins; Calico's are ordered with them (order
// 1000 for a NetworkPolicy), the first Allow or Deny decides, a tier that applies and decides
// nothing drops. What the simulator does not model: L7 rules (an L7 rule allows its ports),
// toFQDNs, toServices, CIDR groups, named ports in Cilium's toPorts, Calico tiers (policies of
// another tier are taken before the default tier's), network sets, and Calico selectors beyond
// `all()`, `==`, `!=`, `has()`, `!has()`, `in {...}` joined by `&&`.
import type { KubeObject } from '../contracts.js';
import { containsAddress, parseCidr } from './cidr.js';
import { R } from './resources.js';
import { fromSelectorObject, matchesLabels } from './selectors.js';
import type { Store } from './store.js';
import { arr, isRecord, specOf, text } from './types.js';

type Rec = Record<string, unknown>;

/** The other end of an egress connection, as the engines see it. */
export interface EgressEnd {
  pod?: KubeObject;
  address: string;
  kind: 'pod' | 'node' | 'outside';
}

/** A connection's protocol and destination port. */
export interface EgressFlow {
  protocol: string;
  port: number;
}

/** What the NetworkPolicies say at the pod's egress: those isolating it, those whose rule lets the flow out. */
export interface K8sEgressSide {
  isolating: KubeObject[];
  allowing: KubeObject[];
}

function labelsOf(o: KubeObject | undefined): Record<string, string> {
  return o?.metadata.labels ?? {};
}

function namespaceOf(store: Store, pod: KubeObject): KubeObject | undefined {
  return store.get(R.namespaces, undefined, pod.metadata.namespace ?? 'default');
}

function inBlock(cidrText: unknown, except: unknown, address: string): boolean {
  const host = parseCidr(`${address}/${address.includes(':') ? 128 : 32}`);
  const raw = text(cidrText, '');
  const cidr = parseCidr(raw.includes('/') ? raw : `${raw}/${raw.includes(':') ? 128 : 32}`);
  if (!host || !cidr || !containsAddress(cidr, host)) return false;
  return !arr(except).some((e) => {
    const ex = parseCidr(String(e));
    return ex !== undefined && containsAddress(ex, host);
  });
}

// ---- Cilium ----

/** A pod's labels as Cilium's identity holds them: its own, its namespace's name and labels. */
function ciliumLabels(store: Store, pod: KubeObject): Record<string, string> {
  const out: Record<string, string> = { ...labelsOf(pod) };
  out['io.kubernetes.pod.namespace'] = pod.metadata.namespace ?? 'default';
  for (const [k, v] of Object.entries(labelsOf(namespaceOf(store, pod))))
    out[`io.cilium.k8s.namespace.labels.${k}`] = v;
  return out;
}

/** Cilium's selector on its labels: a `k8s:` or `any:` source prefix names the plain label. */
function ciliumSelects(selector: unknown, labels: Record<string, string>): boolean {
  if (!isRecord(selector)) return false;
  const strip = (k: string) => k.replace(/^(k8s|any):/, '');
  const ml: Rec = {};
  for (const [k, v] of Object.entries(
    isRecord(selector['matchLabels']) ? selector['matchLabels'] : {},
  ))
    ml[strip(k)] = v;
  const me = arr(selector['matchExpressions']).map((e) =>
    isRecord(e) ? { ...e, key: strip(text(e['key'], '')) } : e,
  );
  try {
    return matchesLabels(
      fromSelectorObject({ matchLabels: ml, matchExpressions: me }) ?? [],
      labels,
    );
  } catch {
    return false;
  }
}

function ciliumRulesOf(o: KubeObject): Rec[] {
  const whole = o as unknown as Rec;
  return [whole['spec'], ...arr(whole['specs'])].filter(isRecord);
}

function ciliumPeer(
  store: Store,
  rule: Rec,
  end: EgressEnd,
  policyNs: string | undefined,
): boolean {
  const l3 = ['toCIDR', 'toCIDRSet', 'toEntities', 'toEndpoints', 'toNodes'].filter(
    (k) => rule[k] !== undefined,
  );
  if (l3.length === 0) return rule['toPorts'] !== undefined;
  const outside = end.kind === 'outside';
  if (outside && arr(rule['toCIDR']).some((c) => inBlock(c, [], end.address))) return true;
  if (
    outside &&
    arr(rule['toCIDRSet']).some((s) => isRecord(s) && inBlock(s['cidr'], s['except'], end.address))
  )
    return true;
  const entities = arr(rule['toEntities']).map(String);
  if (entities.includes('all')) return true;
  if (outside && (entities.includes('world') || entities.includes('world-ipv4'))) return true;
  if (!outside && entities.includes('cluster')) return true;
  if (end.kind === 'node' && (entities.includes('host') || entities.includes('remote-node')))
    return true;
  if (end.pod) {
    const labels = ciliumLabels(store, end.pod);
    const samePlace = (s: unknown) =>
      policyNs === undefined ||
      (isRecord(s) &&
        Object.keys(isRecord(s['matchLabels']) ? s['matchLabels'] : {}).some((k) =>
          k.endsWith('io.kubernetes.pod.namespace'),
        )) ||
      end.pod!.metadata.namespace === policyNs;
    if (arr(rule['toEndpoints']).some((s) => samePlace(s) && ciliumSelects(s, labels))) return true;
  }
  return false;
}

function ciliumPorts(rule: Rec, flow: EgressFlow): boolean {
  if (rule['toPorts'] === undefined) return true;
  return arr(rule['toPorts']).some((tp) => {
    if (!isRecord(tp)) return false;
    const ports = arr(tp['ports']);
    if (ports.length === 0) return true;
    return ports.some((p) => {
      if (!isRecord(p)) return false;
      const proto = text(p['protocol'], 'ANY').toUpperCase();
      if (proto !== 'ANY' && proto !== flow.protocol) return false;
      const raw = p['port'];
      if (raw === undefined || raw === '0' || raw === 0) return true;
      const first = Number(raw);
      if (!Number.isInteger(first)) return false;
      const last = typeof p['endPort'] === 'number' ? p['endPort'] : first;
      return flow.port >= first && flow.port <= last;
    });
  });
}

/** Whether the flow leaves the pod on Cilium, with the NetworkPolicies' answer at its egress. */
export function ciliumLetsOut(
  store: Store,
  from: KubeObject,
  end: EgressEnd,
  flow: EgressFlow,
  k8s: K8sEgressSide,
): boolean {
  const labels = ciliumLabels(store, from);
  const ns = from.metadata.namespace ?? 'default';
  const rules = [
    ...store
      .list(R.ciliumnetworkpolicies, ns)
      .flatMap((o) => ciliumRulesOf(o).map((rule) => ({ rule, ns }))),
    ...store
      .list(R.ciliumclusterwidenetworkpolicies)
      .flatMap((o) =>
        ciliumRulesOf(o).map((rule) => ({ rule, ns: undefined as string | undefined })),
      ),
  ].filter(
    (r) =>
      r.rule['endpointSelector'] !== undefined && ciliumSelects(r.rule['endpointSelector'], labels),
  );
  const takes = (r: { rule: Rec; ns: string | undefined }, key: string) =>
    arr(r.rule[key]).some(
      (e) => isRecord(e) && ciliumPeer(store, e, end, r.ns) && ciliumPorts(e, flow),
    );
  if (rules.some((r) => takes(r, 'egressDeny'))) return false;
  const defaultDeny = rules.some((r) => {
    const has = r.rule['egress'] !== undefined || r.rule['egressDeny'] !== undefined;
    const set = isRecord(r.rule['enableDefaultDeny'])
      ? r.rule['enableDefaultDeny']['egress']
      : undefined;
    return typeof set === 'boolean' ? set && has : has;
  });
  if (k8s.isolating.length === 0 && !defaultDeny) return true;
  return k8s.allowing.length > 0 || rules.some((r) => takes(r, 'egress'));
}

// ---- Calico ----

/** The few Calico selector forms the simulator reads (see the head of this file). */
function calicoSelects(selector: unknown, labels: Record<string, string>): boolean {
  const textOf = typeof selector === 'string' ? selector.trim() : '';
  if (textOf === '' || textOf === 'all()') return true;
  return textOf.split('&&').every((part) => {
    const p = part.trim();
    let m = /^has\(([\w./-]+)\)$/.exec(p);
    if (m) return m[1]! in labels;
    m = /^!\s*has\(([\w./-]+)\)$/.exec(p);
    if (m) return !(m[1]! in labels);
    m = /^([\w./-]+)\s*(==|!=)\s*['"]([^'"]*)['"]$/.exec(p);
    if (m) return m[2] === '==' ? labels[m[1]!] === m[3] : labels[m[1]!] !== m[3];
    m = /^([\w./-]+)\s+in\s*\{(.*)\}$/.exec(p);
    if (m)
      return (m[2] ?? '')
        .split(',')
        .map((v) => v.trim().replace(/^['"]|['"]$/g, ''))
        .includes(labels[m[1]!] ?? '\u0000');
    return p === 'all()';
  });
}

function calicoLabels(store: Store, pod: KubeObject): Record<string, string> {
  const out: Record<string, string> = {
    ...labelsOf(pod),
    'projectcalico.org/namespace': pod.metadata.namespace ?? 'default',
    'projectcalico.org/orchestrator': 'k8s',
  };
  for (const [k, v] of Object.entries(labelsOf(namespaceOf(store, pod)))) out[`pcns.${k}`] = v;
  return out;
}

function calicoPort(entry: unknown, port: number): boolean {
  if (typeof entry === 'number') return entry === port;
  const m = /^(\d+)(?::(\d+))?$/.exec(String(entry));
  return m !== null && Number(m[1]) <= port && port <= Number(m[2] ?? m[1]);
}

function calicoRuleMatches(
  store: Store,
  rule: Rec,
  from: KubeObject,
  end: EgressEnd,
  flow: EgressFlow,
): boolean {
  const proto = rule['protocol'];
  const named = typeof proto === 'string' ? proto.toUpperCase() : proto === 6 ? 'TCP' : '?';
  if (proto !== undefined && named !== flow.protocol) return false;
  const src = isRecord(rule['source']) ? rule['source'] : {};
  if (src['selector'] !== undefined && !calicoSelects(src['selector'], calicoLabels(store, from)))
    return false;
  const dst = isRecord(rule['destination']) ? rule['destination'] : {};
  if (dst['nets'] !== undefined && !arr(dst['nets']).some((n) => inBlock(n, [], end.address)))
    return false;
  if (arr(dst['notNets']).some((n) => inBlock(n, [], end.address))) return false;
  if (dst['selector'] !== undefined) {
    if (!end.pod || !calicoSelects(dst['selector'], calicoLabels(store, end.pod))) return false;
  }
  if (dst['ports'] !== undefined && !arr(dst['ports']).some((p) => calicoPort(p, flow.port)))
    return false;
  if (arr(dst['notPorts']).some((p) => calicoPort(p, flow.port))) return false;
  return true;
}

/** Whether the flow leaves the pod on Calico, its policies ordered with the NetworkPolicies. */
export function calicoLetsOut(
  store: Store,
  from: KubeObject,
  end: EgressEnd,
  flow: EgressFlow,
  k8s: K8sEgressSide,
): boolean {
  const ns = from.metadata.namespace ?? 'default';
  const labels = calicoLabels(store, from);
  const nsObj = namespaceOf(store, from);
  const nsLabels = { ...labelsOf(nsObj), 'projectcalico.org/name': ns };
  const egressType = (spec: Rec) => {
    const types = arr(spec['types']).map(String);
    return types.length > 0 ? types.includes('Egress') : arr(spec['egress']).length > 0;
  };
  type Entry =
    | { tier: number; order: number; name: string; rules: Rec[] }
    | { tier: number; order: number; name: string; k8s: boolean };
  const entries: Entry[] = [];
  const add = (o: KubeObject, global: boolean) => {
    const spec = specOf(o);
    if (!egressType(spec) || spec['preDNAT'] === true || spec['doNotTrack'] === true) return;
    if (!calicoSelects(spec['selector'], labels)) return;
    if (
      global &&
      spec['namespaceSelector'] !== undefined &&
      !calicoSelects(spec['namespaceSelector'], nsLabels)
    )
      return;
    const tier = text(spec['tier'], 'default') === 'default' ? 1 : 0;
    entries.push({
      tier,
      order: typeof spec['order'] === 'number' ? spec['order'] : Number.POSITIVE_INFINITY,
      name: o.metadata.name,
      rules: arr(spec['egress']).filter(isRecord),
    });
  };
  for (const o of store.list(R.caliconetworkpolicies, ns)) add(o, false);
  for (const o of store.list(R.calicoglobalnetworkpolicies)) add(o, true);
  if (entries.length === 0) {
    // No Calico policy applies: the NetworkPolicies alone.
    return k8s.isolating.length === 0 || k8s.allowing.length > 0;
  }
  for (const p of k8s.isolating)
    entries.push({
      tier: 1,
      order: 1000,
      name: `knp.default.${p.metadata.name}`,
      k8s: k8s.allowing.includes(p),
    });
  entries.sort((a, b) => a.tier - b.tier || a.order - b.order || a.name.localeCompare(b.name));
  for (const e of entries) {
    if ('k8s' in e) {
      if (e.k8s) return true;
      continue;
    }
    for (const rule of e.rules) {
      if (!calicoRuleMatches(store, rule, from, end, flow)) continue;
      const action = text(rule['action'], '');
      if (action === 'Allow' || action === 'Pass') return true;
      if (action === 'Deny') return false;
    }
  }
  // Policies applied and none decided: the tier drops it.
  return false;
}
