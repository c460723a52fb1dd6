import type * as RegistryModule from '../steps/registry.js';

type Registry = typeof RegistryModule;

/**
 * The step modules' import: `start` begins it (once connect's first requests are out), `loaded`
 * begins it if it has not begun and resolves to it.
 */
export function lazyRegistry(): { start: () => void; loaded: () => Promise<Registry> } {
  let loading: Promise<Registry> | undefined;
  const loaded = (): Promise<Registry> => {
    if (!loading) {
      loading = import('../steps/registry.js');
      loading.catch(() => undefined); // awaited by `loaded`'s caller
    }
    return loading;
  };
  return { start: () => void loaded(), loaded };
}
