import type { KnownWorkspace } from '../../checks/defender/defender.js';

/** What the defender screen shows beyond the generic frame: the workspace prompt. */
export interface DefenderScreenState {
  /** The operator is typing a workspace id. */
  asking: boolean;
  /** The workspace an enable would use. */
  workspace?: KnownWorkspace;
  /** Why the last typed id was not accepted. */
  error?: string;
}

/** Events the defender screen sends (besides its action keys). */
export type DefenderEvent = { type: 'workspace'; id: string } | { type: 'workspace-cancel' };
