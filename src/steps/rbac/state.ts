import type { ExcludedBinding } from '../../checks/rbac/check-bindings.js';
import type { UserNameKind } from '../../checks/rbac/subjects.js';
import type { ReplacementPlan } from './plan.js';
import type { OldBindingNow } from './old-binding.js';
import type { AzureReplacementPlan } from './azure-plan.js';
import type { DirectoryEntry } from '../../model/directory.js';

export type { ExcludedBinding };

/** One user subject the operator can pick on the rbac screen. */
export interface CandidateView {
  id: string;
  /** `ClusterRoleBinding/jordan-cluster-admin`. */
  binding: string;
  user: string;
  userKind: UserNameKind;
  /** Who the user is in Entra ID (`Jordan Reyes (user)`), when Microsoft Graph said. */
  userName?: string;
  role: string;
  adminLevel: boolean;
  /** Why it cannot be replaced by this operator (missing rights), if so. */
  unavailable?: string;
}

/** What the rbac step's own screen renders besides the generic frame, and what it works on. */
export interface RbacScreenState {
  candidates: CandidateView[];
  excluded: ExcludedBinding[];
  /** False in read-only mode: nothing can be picked or changed. */
  canAct: boolean;
  /** The candidate and group of the proposal on screen, if any. */
  proposal?: { candidate: string; group: string };
  /** The last proposal the step refused (e.g. not a GUID). */
  error?: string;
  /** Groups whose name starts with what the operator typed (Microsoft Graph), for the picker. */
  groupSearch?: GroupSearchView;
  /** The picked group is being checked in Entra ID (members, the user's membership). */
  checking?: boolean;
  /** The replacement on screen, planned from the last look. */
  plan?: ReplacementPlan;
  /** The Azure role assignment replacement on screen (a user's role given to a group). */
  azurePlan?: AzureReplacementPlan;
  /** The last replacement made, for undo. */
  last?: LastReplacement;
}

/**
 * A replacement made: whether its user was removed, how the old binding was changed (as read just
 * before: it may differ from the plan's look), and whether the group binding was adopted (it
 * existed before this replacement, so undo leaves it).
 */
export interface LastReplacement {
  plan: ReplacementPlan;
  userRemoved: boolean;
  removal?: OldBindingNow;
  groupAdopted?: boolean;
}

/** The answer to one group search: the matches, or why there are none to show. */
export interface GroupSearchView {
  prefix: string;
  groups: DirectoryEntry[];
  /** How many groups match in all (more than shown when many do). */
  total: number;
  /** Why groups cannot be searched (no Graph rights, no Azure sign-in): type the object id. */
  unavailable?: string;
}

/** Events the rbac screen sends to its step (besides its action keys). */
export type RbacEvent =
  | { type: 'propose'; candidate: string; group: string }
  | { type: 'search'; prefix: string }
  | { type: 'dismiss' };
