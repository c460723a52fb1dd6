import { randomUUID } from 'node:crypto';
import {
  adminCredentialAction,
  grants,
  aksRole,
  scopeWords,
} from '../../checks/rbac/azure-assignments.js';
import { roleGuid, type AzureAssignment, type AzureRbacFacts } from '../../model/azure-rbac.js';
import type { ConfirmationRequest } from '../../model/session.js';
import type { Candidate } from './candidates.js';
import { groupLabel, type GroupCheck } from './group-check.js';

/** The id prefix of a candidate that is an Azure role assignment, not a binding subject. */
export const AZURE_CANDIDATE = 'azure:';

/** A user holding an AKS Azure role directly, which the operator may give to a group instead. */
export interface AzureCandidate {
  id: string;
  assignment: AzureAssignment;
  roleName: string;
  where: string;
  /** Cluster-admin-level data access or the admin credential: confirmations are typed. */
  adminLevel: boolean;
  /** Why it cannot be replaced here (assigned at a management group), if so. */
  unavailable?: string;
}

/** The users with AKS roles directly, as candidates for a group; pure. */
export function azureCandidates(facts: AzureRbacFacts | undefined): AzureCandidate[] {
  if (!facts) return [];
  return facts.assignments.flatMap((a) => {
    const role = facts.definitions[roleGuid(a.roleDefinitionId)];
    if (!role || !aksRole(role) || a.principalType !== 'User') return [];
    const mg = a.scope.toLowerCase().includes('/managementgroups/');
    return [
      {
        id: `${AZURE_CANDIDATE}${a.id}`,
        assignment: a,
        roleName: role.roleName,
        where: scopeWords(a, facts.clusterId),
        adminLevel:
          grants(
            role,
            'Microsoft.ContainerService/managedClusters/everything/everything/action',
            'data',
          ) || adminCredentialAction(role) !== undefined,
        ...(mg
          ? { unavailable: `assigned at a management group (${a.scope}): change it there` }
          : {}),
      },
    ];
  });
}

/** Giving a user's Azure role to a group: assign the group at the same scope, then remove the user's. */
export interface AzureReplacementPlan {
  candidate: AzureCandidate;
  group: string;
  check: GroupCheck;
  /** The new assignment's name (a GUID, as ARM wants). */
  newName: string;
  /**
   * The group's own assignment of the role at the same scope, when the look found one (an earlier
   * replacement whose removal was declined): ARM keeps one per principal, role and scope and
   * refuses another (RoleAssignmentExists), so nothing is created and only the user's is removed.
   */
  groupHas?: AzureAssignment;
}

/** The group's assignment of `c`'s role at `c`'s very scope, if the look found one; pure. */
export function groupAssignment(
  facts: AzureRbacFacts | undefined,
  c: AzureCandidate,
  group: string,
): AzureAssignment | undefined {
  const { scope, roleDefinitionId } = c.assignment;
  return facts?.assignments.find(
    (a) =>
      a.principalId.toLowerCase() === group.toLowerCase() &&
      a.scope.toLowerCase() === scope.toLowerCase() &&
      roleGuid(a.roleDefinitionId) === roleGuid(roleDefinitionId),
  );
}

/** The same shape the binding candidates have, for the group check and the screen. */
export function asCandidate(c: AzureCandidate, user: string): Candidate {
  return {
    id: c.id,
    binding: {
      kind: 'ClusterRoleBinding',
      name: c.id,
      object: { roleRef: { apiGroup: '', kind: 'ClusterRole', name: c.roleName } },
    },
    user,
    userKind: 'object-id',
    role: `Azure role "${c.roleName}"`,
    adminLevel: c.adminLevel,
  };
}

/** What the plan does, as lines for the operator. */
export function describeAzurePlan(p: AzureReplacementPlan): string[] {
  const { candidate: c } = p;
  return [
    `Give Azure role "${c.roleName}" ${c.where} to Entra group ${groupLabel(p.group, p.check)} instead of user ${c.assignment.principalId}.`,
    ...p.check.warnings.map((w) => `⚠ ${w}`),
    ...(p.groupHas
      ? [
          `1. The group already holds it at ${c.assignment.scope} (assignment ${lastPart(p.groupHas.id)}): nothing to create; it is read back first.`,
          `2. Delete the user's assignment ${lastPart(c.assignment.id)} (confirmed).`,
        ]
      : [
          `1. Create role assignment ${p.newName} at ${c.assignment.scope} for the group, then read it back.`,
          `2. Delete the user's assignment ${lastPart(c.assignment.id)} (asked on its own).`,
        ]),
    'Each change is confirmed and journaled; Azure may take a few minutes to apply role changes.',
  ];
}

function lastPart(id: string): string {
  return id.split('/').pop() ?? '';
}

/** The question before each of the two changes. */
export function question(
  cluster: string,
  p: AzureReplacementPlan,
  stage: 'create' | 'remove',
): ConfirmationRequest {
  const { candidate: c } = p;
  const group = groupLabel(p.group, p.check);
  const typed =
    c.adminLevel || (stage === 'remove' && p.check.userLosesAccess) ? { typed: cluster } : {};
  return stage === 'create'
    ? {
        cluster,
        change: `Assign Azure role "${c.roleName}" to Entra group ${group} at ${c.assignment.scope}`,
        details: [
          `It replaces user ${c.assignment.principalId}'s assignment ${c.where}; the user's is removed in a second step.`,
        ],
        ...typed,
      }
    : {
        cluster,
        change: `Delete user ${c.assignment.principalId}'s assignment of "${c.roleName}" ${c.where}`,
        details: [
          `Group ${group} ${p.groupHas ? 'already holds' : 'now holds'} the role at the same scope.`,
          ...(p.check.userInGroup === true
            ? ['The user is a member of that group: they keep the role through it.']
            : p.check.warnings),
        ],
        ...typed,
      };
}

/** A fresh assignment name. */
export function newAssignmentName(): string {
  return randomUUID();
}
