import type { Finding } from '../../model/finding.js';
import { Reachability } from '../netpol/reach.js';
import type { ImdsFacts } from './assess.js';
import { IMDS_ADDRESS, IMDS_CONNECTION, IMDS_ENDPOINT, IMDS_TARGET } from './endpoint.js';
import { engineTraits, verdictPlane } from './engine.js';
import { clusterNamedPorts } from '../netpol/ports.js';

/** A small official image with `nc`; `--probe-image` picks another (a mirror, a pinned digest). */
export const DEFAULT_PROBE_IMAGE = 'busybox:1.37';

/** How long the probe waits for the connection before it says "not reachable". */
const PROBE_CONNECT_SECONDS = 3;

/** The labels a probe pod carries: ours, so it is recognisable, and nothing a policy should select. */
const PROBE_LABELS: Readonly<Record<string, string>> = {
  'app.kubernetes.io/managed-by': 'aks-runbook',
  'aks-runbook/probe': 'imds',
};

/**
 * A pod that opens TCP 169.254.169.254:80 once and exits: 0 when it connected, 1 when not
 * (busybox `nc -z`, no shell). No privileges, no service account token, a non-root user, every
 * capability dropped, a read-only root, Linux nodes only, gone from the API after 2 minutes at most.
 */
export function probeManifest(namespace: string, name: string, image: string) {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace, labels: { ...PROBE_LABELS } },
    spec: {
      restartPolicy: 'Never',
      automountServiceAccountToken: false,
      activeDeadlineSeconds: 120,
      terminationGracePeriodSeconds: 0,
      nodeSelector: { 'kubernetes.io/os': 'linux' },
      securityContext: {
        runAsNonRoot: true,
        runAsUser: 65534,
        runAsGroup: 65534,
        seccompProfile: { type: 'RuntimeDefault' },
      },
      containers: [
        {
          name: 'probe',
          image,
          command: ['nc', '-z', '-v', '-w', String(PROBE_CONNECT_SECONDS), IMDS_ADDRESS, '80'],
          securityContext: {
            privileged: false,
            allowPrivilegeEscalation: false,
            readOnlyRootFilesystem: true,
            runAsNonRoot: true,
            capabilities: { drop: ['ALL'] },
          },
          resources: {
            requests: { cpu: '10m', memory: '16Mi' },
            limits: { cpu: '100m', memory: '32Mi' },
          },
        },
      ],
    },
  };
}

/** What the static evaluation says a pod with the probe's labels can do in `namespace`. */
export interface StaticAnswer {
  reachable: boolean;
  /** `✔ blocked`, `△ blocked if enforced`, `✖ reachable (not enforced)`, `✖ reachable (no policy isolates it)`, ... */
  text: string;
}

/** Asks the evaluator the probe's own question: this pod, this namespace, TCP 80 on the endpoint. */
export function staticProbeAnswer(facts: ImdsFacts, namespace: string): StaticAnswer {
  const enforced = engineTraits(facts.engine).enforces;
  if (enforced === false) return { reachable: true, text: '✖ reachable (not enforced)' };
  const reach = new Reachability(
    {
      namespaces: facts.namespaces,
      policies: facts.policies.filter((p) => p.namespace === namespace),
      clusterPorts: clusterNamedPorts(facts.pods),
    },
    verdictPlane(facts.engine),
  );
  const answer = reach.egress(
    { namespace, labels: { ...PROBE_LABELS } },
    IMDS_ENDPOINT,
    IMDS_CONNECTION,
  );
  // An unknown engine may enforce nothing: the policies block the probe only if one does.
  if (!answer.allowed)
    return {
      reachable: false,
      text: enforced === undefined ? '△ blocked if enforced' : '✔ blocked',
    };
  if (!answer.isolated) return { reachable: true, text: '✖ reachable (no policy isolates it)' };
  const rules = answer.allowedBy.map((r) => `${r.policy} rule ${r.rule}`).join(', ');
  return { reachable: true, text: `✖ reachable (${rules})` };
}

/** What one probe pod found: connected, did not connect, or could not tell. */
export type ProbeOutcome =
  | { kind: 'reachable'; log?: string }
  | { kind: 'unreachable'; log?: string }
  | { kind: 'failed'; why: string };

/** The probe's answer beside the static one, for one namespace. */
export interface ProbeComparison {
  namespace: string;
  pod: string;
  static: StaticAnswer;
  probe: ProbeOutcome;
  /** Undefined when the probe could not tell. */
  agree: boolean | undefined;
}

/** Puts a probe outcome beside the static answer. */
export function compareProbe(
  namespace: string,
  pod: string,
  answer: StaticAnswer,
  probe: ProbeOutcome,
): ProbeComparison {
  const agree =
    probe.kind === 'failed' ? undefined : (probe.kind === 'reachable') === answer.reachable;
  return { namespace, pod, static: answer, probe, agree };
}

/** The line a comparison shows: static, probe, and whether they agree (a disagreement is never hidden). */
export function comparisonLine(c: ProbeComparison): string {
  const probe =
    c.probe.kind === 'failed'
      ? `probe could not tell: ${c.probe.why}`
      : c.probe.kind === 'reachable'
        ? `probe ✖ connected to ${IMDS_TARGET}`
        : `probe ✔ could not connect`;
  const mark = c.agree === undefined ? '?' : c.agree ? '=' : '≠ DISAGREE';
  return `${c.namespace}: static ${c.static.text} · ${probe} · ${mark}`;
}

/** Findings from probes: a disagreement (high when the pod got through), or a probe that failed. */
export function probeFindings(comparisons: readonly ProbeComparison[]): Finding[] {
  return comparisons.flatMap((c): Finding[] => {
    const object = { kind: 'Namespace', name: c.namespace };
    if (c.probe.kind === 'failed') {
      return [
        {
          id: 'imds.probe-failed',
          severity: 'info',
          object,
          message: `The probe pod in ${c.namespace} could not tell whether ${IMDS_TARGET} is reachable: ${c.probe.why}.`,
          remediation:
            'Check that the probe image can be pulled (--probe-image names another), then probe again.',
        },
      ];
    }
    if (c.agree !== false) return [];
    const through = c.probe.kind === 'reachable';
    return [
      {
        id: 'imds.probe-disagrees',
        severity: through ? 'high' : 'medium',
        object,
        message: through
          ? `A probe pod in ${c.namespace} connected to ${IMDS_TARGET}, although the policies say it is blocked: the engine does not enforce what they say.`
          : `A probe pod in ${c.namespace} could not connect to ${IMDS_TARGET}, although the policies allow it: something else (a firewall, the AKS IMDS restriction, the engine) blocks it.`,
        remediation: through
          ? 'Trust the probe: check the network policy engine (its version, its logs) and the policies as it sees them.'
          : "Find what blocks it before relying on it; this step's verdict counts only NetworkPolicies.",
      },
    ];
  });
}
