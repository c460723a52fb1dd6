import { useContext, useId, useLayoutEffect, useRef } from 'react';
import type { Layer, LayerSpec } from './key-bus.js';
import { InputSuspended, KeyBusContext } from './key-context.js';

/**
 * A screen layer's keys, declared once as a key table (`spec.table`): the bus hands keys to the
 * layer through it, and the footer and the `?` help are drawn from it. Only the topmost layer
 * passes `active`, so a key is handled once. The layer joins the bus as it renders (a layout
 * effect), so a key typed right after a screen change reaches the new screen.
 */
export function useKeys(spec: LayerSpec, active: boolean): void {
  const bus = useContext(KeyBusContext);
  const suspended = useContext(InputSuspended);
  const id = useId();
  const latest = useRef(spec);
  // Suspension drops keys instead of deactivating the layer, so the layer keeps its place.
  const layer = useRef<Layer>({
    spec: () => latest.current,
    suspended: () => suspended.current,
  });
  useLayoutEffect(() => {
    latest.current = spec;
    if (active) bus?.published();
  });
  useLayoutEffect(
    () => (bus && active ? bus.add(id, layer.current) : undefined),
    [bus, id, active],
  );
}
