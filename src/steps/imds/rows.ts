import type { ImdsAssessment } from '../../checks/imds/assess.js';
import type { EngineTraits } from '../../checks/imds/engine.js';
import type { NamespaceVerdict, VerdictKind } from '../../checks/imds/evaluate.js';
import {
  reportsExposure,
  unreadRestrictionCaveat,
  verdictFindings,
} from '../../checks/imds/findings.js';
import { restrictImdsPolicy } from '../../checks/imds/policy.js';
import type { ProposedFix } from '../../checks/imds/proposals.js';
import { managedNamespaceWarning } from '../../checks/imds/scope.js';
import type { Finding } from '../../model/finding.js';
import { codeBlock, type ViewItem } from '../contract/view.js';
import type { NamespaceRights } from './rights.js';
import { kubeYaml } from '../../model/kube-yaml.js';

/** What applying would do in a namespace: create our policy, leave a fix to review, or nothing. */
export type RowAction = 'create' | 'review' | 'none';

/** One namespace row of the step's table. */
export interface ImdsRow {
  namespace: string;
  verdict: VerdictKind;
  /** Whether an engine enforces policies (false: none; undefined: not known). */
  enforced: boolean | undefined;
  /** Set while AAD Pod Identity's NMI redirects 169.254.169.254:80 before the policies apply. */
  intercepted?: true;
  /** The engine's own policy kinds, when they could not be read: a blocked verdict is not verified. */
  enginePoliciesUnread?: string;
  /** Why it is out of scope by default (system namespace). */
  system?: string;
  /** Why a user namespace is not chosen by default (a cluster extension's name). */
  optIn?: string;
  /** Set when the namespace is managed by Kubernetes or AKS: shown when it is chosen. */
  warning?: string;
  chosen: boolean;
  policies: number;
  egressPolicies: number;
  pods: number;
  hostNetworkPods: number;
  action: RowAction;
  /** NetworkPolicy rights refused here (create / delete), with the reason. */
  rights: NamespaceRights;
  /** A policy created by this step is present. */
  ours: boolean;
  findings: Finding[];
  /** The YAML the operator should read: our policy, or the checked edits to review. */
  details: ViewItem[];
}

/** A few names, then how many more. */
function list(names: readonly string[], max = 5): string {
  const shown = names.slice(0, max).join(', ');
  return names.length > max ? `${shown} and ${names.length - max} more` : shown;
}

/** The hostNetwork pods a blocked row must name: they reach the endpoint whatever the policies say. */
function hostNetworkExcept(pods: readonly string[]): string[] {
  if (pods.length === 0) return [];
  const one = pods.length === 1;
  return [
    `Not ${list(pods)}: ${one ? 'it uses' : 'they use'} the node's network (hostNetwork), which no NetworkPolicy holds, so ${one ? 'it reaches' : 'they reach'} 169.254.169.254:80 (imds.host-network).`,
  ];
}

function actionOf(verdict: NamespaceVerdict, engineHold: string | undefined): RowAction {
  const kind: VerdictKind = verdict.kind;
  // Our policy's except would not be enforced for the Windows pods here: not offered as a fix.
  // Nor where the engine's own policies restrict egress (on any engine the cluster may run) or
  // could not be read: allow-all-but-metadata would widen them.
  if (kind === 'exposed')
    return verdict.windowsUnenforced || verdict.engine || engineHold ? 'none' : 'create';
  if (kind === 'blocked') return 'none';
  return 'review';
}

