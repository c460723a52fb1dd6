// The lower bound of a run's wall time under injected latency, from the simulator's request log.
//
// Method. Each logged request has its arrival and answer times (the simulator's clock) and a
// weight: the latency injected for its API. A request truly depends on an earlier one when it
// carries something only that answer gave it:
//   - a `continue` token: the page that handed the token out;
//   - a Kubernetes credential: the ARM list…Credential request that handed out the kubeconfig;
//   - a name learned from a list: a path under a collection that was listed before
//     (/namespaces/team-001/…, /agentPools/pool0/…), or a `spec.nodeName=` field selector (the
//     node list); discovery documents count as lists (/apis → /apis/policy/v1/…);
//   - the cluster's region: ARM's /locations/{region}/… after the managed cluster's GET.
// The bound is the heaviest chain of such dependencies: what a client with infinite CPU and
// perfect parallelism still waits. Rules missed only lower the bound (a stricter target).
// For comparison, `serialChainMs` is the heaviest chain of requests that merely ran one after
// another (each started after the previous answered): what this run actually waited in sequence.
// Watches are left out of both (long-lived, nothing waits for them to end).

const isWatch = (e) => /(?:^|[?&])watch=(?:1|true)/.test(e.query);
const param = (e, name) => new URLSearchParams(e.query).get(name);

/** Whether `later` carries something `earlier` handed out (see the method above). */
export function dependsOn(later, earlier) {
  if (earlier.endMs > later.startMs) return false;
  const token = param(later, 'continue');
  if (token) return earlier.continueOut === token;
  if (later.api === 'kube' && /\/list\w*Credential$/i.test(earlier.path)) return true;
  if (earlier.method !== 'GET') return false;
  if (/\/locations\//i.test(later.path) && /\/managedClusters\/[^/]+$/i.test(earlier.path))
    return true;
  if (earlier.listed === undefined) return false;
  // A name under a listed collection: the list's path is a proper prefix, followed by a name.
  if (later.path.startsWith(`${earlier.path}/`) && earlier.api === later.api) return true;
  const fields = param(later, 'fieldSelector') ?? '';
  return /spec\.nodeName=/.test(fields) && earlier.path === '/api/v1/nodes';
}

/** Bound and serial chain (ms) of `entries` with `latency` = { arm, kube } ms per request. */
export function criticalPath(entries, latency) {
  const rs = entries
    .filter((e) => e.startMs !== undefined && e.api !== 'none' && !isWatch(e))
    .sort((a, b) => a.startMs - b.startMs);
  const weight = (e) => latency[e.api] ?? 0;
  const bound = [];
  const serial = [];
  const via = [];
  for (let i = 0; i < rs.length; i++) {
    let best = 0;
    let bestSerial = 0;
    for (let j = 0; j < i; j++) {
      if (rs[j].endMs > rs[i].startMs) continue;
      bestSerial = Math.max(bestSerial, serial[j]);
      if (bound[j] > best && dependsOn(rs[i], rs[j])) {
        best = bound[j];
        via[i] = j;
      }
    }
    bound[i] = best + weight(rs[i]);
    serial[i] = bestSerial + weight(rs[i]);
  }
  const end = bound.indexOf(Math.max(0, ...bound));
  // The chain as read: one line per request kind, `×n` for pages of one list in a row.
  const chain = [];
  for (let i = end; i !== undefined && i >= 0; i = via[i]) {
    const line = `${rs[i].api} ${rs[i].method} ${rs[i].path.replace(/^\/subscriptions\/.*\/managedClusters\/[^/]+/, '…')}`;
    const first = chain[0];
    if (first && first.line === line) first.count++;
    else chain.unshift({ line, count: 1 });
  }
  return {
    requests: rs.length,
    boundMs: Math.max(0, ...bound),
    serialChainMs: Math.max(0, ...serial),
    chain: chain.map((c) => (c.count > 1 ? `${c.line} ×${c.count}` : c.line)),
  };
}
