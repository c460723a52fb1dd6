// The esbuild settings both builds share: the npm bundle (scripts/bundle.mjs) and the single
// executable (scripts/package-sea.mjs).
import { fileURLToPath } from 'node:url';
import { buildDefines } from './build-info.mjs';

const stub = fileURLToPath(new URL('./react-devtools-stub.mjs', import.meta.url));

/** Options for bundling the CLI; `packaging` is what `--version` will say. */
export function sharedOptions(packaging) {
  return {
    bundle: true,
    platform: 'node',
    jsx: 'automatic',
    // The shipped program runs React and Ink in production mode.
    define: { 'process.env.NODE_ENV': '"production"', ...buildDefines(packaging) },
    // Ink imports the React devtools only when DEV=true; bundled, it must still resolve.
    alias: { 'react-devtools-core': stub },
    // Smaller files parse faster: about a third off the code read before the first frame.
    minify: true,
    logLevel: 'warning',
  };
}
