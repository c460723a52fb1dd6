import { parseVersion } from '../versions/semver.js';
import type { Finding } from '../../model/finding.js';
import { aggregatedRoleFindings } from './aggregated.js';
import {
  bindingObject,
  roleUnread,
  subjectFindings,
  type CheckContext,
  type Checked,
} from './binding-findings.js';
import { RbacEvaluator } from './evaluator.js';
import { ServiceAccountReach } from './service-accounts.js';
import { AKS_ADMIN_GROUP_BINDING, aksManaged, beyondAksRole } from './managed.js';
import { mastersFinding } from './masters.js';
import {
  carriesAksLabel,
  isExemptSubject,
  kubernetesDefaultSubjects,
  subjectKey,
} from './platform.js';
import { entraPrincipal, isPersonSubject, subjectLabel } from './subjects.js';
import { allBindings, bindingLabel, type Binding, type RbacFacts } from './types.js';
import { type Subject } from '../../model/rbac.js';

export type { Checked } from './binding-findings.js';

/** A binding left out of the findings, and why. */
export interface ExcludedBinding {
  binding: string;
  reason: string;
}

/** The rbac checks' answer: findings, what was left out (shown on request), and what to confirm. */
export interface RbacReview {
  findings: Finding[];
  excluded: ExcludedBinding[];
  /** The findings that carry an access question the API server can confirm (same objects). */
  confirmable: Array<Required<Checked>>;
}

/** Kubernetes 1.35 made exec/attach/port-forward over WebSocket need `create`, like SPDY. */
function websocketGetOpensPods(version: string | undefined): boolean {
  const v = version ? parseVersion(version) : undefined;
  return v === undefined || v[0] < 1 || (v[0] === 1 && v[1] < 35);
}

/** Runs every rbac check over the bindings and roles; pure. */
export function checkRbac(facts: RbacFacts): RbacReview {
  const checks = new RbacChecks(facts);
  for (const b of allBindings(facts)) checks.add(b);
  return checks.review();
}

/**
 * The rbac checks one binding at a time, so that a caller holding tens of thousands of bindings
 * can let other work (the next page of a list) run between two; `checkRbac` is these checks over
 * every binding of `allBindings(facts)`, in that order. Pure.
 */
export class RbacChecks {
  private readonly ctx: CheckContext;
  private readonly adminGroups: Set<string>;
  private readonly checked: Checked[];
  private readonly excluded: ExcludedBinding[] = [];

  constructor(private readonly facts: RbacFacts) {
    const evaluator = new RbacEvaluator(facts);
    const websocketGet = websocketGetOpensPods(facts.cluster?.kubernetesVersion);
    this.ctx = {
      evaluator,
      websocketGet,
      unreadRoles: facts.forbidden.filter((l) => l === 'roles' || l === 'clusterroles'),
      accounts: new ServiceAccountReach(facts, evaluator, websocketGet),
      ...(facts.podSecurityEnforce ? { podSecurityEnforce: facts.podSecurityEnforce } : {}),
    };
    this.adminGroups = new Set(
      (facts.cluster?.adminGroupObjectIDs ?? []).map((g) => g.toLowerCase()),
    );
    this.checked = facts.forbidden.map((what) => ({ finding: refusedList(what) }));
  }

  /** Checks one binding of `allBindings(facts)` (each once, in their order). */
  add(b: Binding): void {
    const { facts, checked, excluded, adminGroups } = this;
    const managed = aksManaged(b, facts.cluster);
    // Matched by shape, but its role now grants more than AKS's: checked like any other.
    const edited =
      managed !== undefined && beyondAksRole(managed, this.ctx.evaluator.roles.rulesOfBinding(b));
    if (managed && !edited) {
      excluded.push({ binding: bindingLabel(b), reason: `managed by AKS: ${managed.what}` });
      if (b.name === AKS_ADMIN_GROUP_BINDING)
        checked.push({ finding: adminGroupInfo(b, b.object.subjects ?? [], facts) });
      return;
    }
    const isAdminGroup = (s: Subject) =>
      s.kind === 'Group' && adminGroups.has(s.name.toLowerCase());
    const masters = mastersFinding(b);
    if (masters) checked.push({ finding: masters });
    const rules = this.ctx.evaluator.roles.rulesOfBinding(b);
    const subjects = (b.object.subjects ?? []).filter((s) => !isExemptSubject(s, b, rules));
    // A Kubernetes default binding for broad groups: its default subjects are left out, any other
    // subject it names is checked.
    const defaults = kubernetesDefaultSubjects(b, rules);
    const own = defaults ? subjects.filter((s) => !defaults.includes(subjectKey(s))) : subjects;
    if (defaults && subjects.length > 0 && own.length === 0) {
      excluded.push({ binding: bindingLabel(b), reason: 'Kubernetes default for broad groups' });
      return;
    }
    if (subjects.length === 0) {
      if (masters) {
        if (carriesAksLabel(b.object.metadata))
          checked.push({ finding: labelFinding(b, false, edited) });
        return;
      }
      excluded.push({
        binding: bindingLabel(b),
        reason: 'binds only Kubernetes system identities',
      });
      return;
    }
    const admins = own.filter(isAdminGroup);
    const rest = own.filter((s) => !isAdminGroup(s));
    const seen = rest.length > 0 ? bindingChecks(this.ctx, b, rest) : { items: [], risky: false };
    if (admins.length > 0) seen.items.push({ finding: adminGroupInfo(b, admins, facts) });
    checked.push(...seen.items);
    const broad = seen.items.some(
      (c) => c.finding.id === 'rbac.anonymous' || c.finding.id === 'rbac.all-service-accounts',
    );
    if (carriesAksLabel(b.object.metadata))
      checked.push({ finding: labelFinding(b, seen.risky || broad, edited) });
  }

