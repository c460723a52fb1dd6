import { createContext, type RefObject } from 'react';
import type { KeyBus } from './key-bus.js';

/** The app's key bus; screens rendered outside a `KeyBusProvider` get no keys. */
export const KeyBusContext = createContext<KeyBus | undefined>(undefined);

/**
 * True while the screens below are hidden (a too-small window): none of their keys may act.
 * A ref, read when a key arrives, so no handler can act on a stale "not suspended".
 */
export const InputSuspended = createContext<RefObject<boolean>>({ current: false });
