import { adminEquivalent } from '../../checks/rbac/admin-equivalent.js';
import { userSubjects } from '../../checks/rbac/check-bindings.js';
import { RbacEvaluator } from '../../checks/rbac/evaluator.js';
import { aksManaged } from '../../checks/rbac/managed.js';
import { classifyUser, type UserNameKind } from '../../checks/rbac/subjects.js';
import {
  allBindings,
  bindingLabel,
  type Binding,
  type RbacFacts,
} from '../../checks/rbac/types.js';

/** A user bound directly that the operator may replace with an Entra group. */
export interface Candidate {
  /** Stable key: `<binding label>#<user>`. */
  id: string;
  binding: Binding;
  user: string;
  userKind: UserNameKind;
  /** `ClusterRole cluster-admin`, for display. */
  role: string;
  /** Cluster-admin or equivalent: the confirmation asks for the cluster name to be typed. */
  adminLevel: boolean;
}

/** Every user subject of a binding that is not AKS-managed; pure. */
export function replaceCandidates(facts: RbacFacts): Candidate[] {
  const evaluator = new RbacEvaluator(facts);
  return allBindings(facts)
    .filter((b) => aksManaged(b, facts.cluster) === undefined)
    .flatMap((b) =>
      userSubjects(b).map((s): Candidate => {
        return {
          id: `${bindingLabel(b)}#${s.name}`,
          binding: b,
          user: s.name,
          userKind: classifyUser(s.name),
          role: `${b.object.roleRef.kind} ${b.object.roleRef.name}`,
          adminLevel: adminEquivalent(evaluator, { user: s.name, groups: [] }, b),
        };
      }),
    );
}
