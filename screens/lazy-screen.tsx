import {
  createElement,
  useContext,
  useLayoutEffect,
  useRef,
  useState,
  type ComponentType,
} from 'react';
import { KeyBusContext } from './key-context.js';

/** A screen whose code loads on first use (its own bundle chunk), and how to load it ahead. */
export interface LazyScreen<P extends object> {
  /** Draws the screen; the first time, once its code is there (see `lazyScreen`). */
  Screen: ComponentType<P>;
  /** Loads the code now (the app does it right after the first frame); safe to call again. */
  preload(): Promise<void>;
}

/**
 * A screen kept out of the code that draws the first frame. The app preloads it after that
 * frame, so it is normally there before anyone can open it. If it is opened sooner, nothing is
 * drawn in its place until the code is in (a frame or two: no "loading" text that would flash),
 * and keys typed meanwhile are held by the key bus and then go to this screen, in order.
 * A chunk that fails to load is a broken install: the error ends the app like a crash.
 */
export function lazyScreen<P extends object>(load: () => Promise<ComponentType<P>>): LazyScreen<P> {
  let loaded: ComponentType<P> | undefined;
  let failed: { error: unknown } | undefined;
  let loading: Promise<void> | undefined;
  const preload = () =>
    (loading ??= load().then(
      (component) => {
        loaded = component;
      },
      (error: unknown) => {
        failed = { error };
      },
    ));

  function Screen(props: P) {
    const bus = useContext(KeyBusContext);
    const [arrived, setArrived] = useState(0);
    const held = useRef<() => void>(undefined);
    if (failed) throw failed.error;
    useLayoutEffect(() => {
      if (loaded) return undefined;
      // Before any key after the one that opened this screen is handed out.
      held.current = bus?.hold();
      let live = true;
      void preload().then(() => live && setArrived((n) => n + 1));
      return () => {
        live = false;
        held.current?.();
      };
    }, [bus]);
    // Once the screen's own keys joined the bus (children's layout effects run first).
    useLayoutEffect(() => {
      if (loaded) held.current?.();
    }, [arrived]);
    return loaded ? createElement(loaded, props) : null;
  }
  return { Screen, preload };
}
