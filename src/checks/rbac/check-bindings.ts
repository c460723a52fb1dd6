import type { Finding, Severity } from '../finding.js';
import {
  AKS_ADMIN_GROUP_BINDING,
  isAksRole,
  isBuiltInRole,
  isSystemSubject,
  platformReason,
} from './platform.js';
import { rulesOfBinding } from './resolve.js';
import { reachOf } from './rules.js';
import { anonymousSubject, describeUser, subjectLabel } from './subjects.js';
import { allBindings, bindingLabel, type Binding, type RbacFacts, type Subject } from './types.js';

/** A binding left out of the findings, and why. */
export interface ExcludedBinding {
  binding: string;
  reason: string;
}

/** The rbac checks' answer: findings, plus what the exclusion rule left out (shown on request). */
export interface RbacReview {
  findings: Finding[];
  excluded: ExcludedBinding[];
}

const AGGREGATE_LABEL = /^rbac\.authorization\.k8s\.io\/aggregate-to-(admin|edit|view)$/;

/** Runs every rbac rule over the bindings and roles; pure. */
export function checkRbac(facts: RbacFacts): RbacReview {
  const findings: Finding[] = facts.forbidden.map((what) => ({
    id: 'rbac.forbidden',
    severity: 'medium',
    message: `Could not check ${what}: the API server refused to list them (forbidden). This is not a pass.`,
    remediation: `Ask for list rights on ${what} (rbac.authorization.k8s.io), e.g. a read-only auditor role.`,
  }));
  const excluded: ExcludedBinding[] = [];
  for (const b of allBindings(facts)) {
    const reason = platformReason(b);
    if (reason) {
      excluded.push({ binding: bindingLabel(b), reason });
      if (b.name === AKS_ADMIN_GROUP_BINDING) findings.push(adminGroupInfo(b));
      continue;
    }
    findings.push(...bindingFindings(facts, b));
  }
  findings.push(...aggregatedRoleFindings(facts));
  return { findings, excluded };
}

function object(b: Binding) {
  return { kind: b.kind, name: b.name, ...(b.namespace ? { namespace: b.namespace } : {}) };
}

