import type { SessionState } from '../src/runbook/session.js';
import type { StepId } from '../src/runbook/checklist.js';
import {
  HELP_KEYS,
  OVERVIEW_KEYS,
  PROMPT_KEYS,
  STATUS_KEYS,
  STEP_COMMON_KEYS,
  STEP_KEYS,
  type KeyBinding,
} from './keymap.js';
import { STEP_SCREEN_KEYS } from './step-keys.js';

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

/** The keys of a base screen, for its help overlay and footer. */
export function baseKeys(
  base: BaseLayer,
  promptOpen: boolean,
  step?: StepId,
): readonly KeyBinding[] {
  if (base === 'overview') return promptOpen ? PROMPT_KEYS : OVERVIEW_KEYS;
  if (base === 'step') {
    const own = step ? STEP_SCREEN_KEYS[step] : undefined;
    return own ? [...own, ...STEP_COMMON_KEYS] : STEP_KEYS;
  }
  return STATUS_KEYS;
}

/** The footer keys for the top layer; dialogs print their own keys, so none there. */
export function footerKeys(
  top: TopLayer,
  base: BaseLayer,
  promptOpen: boolean,
): readonly KeyBinding[] {
  if (top === 'help') return HELP_KEYS;
  if (top === 'confirm' || top === 'quit') return [];
  return baseKeys(base, promptOpen);
}

/** How a base screen is named in the help overlay. */
export const SCREEN_NAMES: Record<BaseLayer, string> = {
  connecting: 'connecting',
  failed: 'connection failed',
  overview: 'checklist',
  step: 'step',
};
