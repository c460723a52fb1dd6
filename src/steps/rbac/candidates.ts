import { userSubjects } from '../../checks/rbac/check-bindings.js';
import { platformReason } from '../../checks/rbac/platform.js';
import { rulesOfBinding } from '../../checks/rbac/resolve.js';
import { reachOf } from '../../checks/rbac/rules.js';
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

/** Every user subject of a binding that is not built-in or AKS-managed; pure. */
export function replaceCandidates(facts: RbacFacts): Candidate[] {
  return allBindings(facts)
    .filter((b) => platformReason(b) === undefined)
    .flatMap((b) =>
      userSubjects(b).map((s): Candidate => {
        const rules = rulesOfBinding(facts, b) ?? [];
        const adminLevel = b.object.roleRef.name === 'cluster-admin' || reachOf(rules).fullAdmin;
        return {
          id: `${bindingLabel(b)}#${s.name}`,
          binding: b,
          user: s.name,
          userKind: classifyUser(s.name),
          role: `${b.object.roleRef.kind} ${b.object.roleRef.name}`,
          adminLevel,
        };
      }),
    );
}
