import type { Finding } from '../../model/finding.js';
import type { NamespaceVerdict } from './evaluate.js';
import { describeGroup } from './pod-groups.js';

function pods(n: number): string {
  return `${n} pod${n === 1 ? '' : 's'}`;
}

function list(names: readonly string[], max = 5): string {
  const shown = names.slice(0, max).join(', ');
  return names.length > max ? `${shown} and ${names.length - max} more` : shown;
}

/**
 * What the verdicts cannot see: AKS's IMDS restriction (networkProfile.podLinkLocalAccess None)
 * keeps hostNetwork=false pods from the endpoint below NetworkPolicy, but ARM returns it only in
 * preview API versions and the SDK reads the stable one. `probe`: the step offers its probe (p).
 */
export function unreadRestrictionCaveat(probe: boolean): string {
  const check = probe
    ? 'a probe (p on this step) shows what pods really reach'
    : 'check by hand: GET the cluster with az rest at api-version 2024-04-02-preview and read properties.networkProfile.podLinkLocalAccess, or kubectl run a curl pod against http://169.254.169.254 (header Metadata: true)';
  return `Not counted: AKS's preview IMDS restriction (networkProfile.podLinkLocalAccess None), which only preview API versions return; if it is on, non-hostNetwork pods cannot reach the endpoint; ${check}.`;
}

/** Whether a verdict says pods of the namespace (not hostNetwork ones) can reach the endpoint. */
export function reportsExposure(v: NamespaceVerdict): boolean {
  return (
    v.kind !== 'blocked' ||
    v.enforced === false ||
    v.windowsUnenforced !== undefined ||
    v.intercepted !== undefined
  );
}

/**
 * The findings for one namespace's verdict (none when it is blocked and has no hostNetwork pods);
 * `probe`: the step offers its probe, which the exposure caveat then names.
 */
