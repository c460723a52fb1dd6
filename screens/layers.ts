import type { SessionState } from '../src/runbook/session.js';
import type { StepId } from '../src/model/checklist.js';

/** The screen under any overlay. */
export type BaseLayer = 'connecting' | 'failed' | 'overview' | 'step';
/** Whatever gets the keys: an overlay, or the base screen. */
export type TopLayer = BaseLayer | 'help' | 'confirm' | 'quit';

/** The base screen for this state and the opened step, if any. */
export function baseLayer(state: SessionState, openStep: StepId | undefined): BaseLayer {
  if (state.connection.phase === 'connecting') return 'connecting';
  if (state.connection.phase === 'failed') return 'failed';
  return openStep ? 'step' : 'overview';
}

/**
 * The layer that handles keys. The quit question is on top (the operator just asked for it), then a
 * pending confirmation (logic is waiting), then help, then the base screen.
 */
export function topLayer(
  base: BaseLayer,
  overlays: { quitAsked: boolean; confirming: boolean; helpOpen: boolean },
): TopLayer {
  if (overlays.quitAsked) return 'quit';
  if (overlays.confirming) return 'confirm';
  if (overlays.helpOpen) return 'help';
  return base;
}
