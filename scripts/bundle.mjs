// Bundles the CLI into dist/bundle/ with esbuild, so a start reads a few files instead of ~1,800
// ES modules (first frame about twice as fast, see `npm run bench`). Dynamic imports stay separate
// chunks: the Kubernetes and Azure SDKs still load after the first frame is drawn.
import { build } from 'esbuild';

const stub = new URL('./react-devtools-stub.mjs', import.meta.url).pathname;

await build({
  entryPoints: { cli: 'src/cli.ts' },
  outdir: 'dist/bundle',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node22',
  jsx: 'automatic',
  // The shipped program runs React and Ink in production mode.
  define: { 'process.env.NODE_ENV': '"production"' },
  // Ink imports the React devtools only when DEV=true; bundled, it must still resolve.
  alias: { 'react-devtools-core': stub },
  // CommonJS packages inside an ES module bundle call require() for Node's own modules.
  banner: {
    js: "import { createRequire as __bundleRequire } from 'node:module'; const require = __bundleRequire(import.meta.url);",
  },
  // Smaller files parse faster: about a third off the code read before the first frame.
  minify: true,
  logLevel: 'warning',
});