function bindingFindings(facts: RbacFacts, b: Binding): Finding[] {
  const out: Finding[] = [];
  const subjects = (b.object.subjects ?? []).filter(
    (s) => !isSystemSubject(s) || anonymousSubject(s),
  );
  if (subjects.length === 0) return out;
  const cluster = b.kind === 'ClusterRoleBinding';
  const where = cluster ? 'across the whole cluster' : `in namespace ${b.namespace}`;
  const who = subjects.map((s) => subjectLabel(s, b.namespace)).join(', ');
  // `subject` groups findings on screen: a per-subject finding names its subject, a finding about
  // the binding's rights names all of them.
  const add = (
    subject: string,
    id: string,
    severity: Severity,
    message: string,
    remediation?: string,
  ) =>
    out.push({
      id,
      severity,
      object: object(b),
      subject,
      message,
      ...(remediation ? { remediation } : {}),
    });
  const role = `${b.object.roleRef.kind} ${b.object.roleRef.name}`;

  for (const s of subjects.filter((x) => x.kind === 'User' && !anonymousSubject(x))) {
    add(
      subjectLabel(s),
      'rbac.user-subject',
      'medium',
      `${describeUser(s.name)} is bound directly to ${role} ${where}. Access granted to one person is hard to review and outlives role changes.`,
      'Bind an Entra group (by object id) instead and manage membership in Entra ID; this step can replace the user with a group.',
    );
  }
  const anyone = subjects.filter(anonymousSubject);
  if (anyone.length > 0)
    add(
      anyone.map((s) => subjectLabel(s)).join(', '),
      'rbac.anonymous',
      'high',
      `${anyone.map((s) => s.name).join(', ')} ${anyone.length > 1 ? 'are' : 'is'} bound to ${role} ${where}: ${anyone.some((s) => s.name === 'system:authenticated') ? 'every signed-in identity' : 'callers without credentials'} get its rights.`,
      'Remove these subjects and bind the specific groups that need the role.',
    );
  for (const s of subjects.filter((x) => x.kind === 'ServiceAccount' && x.name === 'default')) {
    add(
      subjectLabel(s, b.namespace),
      'rbac.default-service-account',
      'medium',
      `The default ServiceAccount ${s.namespace ?? b.namespace}/default is bound to ${role} ${where}: every pod in that namespace without its own ServiceAccount gets these rights.`,
      'Create a dedicated ServiceAccount for the workload that needs the role and bind that instead.',
    );
  }

  const rules = rulesOfBinding(facts, b);
  if (rules === undefined) {
    add(
      who,
      'rbac.missing-role',
      'low',
      `${who}: bound to ${role}, which does not exist. It grants nothing now, and everything once someone creates a role of that name.`,
      'Delete the binding if it is no longer needed.',
    );
    return out;
  }
  const reach = reachOf(rules);
  if (b.object.roleRef.name === 'cluster-admin' || reach.fullAdmin) {
    add(
      who,
      'rbac.cluster-admin',
      cluster ? 'high' : 'medium',
      `${who}: full control ${where} through ${role}.`,
      cluster
        ? 'Keep cluster-admin for the Entra admin group of the cluster; grant narrower roles (admin/edit in a namespace) to everyone else.'
        : 'Use the built-in admin or edit ClusterRole for namespace owners instead of cluster-admin.',
    );
    return out;
  }
  if (reach.wildcards.length > 0)
    add(
      who,
      'rbac.wildcard',
      cluster ? 'medium' : 'low',
      `${who}: ${role} uses wildcards ${where}: ${reach.wildcards.join('; ')}. Wildcards also grant resources added later.`,
      'List the verbs and resources the subjects need.',
    );
  if (reach.escalations.length > 0)
    add(
      who,
      'rbac.escalation',
      cluster ? 'high' : 'medium',
      `${who}: ${role} lets them ${reach.escalations.join(', ')} ${where}, a path to more rights than the role grants.`,
      'Remove these verbs unless the subject administers access; prefer a group bound to admin in one namespace.',
    );
  if (reach.readsSecrets)
    add(
      who,
      'rbac.secrets-read',
      cluster ? 'high' : 'low',
      `${who}: ${role} can read Secrets ${where} (tokens, passwords, keys).`,
      cluster
        ? 'Grant secret reads per namespace, or use Key Vault with the CSI driver.'
        : 'Limit it to named secrets (resourceNames) if the workload needs only a few.',
    );
  return out;
}

function adminGroupInfo(b: Binding): Finding {
  const groups =
    (b.object.subjects ?? []).map((s) => `${s.kind} ${s.name}`).join(', ') || 'no subjects';
  return {
    id: 'rbac.aks-admin-group',
    severity: 'info',
    object: object(b),
    subject: groups,
    message: `AKS grants cluster-admin to the Entra admin group(s) of the cluster: ${groups}. Membership is managed in Entra ID.`,
    remediation:
      'Review who is in these groups; change them with az aks update --aad-admin-group-object-ids.',
  };
}

/** Custom ClusterRoles that feed their rules into admin, edit or view for everyone bound to those. */
function aggregatedRoleFindings(facts: RbacFacts): Finding[] {
  return facts.clusterRoles
    .filter((r) => !isBuiltInRole(r.metadata) && !isAksRole(r.metadata))
    .flatMap((r): Finding[] => {
      const into = Object.entries(r.metadata?.labels ?? {})
        .filter(([k, v]) => v === 'true' && AGGREGATE_LABEL.test(k))
        .map(([k]) => k.replace(AGGREGATE_LABEL, '$1'));
      if (into.length === 0) return [];
      const reach = reachOf(r.rules ?? []);
      const risky =
        reach.fullAdmin ||
        reach.wildcards.length > 0 ||
        reach.escalations.length > 0 ||
        reach.readsSecrets;
      return [
        {
          id: 'rbac.aggregated-role',
          severity: risky ? 'medium' : 'info',
          object: { kind: 'ClusterRole', name: r.metadata?.name ?? '' },
          message: `Its rules are added to the built-in ${into.join(', ')} role(s), so everyone bound to those gets them${risky ? ', including broad or escalating rights' : ''}.`,
          remediation: 'Check that every holder of those built-in roles should have these rules.',
        },
      ];
    });
}

/** Subjects per binding that name a person or identity directly (`kind: User`, not system). */
export function userSubjects(b: Binding): Subject[] {
  return (b.object.subjects ?? []).filter((s) => s.kind === 'User' && !isSystemSubject(s));
}
