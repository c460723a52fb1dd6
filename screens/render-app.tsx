import { render, type RenderOptions } from 'ink';
import type { SessionStore } from '../src/runbook/session.js';
import { App } from './App.js';
import { KeyBusProvider } from './KeyBusProvider.js';
import { SizeGuard } from './SizeGuard.js';
import type { AppActions } from './app-actions.js';

export type { AppActions } from './app-actions.js';
export { preloadScreens } from './lazy-shell.js';

/** Options of `renderApp`: streams and screen mode for Ink. */
export type RenderAppOptions = Pick<
  RenderOptions,
  'stdin' | 'stdout' | 'stderr' | 'alternateScreen' | 'interactive' | 'patchConsole'
>;

/** A running app: wait for it to end, or take it down. */
export interface AppHandle {
  waitUntilExit(): Promise<void>;
  unmount(): void;
}

/** Mounts the screens for `store`. Ctrl+C does not kill the app: it quits like `q` (asking when busy). */
export function renderApp(
  store: SessionStore,
  actions: AppActions,
  options: RenderAppOptions = {},
): AppHandle {
  const instance = render(
    <KeyBusProvider>
      <SizeGuard store={store} onQuit={actions.onQuit}>
        <App store={store} actions={actions} />
      </SizeGuard>
    </KeyBusProvider>,
    { ...options, exitOnCtrlC: false },
  );
  return {
    waitUntilExit: async () => {
      await instance.waitUntilExit();
    },
    unmount: () => instance.unmount(),
  };
}
