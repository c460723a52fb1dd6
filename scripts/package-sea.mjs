// `npm run package`: aks-runbook as one executable file, dist/sea/aks-runbook, using Node's single
// executable applications: the project's pinned Node (the `node` package) with the CLI, bundled to
// one CommonJS script, injected by postject. Node 24 runs only a CommonJS script from the blob, so
// this bundle differs from the npm one in two places (see ./sea/): the layout engine is awaited by
// the entry instead of at top level, and Ink's DEV-only devtools block (also a top-level await) is
// compiled out.
import { build } from 'esbuild';
import { execFileSync } from 'node:child_process';
import {
  chmodSync,
  copyFileSync,
  mkdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sharedOptions } from './bundle-options.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const out = join(root, 'dist/sea');
const require = createRequire(import.meta.url);
// Node's fuse marking "a blob is injected"; fixed by Node, see its single-executable documentation.
const FUSE = 'NODE_SEA_FUSE_fce680ab2cc467b6e072b8b5df1996b2';

if (process.platform !== 'linux') {
  console.error(`npm run package builds the Linux executable; this is ${process.platform}`);
  process.exit(1);
}

const started = Date.now();
rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });

// 1. One CommonJS script.
const INK_DEV = "process.env['DEV'] === 'true'";
const seaShims = {
  name: 'sea-shims',
  setup(b) {
    b.onResolve({ filter: /^yoga-layout$/ }, () => ({
      path: fileURLToPath(new URL('./sea/yoga-deferred.mjs', import.meta.url)),
    }));
    b.onLoad({ filter: /[\\/]ink[\\/]build[\\/]reconciler\.js$/ }, (args) => {
      const source = readFileSync(args.path, 'utf8');
      if (!source.includes(INK_DEV)) {
        return { errors: [{ text: `Ink changed: "${INK_DEV}" is no longer in ${args.path}` }] };
      }
      return { contents: source.replaceAll(INK_DEV, 'false'), loader: 'js' };
    });
  },
};
const shared = sharedOptions('single executable');
await build({
  ...shared,
  entryPoints: [fileURLToPath(new URL('./sea/main.mjs', import.meta.url))],
  outfile: join(out, 'main.cjs'),
  format: 'cjs',
  target: 'node24',
  // CommonJS has no import.meta. Its readers here: our version fallback (the baked build info
  // answers first), the layout engine's script folder (unused: its WebAssembly is inline) and
  // Ink's DEV-only package.json read (compiled out above).
  define: { ...shared.define, 'import.meta.url': 'undefined' },
  plugins: [seaShims],
});

// 2. The blob, made by the very Node binary it is injected into.
const manifest = require.resolve('node/package.json');
const node = join(dirname(manifest), 'bin', 'node');
const { version } = JSON.parse(readFileSync(manifest, 'utf8'));
const config = join(out, 'sea-config.json');
writeFileSync(
  config,
  JSON.stringify({
    main: join(out, 'main.cjs'),
    output: join(out, 'sea-prep.blob'),
    disableExperimentalSEAWarning: true,
    // V8's compiled code goes into the blob: a start skips compiling the 5 MB script.
    useCodeCache: true,
  }),
);
execFileSync(node, ['--experimental-sea-config', config], { stdio: 'pipe' });

// 3. A copy of that Node without its symbol table (about 18 MB of 127), the blob injected.
const exe = join(out, 'aks-runbook');
try {
  execFileSync('strip', ['-o', exe, node], { stdio: 'ignore' });
} catch {
  copyFileSync(node, exe); // no binutils here: keep the symbols
}
try {
  execFileSync(
    process.execPath,
    [
      require.resolve('postject/dist/cli.js'),
      exe,
      'NODE_SEA_BLOB',
      join(out, 'sea-prep.blob'),
      '--sentinel-fuse',
      FUSE,
    ],
    { stdio: 'pipe' },
  );
} catch (error) {
  // postject's ELF library warns about note sections on every run; show its output only on failure.
  console.error(String(error.stderr ?? ''), String(error.stdout ?? ''));
  throw error;
}
chmodSync(exe, 0o755);

const mb = (file) => (statSync(file).size / 1e6).toFixed(1);
console.log(
  `${exe}: ${mb(exe)} MB (Node ${version} ${process.platform}-${process.arch}, ` +
    `script ${mb(join(out, 'main.cjs'))} MB), built in ${((Date.now() - started) / 1000).toFixed(1)} s`,
);
