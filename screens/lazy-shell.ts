import stringWidth from 'string-width';
import { lazyScreen } from './lazy-screen.js';
import { preloadStepScreens } from './step-screens.js';

// The app's screens and dialogs that the first frame (connecting) does not show: each loads on
// first use, and all of them right after the first frame (see `preloadScreens`).

/** The checklist, once connected. */
export const Overview = lazyScreen(
  async () => (await import('./OverviewScreen.js')).OverviewScreen,
);
/** The cluster picker (a subscription named, no cluster). */
export const Picker = lazyScreen(async () => (await import('./ClusterPicker.js')).ClusterPicker);
/** The generic step frame, for steps without a screen of their own. */
export const Frame = lazyScreen(async () => (await import('./StepFrame.js')).StepFrame);
/** The confirmation dialog of a change. */
export const Confirmation = lazyScreen(
  async () => (await import('./ConfirmationDialog.js')).ConfirmationDialog,
);
/** The `?` help. */
export const Help = lazyScreen(async () => (await import('./HelpOverlay.js')).HelpOverlay);
/** The question before quitting with work left behind. */
export const Quit = lazyScreen(async () => (await import('./QuitPrompt.js')).QuitPrompt);

/**
 * Loads the code of every screen the first frame did not need, one after the other (the
 * connection's own loading runs at the same time): by the time a key can open one, it is there.
 */
export async function preloadScreens(): Promise<void> {
  for (const lazy of [Overview, Quit, Help, Confirmation, Frame, Picker]) await lazy.preload();
  await preloadStepScreens();
  // The bundle builds string-width's emoji pattern on the first emoji it measures (tens of ms):
  // built here, while the connection is still being made, not on the first ✔ drawn after it.
  stringWidth('\u{1F642}');
}
