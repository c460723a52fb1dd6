import { useSyncExternalStore } from 'react';
import type { SessionState, SessionStore } from '../src/runbook/session.js';

/** The session state, re-rendering whenever the logic writes to the store. */
export function useSession(store: SessionStore): SessionState {
  return useSyncExternalStore(store.subscribe, store.getState, store.getState);
}
