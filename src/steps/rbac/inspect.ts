import type { RbacReview } from '../../checks/rbac/check-bindings.js';
import type { ClusterContext, RbacFacts } from '../../checks/rbac/types.js';
import { describeKubeError } from '../../kube/errors.js';
import { namespacesOf, rbacObjectsOf, serviceAccountsOf } from '../../kube/shared-reads.js';
import type { Connection } from '../../model/connection.js';
import type { InspectContext, Inspection } from '../contract/module.js';
import { replaceCandidates, type Candidate } from './candidates.js';
import { confirmWithServer } from './confirm.js';
import { checkRbacInSlices } from './sliced-check.js';
import { plural } from '../../model/plural.js';
import type { DirectoryLookup } from '../../model/directory.js';
import { entraIdentities, identityLines, lookUp, withNames } from './names.js';
import { lookAtAzureAssignments } from './azure-look.js';
import type { AzureRbacFacts } from '../../model/azure-rbac.js';
import { entraModeOf } from '../../checks/access/entra-mode.js';

/** What the rbac step saw: the RBAC objects, the review, and the users that could become groups. */
export interface RbacStepFacts {
  rbac: RbacFacts;
  review: RbacReview;
  candidates: Candidate[];
  /** Entra names of the ids and UPNs the bindings and admin groups name (Microsoft Graph). */
  names: DirectoryLookup;
  /** The Azure role assignments reaching the cluster, when ARM could be read. */
  azure?: AzureRbacFacts;
}

/** The cluster facts AKS's own bindings are recognised by: version, and the admin groups (ARM). */
export function clusterContext(connection: Connection): ClusterContext {
  const { summary, arm } = connection;
  const aad = arm?.facts.cluster.aadProfile;
  return {
    kubernetesVersion: summary.kubernetesVersion ?? summary.serverVersion,
    ...(arm
      ? {
          adminGroupObjectIDs:
            entraModeOf(aad) === 'managed' ? (aad?.adminGroupObjectIDs ?? []) : [],
        }
      : {}),
  };
}

/**
 * Each namespace's Pod Security enforce label (the shared namespace list), or undefined when the
 * list failed or was refused: then no namespace counts as enforcing.
 */
async function podSecurityEnforceOf(
  connection: Connection,
): Promise<Record<string, string> | undefined> {
  try {
    const out: Record<string, string> = {};
    for (const ns of await namespacesOf(connection)) {
      const level = ns.metadata?.labels?.['pod-security.kubernetes.io/enforce'];
      if (ns.metadata?.name && level !== undefined) out[ns.metadata.name] = level;
    }
    return out;
  } catch {
    return undefined;
  }
}

/**
 * Reads bindings, roles and ServiceAccounts (paged), runs the rbac checks, then has the API
 * server confirm the high and medium findings (SubjectAccessReview, bounded). Never changes
 * anything.
 */
export async function inspectRbac(ctx: InspectContext): Promise<Inspection<RbacStepFacts>> {
  const { kc, kubeServer } = ctx.connection;
  // Shared with the deprecated-API look, which lists the same four kinds.
  const objects = rbacObjectsOf(ctx.connection).catch((error: unknown) => {
    throw describeKubeError(error, kubeServer, 'list RBAC bindings and roles');
  });
  // Whoever creates pods in a namespace may run them as any of its ServiceAccounts.
  const accounts = serviceAccountsOf(ctx.connection).catch((error: unknown) => {
    throw describeKubeError(error, kubeServer, 'list ServiceAccounts');
  });
  accounts.catch(() => undefined); // awaited below, unless the first read failed first
  const enforce = podSecurityEnforceOf(ctx.connection);
  const read = await objects;
  const serviceAccounts = await accounts;
  const podSecurityEnforce = await enforce;
  const rbac: RbacFacts = {
    ...read,
    forbidden: serviceAccounts ? read.forbidden : [...read.forbidden, 'serviceaccounts'],
    ...(serviceAccounts ? { serviceAccounts } : {}),
    cluster: clusterContext(ctx.connection),
    ...(podSecurityEnforce ? { podSecurityEnforce } : {}),
  };
  // The Azure assignments and the directory names need only the objects as read, not the
  // review: looked up while the checks run and the API server confirms.
  const naming = lookAtAzureAssignments(ctx.connection).then(async (azure) => {
    const who = entraIdentities(rbac, azure.facts);
    return { azure, who, names: await lookUp(ctx.connection.directory, who) };
  });
  naming.catch(() => undefined); // awaited below, unless the checks were stopped first
  // In slices: other steps' reads go on meanwhile (see `checkRbacInSlices`).
  const review = await checkRbacInSlices(rbac, ctx.signal);
  const confirmed = await confirmWithServer(kc, review);
  const candidates = replaceCandidates(rbac);
  const { azure, who, names } = await naming;
  const findings = withNames([...confirmed.findings, ...azure.findings], names);
  const checked =
    rbac.clusterRoleBindings.length + rbac.roleBindings.length - review.excluded.length;
  const summary = [
    `${plural(rbac.clusterRoleBindings.length, 'ClusterRoleBinding')} and ${plural(rbac.roleBindings.length, 'RoleBinding')}; ${checked} checked, ${review.excluded.length} left out (Kubernetes system identities, or AKS's own bindings matched by name, role and subjects).`,
    candidates.length > 0
      ? `${plural(candidates.length, 'user')} bound directly can be replaced with an Entra group.`
      : 'No user is bound directly.',
    ...(confirmed.summary ? [confirmed.summary] : []),
    ...azure.summary,
    ...identityLines(who, names),
  ];
  return {
    facts: {
      rbac,
      review: { ...review, findings },
      candidates,
      names,
      ...(azure.facts ? { azure: azure.facts } : {}),
    },
    findings,
    summary,
  };
}
