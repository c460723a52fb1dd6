// Stands in for `yoga-layout` in the single executable. The package's entry awaits the WebAssembly
// layout engine at top level, which a CommonJS bundle cannot do; this exports the same object,
// filled in once `yogaReady` resolves. Ink only reaches into it when it lays out a frame, which
// the entry (./main.mjs) starts after `yogaReady`.
import { loadYoga } from 'yoga-layout/load';

const Yoga = {};

/** Resolves once the layout engine is loaded and `Yoga` holds its API. */
export const yogaReady = loadYoga().then((loaded) => {
  Object.assign(Yoga, loaded);
});

export default Yoga;
