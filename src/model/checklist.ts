import type { Severity } from './finding.js';

/** The identifiers of the checklist steps, in the order the runbook walks them. */
export const STEP_IDS = [
  'connect',
  'defender',
  'api-access',
  'rbac',
  'imds',
  'containers',
  'upgrades',
  'drain',
  'node-image',
  'fleet',
  'summary',
] as const;

export type StepId = (typeof STEP_IDS)[number];

/** What the overview shows for a step. */
export type StepStatus =
  | { kind: 'not-started' }
  /** Looking; or, with `what`, a change of the step runs (an Azure operation it sent). */
  | { kind: 'running'; what?: string }
  | { kind: 'ok' }
  /** `worst`: the most severe of them, said where a row sums up other steps (the Summary). */
  | { kind: 'findings'; count: number; worst?: Severity }
  /** `findings`: open ones the step still shows after its change, `worst` the most severe. */
  | { kind: 'changed'; what: string; findings?: number; worst?: Severity }
  /** A confirmed change failed; kept until the operator has acted on the step again. */
  | { kind: 'failed'; what: string }
  | { kind: 'skipped'; why: string }
  | { kind: 'unavailable'; why: string };

/** A checklist entry as the operator sees it: name, what it looks at, and why it matters. */
export interface StepInfo {
  id: StepId;
  title: string;
  looksAt: string;
  why: string;
  /** Whether the step needs the ARM side (subscription, group, name) to work. */
  needsArm: boolean;
  /**
   * Listed only once it has looked and found it applies (its status is then neither not-started
   * nor skipped): the fleet step, for clusters in a fleet or subscriptions with fleets.
   */
  onlyWhenRelevant?: true;
}

/** Whether the overview lists a step with this status now (see `onlyWhenRelevant`). */
export function stepListed(step: StepInfo, status: StepStatus | undefined): boolean {
  if (!step.onlyWhenRelevant) return true;
  return status !== undefined && status.kind !== 'not-started' && status.kind !== 'skipped';
}

/** The checklist, in our own words, after Microsoft's AKS security and upgrade guidance. */
export const CHECKLIST: readonly StepInfo[] = [
  {
    id: 'connect',
    title: 'Connect and check your rights',
    looksAt: 'cluster identity, versions, pools and nodes; what you are allowed to do',
    why: 'Every later step needs to know the cluster it is touching and whether you may act on it.',
    needsArm: false,
  },
  {
    id: 'defender',
    title: 'Threat protection',
    looksAt: 'Microsoft Defender for Containers on the cluster',
    why: 'Without runtime threat detection, a compromised pod or node can go unnoticed for weeks.',
    needsArm: true,
  },
  {
    id: 'api-access',
    title: 'API server access',
    looksAt: 'Entra ID integration, Azure RBAC, local accounts, authorized IP ranges',
    why: 'The API server is the front door: identities should come from Entra ID and the door should not face the whole internet.',
    needsArm: true,
  },
  {
    id: 'rbac',
    title: 'RBAC bindings',
    looksAt: 'who is bound to which role, directly or through groups',
    why: 'Rights granted to single users outlive team changes; groups are reviewed and revoked in one place.',
    needsArm: false,
  },
  {
    id: 'imds',
    title: 'Instance metadata endpoint',
    looksAt: 'whether pods can reach 169.254.169.254, namespace by namespace',
    why: 'A pod that reaches the node metadata endpoint can ask for the node identity tokens.',
    needsArm: false,
  },
  {
    id: 'containers',
    title: 'Container privileges',
    looksAt: 'privileged, root and host-namespace containers, capabilities, seccomp',
    why: 'A privileged container is one escape away from the node and everything scheduled on it.',
    needsArm: false,
  },
  {
    id: 'upgrades',
    title: 'Kubernetes upgrades',
    looksAt: 'control plane and pool versions, available upgrades, support window, blocking PDBs',
    why: 'Unsupported versions stop getting security fixes; upgrades fail at night when budgets block drains.',
    needsArm: true,
  },
  {
    id: 'drain',
    title: 'Cordon and drain',
    looksAt: 'nodes, what would be evicted, skipped or blocked',
    why: 'Maintenance on a node starts by moving its workloads away without breaking their budgets.',
    needsArm: false,
  },
  {
    id: 'node-image',
    title: 'Node images and OS patches',
    looksAt: 'node image versions per pool, pending reboots, OS upgrade channel',
    why: 'Node images carry the kernel and runtime fixes; nodes that never reboot never get them.',
    needsArm: true,
  },
  {
    id: 'fleet',
    title: 'Fleet update runs',
    looksAt: 'Fleet Manager fleets, members, update groups and strategies; update runs',
    why: 'Many clusters are upgraded in order, dev before prod, one stage at a time: Fleet Manager runs that order, and a blocked member should be seen before the run starts.',
    needsArm: false,
    onlyWhenRelevant: true,
  },
  {
    id: 'summary',
    title: 'Summary',
    looksAt: 'what was found and what was changed',
    why: 'A maintenance window ends with a record someone else can read.',
    needsArm: false,
  },
];
