// The app before its screens' code is in (nothing preloaded, as in the first moments of the
// program): keys typed at once wait for each screen they open, and each reaches its screen.
import { describe, expect, it, vi } from 'vitest';
import { App } from '../../screens/App.js';
import { ENTER, renderInk } from '../helpers/ink.js';
import { connectedStore } from './fixtures.js';

describe('the app while its screens load', () => {
  it('keys typed in one read through three loading screens each reach the screen they are for', async () => {
    const store = connectedStore();
    const actions = { onQuit: vi.fn(), onOpenStep: vi.fn() };
    const ui = await renderInk(<App store={store} actions={actions} />, undefined, {
      preload: false,
    });
    // ":imds" Enter jumps from the checklist (loading) to the imds step (loading); "?" must then
    // open that step's help (loading too), not the checklist's, and be lost nowhere.
    const frame = await ui.burst(`:imds${ENTER}?`, 'Keys: imds: namespaces');
    expect(frame).not.toContain('Keys: checklist');
    expect(actions.onOpenStep).toHaveBeenCalledWith('imds');
    expect(actions.onQuit).not.toHaveBeenCalled();
  });
});