function detailsOf(
  verdict: NamespaceVerdict,
  action: RowAction,
  proposals: readonly ProposedFix[],
  traits: EngineTraits,
  probe: boolean,
  engineHold: string | undefined,
): ViewItem[] {
  const inert =
    verdict.enforced === false
      ? [
          'No engine enforces NetworkPolicies here: whatever the policies say, pods reach 169.254.169.254.',
        ]
      : [];
  // Every verdict that reports exposure says what it cannot see (the preview IMDS restriction).
  const unread = reportsExposure(verdict) ? [unreadRestrictionCaveat(probe)] : [];
  if (action === 'create') {
    return [
      ...inert,
      ...unread,
      'Applying creates this policy (nothing else changes in the namespace); it is checked to open nothing new before you are asked. Unlike the AKS article sample (10.10.0.0/0#example, which the API server rejects), it is valid and only removes 169.254.169.254:',
      codeBlock(kubeYaml(restrictImdsPolicy(verdict.namespace, traits))),
    ];
  }
  const windows = verdict.windowsUnenforced
    ? [
        `Not offered here: ${list(verdict.windowsUnenforced.pods)} run on Windows, where ${verdict.windowsUnenforced.why}; a policy would not keep them from 169.254.169.254.`,
      ]
    : [];
  const engine = verdict.engine
    ? [
        `The engine's own policies select pods here (${list(verdict.engine.touching, 3)}); the verdict counts them with the NetworkPolicies.${verdict.kind === 'exposed' ? ' No NetworkPolicy is offered: allowing all but the metadata endpoint would widen what they restrict.' : ''}`,
      ]
    : [];
  const held =
    engineHold && !verdict.engine ? [`No NetworkPolicy is offered here: ${engineHold}.`] : [];
  if (action === 'none' && verdict.kind === 'exposed')
    return [...windows, ...engine, ...held, ...unread];
  // hostNetwork pods are on the node's network: no policy holds them, so "every pod" leaves them out.
  const every = verdict.hostNetworkPods.length > 0 ? 'every pod on the pod network' : 'every pod';
  if (action === 'none')
    return [
      ...inert,
      ...windows,
      ...engine,
      ...unread,
      verdict.enforced === false
        ? `Not blocked: nothing enforces the policies; enforced, they would keep ${every}, now and later, from 169.254.169.254:80.`
        : verdict.windowsUnenforced
          ? `Not blocked for the Windows pods above; for Linux pods the policies keep ${every}, now and later, from 169.254.169.254:80.`
          : verdict.intercepted
            ? `Not blocked: the policies keep ${every} from 169.254.169.254:80, but AAD Pod Identity's NMI (${verdict.intercepted.by}) takes those connections on the node before the policies apply (see the finding).`
            : verdict.enforced === undefined
              ? `Blocked only if an engine enforces NetworkPolicies (the policy engine could not be read): then ${every}, now and later, is kept from 169.254.169.254:80.`
              : `Blocked: ${every}, now and later, is kept from 169.254.169.254:80.`,
      ...hostNetworkExcept(verdict.hostNetworkPods),
      ...(verdict.enginePoliciesUnread
        ? [
            `Not verified: that is the NetworkPolicies alone; the engine's own policies (${verdict.enginePoliciesUnread}) could not be read, and they can open 169.254.169.254 whatever the NetworkPolicies say (imds.engine-policies-unread).`,
          ]
        : []),
    ];
  return [
    ...inert,
    ...unread,
    'Not changed by applying: an allow-all-but-metadata policy here would widen pods that are already restricted. Review these instead (each checked to open nothing new):',
    ...proposals.flatMap((fix) => [
      '',
      fix.title,
      ...fix.notes,
      ...(fix.yaml ? [codeBlock(fix.yaml)] : []),
    ]),
  ];
}

/**
 * The table rows for the current facts, choices and rights; `proposals` are per namespace;
 * `probe`: the step offers its probe (not in read-only or dry-run mode).
 */
export function buildRows(
  assessment: ImdsAssessment,
  proposals: ReadonlyMap<string, ProposedFix[]>,
  chosen: ReadonlySet<string>,
  rights: ReadonlyMap<string, NamespaceRights>,
  traits: EngineTraits,
  probe = false,
): ImdsRow[] {
  return assessment.namespaces.map(({ verdict, system, optIn, engineHold }) => {
    const action = actionOf(verdict, engineHold);
    const warning = managedNamespaceWarning(verdict.namespace);
    const row: Omit<ImdsRow, 'details'> = {
      namespace: verdict.namespace,
      verdict: verdict.kind,
      enforced: verdict.enforced,
      ...(verdict.intercepted ? { intercepted: true as const } : {}),
      ...(verdict.enginePoliciesUnread
        ? { enginePoliciesUnread: verdict.enginePoliciesUnread }
        : {}),
      ...(system ? { system } : {}),
      ...(optIn ? { optIn } : {}),
      ...(warning ? { warning } : {}),
      chosen: chosen.has(verdict.namespace),
      policies: verdict.policies.length,
      egressPolicies: verdict.egressPolicies.length,
      pods: verdict.pods,
      hostNetworkPods: verdict.hostNetworkPods.length,
      action,
      rights: rights.get(verdict.namespace) ?? {},
      ours: verdict.hasOurPolicy,
      findings: verdictFindings(verdict, probe),
    };
    // Written when first read (the screen reads the focused row's): each is a YAML document,
    // and a large cluster has thousands of rows, rebuilt on every choice.
    let details: ViewItem[] | undefined;
    return Object.defineProperty(row, 'details', {
      enumerable: true,
      get: () =>
        (details ??= detailsOf(
          verdict,
          action,
          proposals.get(verdict.namespace) ?? [],
          traits,
          probe,
          engineHold,
        )),
    }) as ImdsRow;
  });
}
