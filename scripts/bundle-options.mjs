// The esbuild settings both builds share: the npm bundle (scripts/bundle.mjs) and the single
// executable (scripts/package-sea.mjs).
import { readFile } from 'node:fs/promises';
import { builtinModules } from 'node:module';
import { fileURLToPath } from 'node:url';
import { buildDefines } from './build-info.mjs';

const stub = fileURLToPath(new URL('./react-devtools-stub.mjs', import.meta.url));

/**
 * Yoga's loader asks `typeof fetch` before it decodes its inline WebAssembly. In Node that first
 * look at `fetch` loads Node's whole fetch implementation (undici): about 40 ms of a cold first
 * frame, to download a data: URL the loader decodes itself anyway. Here the answer is "no fetch".
 */
const yogaWithoutFetch = {
  name: 'yoga-without-fetch',
  setup(build) {
    build.onLoad(
      { filter: /yoga-layout[\\/]dist[\\/]binaries[\\/]yoga-wasm-base64-esm\.js$/ },
      async (args) => {
        const source = await readFile(args.path, 'utf8');
        const patched = source.replaceAll('"function"!=typeof fetch', 'true');
        if (patched === source) {
          throw new Error(
            `${args.path}: Yoga's fetch test is not there any more; update ${import.meta.url}`,
          );
        }
        return { contents: patched, loader: 'js' };
      },
    );
  },
};

/**
 * string-width builds `^(?:\p{RGI_Emoji}|…)/v` when it loads: V8 expands RGI_Emoji into every
 * emoji sequence, which costs tens of milliseconds before the first frame (and as much again on
 * its first use). Every string that regex matches starts with a code point that is Emoji or
 * Emoji_Component (test/package/string-width-emoji.test.ts checks every code point), so a cheap
 * look at that first code point comes first and the big regex is built only when one shows up.
 */
export const EMOJI_PREFIX =
  'const emojiPrefixRegex = /^(?:\\p{RGI_Emoji}|\\p{Regional_Indicator}{1,2}|[\\d#*]\\u{FE0F})/v;';
export const LAZY_EMOJI_PREFIX = [
  'const emojiStartRegex = /^[\\p{Emoji}\\p{Emoji_Component}]/v;',
  'let emojiPrefixFull;',
  'const emojiPrefixExec = (text) => emojiStartRegex.test(text)',
  '  ? (emojiPrefixFull ??= new RegExp(String.raw`^(?:\\p{RGI_Emoji}|\\p{Regional_Indicator}{1,2}|[\\d#*]\\u{FE0F})`, "v")).exec(text)',
  '  : null;',
  'const emojiPrefixRegex = { exec: emojiPrefixExec, test: (text) => emojiPrefixExec(text) !== null };',
].join('\n');

export const lazyEmojiRegex = {
  name: 'string-width-lazy-emoji-regex',
  setup(build) {
    build.onLoad({ filter: /[\\/]string-width[\\/]index\.js$/ }, async (args) => {
      const source = await readFile(args.path, 'utf8');
      if (!source.includes(EMOJI_PREFIX)) {
        throw new Error(
          `${args.path}: string-width's emoji regex is not there any more; update ${import.meta.url}`,
        );
      }
      return { contents: source.replace(EMOJI_PREFIX, LAZY_EMOJI_PREFIX), loader: 'js' };
    });
  },
};

const FORM_DATA_TEST = 'typeof FormData !== "undefined" && body instanceof FormData';

/**
 * The Azure SDK's HTTP pipeline asks `body instanceof FormData` on every request. In Node the
 * first look at the `FormData` global loads Node's whole fetch implementation (undici): tens of
 * milliseconds of CPU just before the first ARM request goes out, on the latency's critical path.
 * A FormData (or a subclass) says so through its inherited `Symbol.toStringTag`; the global is
 * asked only for a body that does, so the answer is the same for every body.
 */
