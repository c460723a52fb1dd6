import type { KnownWorkspace } from '../../checks/defender/defender.js';

/** What the defender screen shows beyond the generic frame: the workspace prompt. */
export interface DefenderScreenState {
  /** The operator is typing a workspace id. */
  asking: boolean;
  /** The workspace an enable would use: the one typed, else one the cluster already uses. */
  workspace?: KnownWorkspace;
  /** Why the last typed id was not accepted. */
  error?: string;
  /** The workspace the operator typed, if any (it wins over the cluster's). */
  typed?: KnownWorkspace;
  /** Why the operator may not change the cluster in Azure, if so. */
  denied?: string;
}

/** Events the defender screen sends (besides its action keys). */
export type DefenderEvent = { type: 'workspace'; id: string } | { type: 'workspace-cancel' };