export function verdictFindings(v: NamespaceVerdict, probe = false): Finding[] {
  const ns = { kind: 'Namespace', name: v.namespace };
  const caveat = ` ${unreadRestrictionCaveat(probe)}`;
  const out: Finding[] = [];
  if (v.kind === 'exposed') {
    out.push({
      id: 'imds.namespace-exposed',
      severity: 'high',
      object: ns,
      message: `No NetworkPolicy isolates egress in ${v.namespace}: its ${pods(v.pods)}, and any created later, can reach 169.254.169.254 and ask for the node's managed identity token.`,
      remediation: `Create restrict-instance-metadata here (this step): it allows all egress except 169.254.169.254/32.${caveat}`,
    });
  } else if (v.enforced === false) {
    out.push({
      id: 'imds.namespace-exposed',
      severity: 'high',
      object: ns,
      message: `No engine enforces NetworkPolicies on this cluster, so ${v.namespace}'s ${pods(v.pods)} can reach 169.254.169.254 whatever its policies say (enforced, they would leave it ${v.kind}).`,
      remediation: `Enable a network policy engine (see imds.no-policy-engine), then re-run this step.${caveat}`,
    });
  }
  if (v.windowsUnenforced && v.kind !== 'exposed' && v.enforced !== false) {
    const w = v.windowsUnenforced;
    out.push({
      id: 'imds.namespace-exposed',
      severity: 'high',
      object: ns,
      message: `${list(w.pods)} in ${v.namespace} run${w.pods.length === 1 ? 's' : ''} on Windows, where the policies are not enforced: ${w.why}. ${w.pods.length === 1 ? 'It' : 'They'} can reach 169.254.169.254 whatever the policies say (for Linux pods they leave it ${v.kind}).`,
      remediation: `Use Calico (it enforces on Windows Server 2019 and 2022) for clusters with Windows pools, or keep workloads that must not reach the endpoint off Windows nodes.${caveat}`,
    });
  }
  if (v.intercepted && v.kind !== 'exposed' && v.enforced !== false) {
    const i = v.intercepted;
    const who =
      i.pods.length > 0
        ? `${list(i.pods)}, and pods created later on those nodes,`
        : 'pods created here later';
    out.push({
      id: 'imds.pod-identity-nmi',
      severity: 'high',
      object: ns,
      message: `AAD Pod Identity's NMI (${i.by}) redirects pod connections to 169.254.169.254:80 to itself on the node, before the NetworkPolicies of ${v.namespace} apply, so their except does not hold: ${who} get tokens for the identities bound to them (a binding matches a pod label anyone creating pods can set), metadata passed on to IMDS, and IMDS itself when an AzurePodIdentityException matches them. By its policies alone the namespace is ${v.kind}.`,
      remediation:
        'Move these workloads to Microsoft Entra Workload ID (AKS deprecated pod-managed identity), then remove AAD Pod Identity: az aks update --disable-pod-identity for the add-on, or uninstall the aad-pod-identity chart. Until then, bind identities only to the pods that need them and keep AzurePodIdentityExceptions to none.',
    });
  }
  for (const r of v.reopenings) {
    out.push({
      id: 'imds.rule-reopens',
      severity: 'high',
      object: { kind: 'NetworkPolicy', namespace: v.namespace, name: r.policy },
      message: `Egress rule ${r.rule} (spec.egress[${r.rule}]) ${r.why}; it applies to ${r.pods.length > 0 ? list(r.pods) : 'pods with its labels (none now)'}. Policies add up, so no other policy can take this back.`,
      remediation: `Edit that rule so it no longer allows 169.254.169.254 (an except on its ipBlock, or the rule removed when the endpoint was all it allowed); the edit, checked to open nothing new, is on this step's screen.${caveat}`,
    });
  }
  for (const o of v.engine?.opens ?? []) {
    out.push({
      id: 'imds.engine-policy-opens',
      severity: 'high',
      object: { kind: 'Namespace', name: v.namespace },
      message: `${o.policy} lets ${list(o.pods)} in ${v.namespace} reach 169.254.169.254:80, which the NetworkPolicies alone would keep from it: the engine counts its own policies with them.`,
      remediation: `Change that policy so it no longer allows 169.254.169.254 (an except for 169.254.169.254/32 on its CIDR, or a deny for it). This step does not edit the engine's own policies.${caveat}`,
    });
  }
  for (const u of v.engine?.unknown ?? []) {
    out.push({
      id: 'imds.engine-policy-unknown',
      severity: 'medium',
      object: { kind: 'Namespace', name: v.namespace },
      message: `Whether ${list(u.pods)} in ${v.namespace} can reach 169.254.169.254:80 is not known: ${u.policy} selects ${u.pods.length === 1 ? 'it' : 'them'} with a part this step cannot judge (see the README: a CIDR group, a Service, a DNS name pattern, an L7 rule, a named port, a label not read, or a Calico tier). Not a pass.`,
      remediation: `Read ${u.policy} for rules that allow or deny 169.254.169.254, or confirm with a probe from a pod.`,
    });
  }
  if (v.kind === 'partial' || (v.kind === 'reopened' && v.unisolated.length > 0)) {
    const groups = v.unisolated.map(describeGroup);
    const now =
      groups.length > 0 ? `not isolated: ${list(groups, 4)}` : 'every current pod is isolated';
    const later = v.coversFuturePods
      ? ''
      : '; the egress policies do not select every label set (no podSelector {}), so pods created later with other labels are not isolated either';
    // Pods no egress policy selects reach the endpoint today, whatever other policies exist:
    // high, as with no policy at all; medium only for pods that may be created later.
    const isolated = v.pods - v.unisolated.reduce((n, g) => n + g.pods.length, 0);
    const scope =
      v.unisolated.length > 0 && isolated === 0
        ? `Egress is isolated for none of the current pods of ${v.namespace}: the egress policies select none of them, so they reach 169.254.169.254 as with no policy`
        : `Egress is isolated for some pods of ${v.namespace} only`;
    out.push({
      id: 'imds.partial',
      severity: v.unisolated.length > 0 ? 'high' : 'medium',
      object: ns,
      message: `${scope} (${now}${later}).`,
      remediation: `Give the unisolated pods a targeted policy (preview on this step's screen). A namespace-wide allow-all-but-metadata policy would widen what the isolated pods may reach, so this step does not add one here.${caveat}`,
    });
  }
  // A policy the engine drops whole is left out of the verdict: the findings say which, and why.
  const dropped = ignoredNote(v);
  if (dropped)
    for (const f of out) if (f.id !== 'imds.rule-reopens') f.message = `${f.message} ${dropped}`;
  if (v.hostNetworkPods.length > 0) {
    out.push({
      id: 'imds.host-network',
      severity: 'info',
      object: ns,
      message: `${list(v.hostNetworkPods)} use${v.hostNetworkPods.length === 1 ? 's' : ''} the node's network: NetworkPolicies never apply to them, so they reach 169.254.169.254 whatever this step does.`,
      remediation:
        'Avoid hostNetwork where possible; it is outside what a NetworkPolicy can block.',
    });
  }
  return out;
}

/** `Not in effect on this engine: p (why).`, or undefined when the engine enforces every policy. */
export function ignoredNote(v: NamespaceVerdict): string | undefined {
  const ignored = v.ignored ?? [];
  if (ignored.length === 0) return undefined;
  return `Not in effect on this engine, so not counted: ${ignored.map((i) => `${i.policy} (${i.why})`).join('; ')}.`;
}

/** The finding for a read the operator is not allowed to make: never treated as a pass. */
export function forbiddenFinding(what: string, detail: string): Finding {
  return {
    id: 'imds.forbidden',
    severity: 'medium',
    message: `Could not check: forbidden to ${what} (${detail}). Metadata exposure is unknown, not fine.`,
    remediation: `Ask for get/list on namespaces, pods and networkpolicies.networking.k8s.io, then re-run the step.`,
  };
}