export const formDataOnlyForFormData = {
  name: 'form-data-only-for-form-data',
  setup(build) {
    build.onLoad(
      {
        filter:
          /@typespec[\\/]ts-http-runtime[\\/]dist[\\/](esm|commonjs)[\\/](formData|client[\\/]sendRequest)\.js$/,
      },
      async (args) => {
        const source = await readFile(args.path, 'utf8');
        if (!source.includes(FORM_DATA_TEST)) {
          throw new Error(
            `${args.path}: the SDK's FormData test is not there any more; update ${import.meta.url}`,
          );
        }
        const cheapFirst = `Object.prototype.toString.call(body) === "[object FormData]" && ${FORM_DATA_TEST}`;
        return { contents: source.replaceAll(FORM_DATA_TEST, cheapFirst), loader: 'js' };
      },
    );
  },
};

/**
 * One copy of the Azure SDK's core in the bundle. `@azure/arm-authorization` ships CommonJS only,
 * so its `require()` of the core packages picked their CommonJS builds beside the ES module builds
 * everything else imports: about 170 KB of minified code loaded twice. Its requires get the ES
 * module builds (esbuild lets `require` load them).
 */
export const oneAzureCore = {
  name: 'one-azure-core',
  setup(build) {
    build.onResolve({ filter: /^@(azure|typespec)\// }, (args) =>
      args.kind === 'require-call'
        ? build.resolve(args.path, { kind: 'import-statement', resolveDir: args.resolveDir })
        : undefined,
    );
  },
};

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
    plugins: [yogaWithoutFetch, lazyEmojiRegex, formDataOnlyForFormData, oneAzureCore],
  };
}

/**
 * The npm bundle's build: the CLI and, as chunks of their own, everything it imports dynamically.
 * Also used by the test that keeps the step screens out of the code before the first frame.
 */
export function cliBundleOptions(outdir) {
  return esmBundleOptions({ cli: 'src/cli.ts' }, outdir);
}

const BUILTIN = new Set(builtinModules.flatMap((name) => [name, `node:${name}`]));

/**
 * Node's own modules through `require`, not `import`. An `import` of a built-in builds an ES module
 * facade that reads every export once, and some exports are getters that load a lot: `http`'s
 * `WebSocket` loads Node's whole fetch stack (undici), `tls`'s `rootCertificates` parses every root
 * certificate, `crypto`'s `webcrypto` the Web Crypto API. On Node 24 `import 'node:http'` costs
 * about 100 ms of CPU on a loaded machine against 12 ms for `require('node:http')`; the program
 * never touches those exports.
 */
export const builtinsByRequire = {
  name: 'builtins-by-require',
  setup(build) {
    build.onResolve({ filter: /^[a-z_:/]+$/ }, (args) => {
      if (!BUILTIN.has(args.path)) return undefined;
      // The require() inside the wrapper below stays an external require of the built-in.
      if (args.namespace === 'builtin-by-require') return { path: args.path, external: true };
      return { path: args.path, namespace: 'builtin-by-require' };
    });
    build.onLoad({ filter: /.*/, namespace: 'builtin-by-require' }, (args) => ({
      contents: `module.exports = require(${JSON.stringify(args.path)});`,
      loader: 'js',
    }));
  },
};

/**
 * An ES module bundle of `entryPoints` with the CLI's settings (the bench bundles the bare Ink
 * hello with it, for the first frame's floor).
 */
export function esmBundleOptions(entryPoints, outdir) {
  return {
    ...sharedOptions('bundle'),
    entryPoints,
    outdir,
    splitting: true,
    format: 'esm',
    target: 'node22',
    plugins: [...sharedOptions('bundle').plugins, builtinsByRequire],
    // CommonJS packages inside an ES module bundle call require() for Node's own modules, and so
    // does every import of one (builtinsByRequire).
    banner: {
      js: "import { createRequire as __bundleRequire } from 'node:module'; const require = __bundleRequire(import.meta.url);",
    },
  };
}
