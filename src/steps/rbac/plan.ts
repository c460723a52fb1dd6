import type { ViewItem } from '../contract/view.js';
import type { BindingAddress } from '../../kube/rbac-write.js';
import { allBindings, bindingLabel, type RbacFacts } from '../../checks/rbac/types.js';
import { type BindingObject } from '../../model/rbac.js';
import type { Candidate } from './candidates.js';
import { bindingDifference } from './existing.js';
import { plural } from '../../model/plural.js';
import { groupLabel, type GroupCheck } from './group-check.js';
import { kubeYaml } from '../../model/kube-yaml.js';

/** Label on every binding this tool creates, so people and tools can find them. */
const MADE_BY = { 'app.kubernetes.io/managed-by': 'aks-runbook' };
/** Annotation that records which user a group binding replaced. */
const REPLACES = 'aks-runbook/replaces';

/** The change that replaces one user subject with an Entra group. */
export interface ReplacementPlan {
  candidate: Candidate;
  group: string;
  /** The new binding: same roleRef (immutable, hence a new object), subject kind Group. */
  created: BindingObject;
  createdAt: BindingAddress;
  old: BindingAddress;
  /** The old binding without the user, or undefined when the user was its only subject (delete). */
  oldAfter: BindingObject | undefined;
  /**
   * The group binding already exists with this role and group (an earlier run that stopped before
   * the user's removal): it is adopted, not created again.
   */
  adopted: boolean;
  /** What Entra ID said about the group (name, members, whether the user is in it), if asked. */
  check?: GroupCheck;
}

/**
 * The name of the group binding: one of ours (`<old>-group`, `-group-2`, ...) that already grants
 * the same role to the same group, adopted; else the first free one of those names.
 */
function nameFor(
  facts: RbacFacts,
  c: Candidate,
  wanted: BindingObject,
): { name: string; adopted: boolean } {
  const near = allBindings(facts).filter(
    (b) => b.kind === c.binding.kind && b.namespace === c.binding.namespace,
  );
  const base = `${c.binding.name}-group`;
  const ours = (name: string) =>
    name === base || (name.startsWith(`${base}-`) && /^\d+$/.test(name.slice(base.length + 1)));
  const same = near.find((b) => ours(b.name) && bindingDifference(wanted, b.object).length === 0);
  if (same) return { name: same.name, adopted: true };
  const taken = new Set(near.map((b) => b.name));
  for (let n = 1; ; n++) {
    const name = n === 1 ? base : `${base}-${n}`;
    if (!taken.has(name)) return { name, adopted: false };
  }
}

/** Plans the replacement of `candidate`'s user by `group` (an Entra group object id); pure. */
export function planReplacement(
  facts: RbacFacts,
  candidate: Candidate,
  group: string,
  check?: GroupCheck,
): ReplacementPlan {
  const { binding } = candidate;
  const namespaced = binding.kind === 'RoleBinding';
  const roleRef = { ...binding.object.roleRef };
  const subjects = [{ apiGroup: 'rbac.authorization.k8s.io', kind: 'Group', name: group }];
  const { name, adopted } = nameFor(facts, candidate, { roleRef, subjects });
  const created: BindingObject = {
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: binding.kind,
    metadata: {
      name,
      ...(namespaced ? { namespace: binding.namespace } : {}),
      labels: { ...MADE_BY },
      annotations: { [REPLACES]: `${bindingLabel(binding)} user ${candidate.user}` },
    },
    roleRef,
    subjects,
  };
  const remaining = (binding.object.subjects ?? []).filter(
    (s) => !(s.kind === 'User' && s.name === candidate.user),
  );
  const address = {
    kind: binding.kind,
    name: binding.name,
    ...(namespaced ? { namespace: binding.namespace } : {}),
  };
  return {
    candidate,
    group,
    created,
    createdAt: { ...address, name },
    old: address,
    oldAfter: remaining.length > 0 ? { ...binding.object, subjects: remaining } : undefined,
    adopted,
    ...(check ? { check } : {}),
  };
}

/** The new binding as YAML lines, for the screen and for export. */
export function planYaml(plan: ReplacementPlan): string[] {
  return kubeYaml(plan.created).trimEnd().split('\n');
}

/** What the plan does, in order, as lines for the operator. */
export function describePlan(plan: ReplacementPlan): ViewItem[] {
  const { candidate } = plan;
  const old = bindingLabel(plan.old);
  const group = plan.check?.entry;
  return [
    `Replace ${candidate.user} with Entra group ${groupLabel(plan.group, plan.check)} on ${old} (${candidate.role}).`,
    ...(group
      ? [
          `The group: ${group.memberCount === undefined ? '? members' : plural(group.memberCount, 'member')} (nested included), ${group.securityEnabled === false ? 'not security-enabled' : 'security-enabled'}${plan.check?.userInGroup === true ? `, ${candidate.user} is a member` : ''}.`,
        ]
      : []),
    ...(plan.check?.warnings ?? []).map((w) => `⚠ ${w}`),
    `1. Server-side dry run of the new binding${plan.oldAfter ? ' and of the change to the old one' : ' and of the deletion of the old one'}.`,
    plan.adopted
      ? `2. ${bindingLabel(plan.createdAt)} already grants this role to the group (an earlier run): already in place, adopted, not created again.`
      : `2. Create ${bindingLabel(plan.createdAt)} (same role; roleRef cannot change), then read it back.`,
    plan.oldAfter
      ? `3. Remove ${candidate.user} from ${old}; its other ${plural(plan.oldAfter.subjects?.length ?? 0, 'subject')} ${(plan.oldAfter.subjects?.length ?? 0) === 1 ? 'stays' : 'stay'}.`
      : `3. Delete ${old}: ${candidate.user} is its only subject.`,
    'Each change is confirmed on its own and journaled. New binding:',
    { code: planYaml(plan) },
  ];
}
