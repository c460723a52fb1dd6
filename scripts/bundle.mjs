// Bundles the CLI into dist/bundle/ with esbuild, so a start reads a few files instead of ~1,800
// ES modules (first frame about twice as fast, see `npm run bench`). Dynamic imports stay separate
// chunks: the Kubernetes and Azure SDKs still load after the first frame is drawn. Everything the
// program uses is inlined: the npm package needs no runtime dependencies.
import { build } from 'esbuild';
import { rm } from 'node:fs/promises';
import { sharedOptions } from './bundle-options.mjs';

const outdir = new URL('../dist/bundle', import.meta.url).pathname;
// Chunk names are content hashes: without this, old chunks pile up in the published package.
await rm(outdir, { recursive: true, force: true });

await build({
  ...sharedOptions('bundle'),
  entryPoints: { cli: 'src/cli.ts' },
  outdir,
  splitting: true,
  format: 'esm',
  target: 'node22',
  // CommonJS packages inside an ES module bundle call require() for Node's own modules.
  banner: {
    js: "import { createRequire as __bundleRequire } from 'node:module'; const require = __bundleRequire(import.meta.url);",
  },
});
