import type { ExcludedBinding } from '../../checks/rbac/check-bindings.js';

export type { ExcludedBinding };
import type { UserNameKind } from '../../checks/rbac/subjects.js';

/** One user subject the operator can pick on the rbac screen. */
export interface CandidateView {
  id: string;
  /** `ClusterRoleBinding/jordan-cluster-admin`. */
  binding: string;
  user: string;
  userKind: UserNameKind;
  role: string;
  adminLevel: boolean;
  /** Why it cannot be replaced by this operator (missing rights), if so. */
  unavailable?: string;
}

/** What the rbac step's own screen renders besides the generic frame. */
export interface RbacScreenState {
  candidates: CandidateView[];
  excluded: ExcludedBinding[];
  /** False in read-only mode: nothing can be picked or changed. */
  canAct: boolean;
  /** The candidate and group of the proposal on screen, if any. */
  proposal?: { candidate: string; group: string };
  /** The last proposal the controller refused (e.g. not a GUID). */
  error?: string;
}

/** Events the rbac screen sends to its controller (besides `{type: 'action', key}`). */
export type RbacEvent = { type: 'propose'; candidate: string; group: string } | { type: 'dismiss' };