  /** The review of the bindings added, with the findings of the roles themselves. */
  review(): RbacReview {
    const { checked } = this;
    const findings = [
      ...checked.map((c) => c.finding),
      ...aggregatedRoleFindings(this.facts, this.ctx),
    ];
    const confirmable = checked.filter((c): c is Required<Checked> => c.ask !== undefined);
    return { findings, excluded: [...this.excluded], confirmable };
  }
}

function bindingChecks(ctx: CheckContext, b: Binding, subjects: Subject[]) {
  const items: Checked[] = [];
  let risky = false;
  for (const s of subjects) {
    const one = subjectFindings(ctx, b, s);
    items.push(...one.items);
    risky ||= one.risky;
  }
  // A role whose list was refused is unknown, not missing: rbac.forbidden says so.
  if (ctx.evaluator.roles.rulesOfBinding(b) === undefined && !roleUnread(ctx, b)) {
    const who = subjects.map((s) => subjectLabel(s, b.namespace)).join(', ');
    const role = `${b.object.roleRef.kind} ${b.object.roleRef.name}`;
    items.push({
      finding: {
        id: 'rbac.missing-role',
        severity: 'low',
        object: bindingObject(b),
        subject: who,
        message: `${who}: bound to ${role}, which does not exist. It grants nothing now, and everything that role will hold once someone creates it.`,
        remediation: 'Delete the binding if it is no longer needed.',
      },
    });
  }
  return { items, risky };
}

/** The hole a refused list leaves: its objects are unknown, never none. */
function refusedList(what: string): Finding {
  if (what === 'serviceaccounts')
    return {
      id: 'rbac.forbidden',
      severity: 'medium',
      message:
        'Could not check serviceaccounts: the API server refused to list them (forbidden), so whoever can create pods or mint tokens in a namespace was judged only by the ServiceAccounts the bindings name and default, not by every one there. This is not a pass.',
      remediation:
        'Ask for list rights on serviceaccounts (core API group), e.g. the built-in view role.',
    };
  return {
    id: 'rbac.forbidden',
    severity: 'medium',
    message: `Could not check ${what}: the API server refused to list them (forbidden). This is not a pass.`,
    remediation: `Ask for list rights on ${what} (rbac.authorization.k8s.io), e.g. a read-only auditor role.`,
  };
}

function adminGroupInfo(b: Binding, groups: Subject[], facts: RbacFacts): Finding {
  const names = groups.map((s) => `${s.kind} ${s.name}`).join(', ') || 'no subjects';
  const known = facts.cluster?.adminGroupObjectIDs !== undefined;
  const source = known
    ? 'aadProfile.adminGroupObjectIDs of the managed cluster, bound by AKS through aks-cluster-admin-binding-aad'
    : 'aks-cluster-admin-binding-aad, kept by AKS (ARM was not read, so they could not be compared with aadProfile.adminGroupObjectIDs)';
  const also = b.name === AKS_ADMIN_GROUP_BINDING ? '' : ` ${bindingLabel(b)} binds them too.`;
  const principal = groups.length === 1 ? entraPrincipal(groups[0]!) : undefined;
  return {
    id: 'rbac.aks-admin-group',
    severity: 'info',
    object: bindingObject(b),
    subject: names,
    ...(principal ? { principal } : {}),
    message: `The cluster's Entra admin ${groups.length === 1 ? 'group holds' : 'groups hold'} cluster-admin: ${names}. Source: ${source}.${also} Membership is managed in Entra ID.`,
    remediation: `Review who is in ${groups.length === 1 ? 'this group' : 'these groups'}; change them with az aks update --aad-admin-group-object-ids.`,
  };
}

function labelFinding(b: Binding, risky: boolean, edited: boolean): Finding {
  const unlike = edited
    ? `its name, role name and subjects are those of a binding AKS creates, but its role (${b.object.roleRef.name}) grants more than AKS's does`
    : 'its name, role and subjects are not a binding AKS creates';
  return {
    id: 'rbac.aks-label-mismatch',
    severity: risky ? 'medium' : 'info',
    object: bindingObject(b),
    message: `Carries the label of AKS-managed objects, but ${unlike}, so it is checked like any other${risky ? ' (and grants dangerous rights, see the findings above)' : ''}. A label is not proof of ownership: anyone who can create a binding or change a role can set it.`,
    remediation: 'Find out who created it; if nobody owns it, delete it.',
  };
}

/** Subjects per binding that name a person or identity directly (`kind: User`, not system). */
export function userSubjects(b: Binding): Subject[] {
  return (b.object.subjects ?? []).filter(isPersonSubject);
}
