// Types of bundle-options.mjs, for the tests that build with the same options.
import type { BuildOptions, Plugin } from 'esbuild';

/** Options for bundling the CLI; `packaging` is what `--version` will say. */
export function sharedOptions(packaging: string): BuildOptions;

/** The npm bundle's build: the CLI and, as chunks of their own, what it imports dynamically. */
export function cliBundleOptions(outdir: string): BuildOptions;

/** An ES module bundle of `entryPoints` with the CLI's settings. */
export function esmBundleOptions(entryPoints: Record<string, string>, outdir: string): BuildOptions;

/** The esbuild plugin that builds string-width's RGI_Emoji regex only when an emoji shows up. */
export const lazyEmojiRegex: Plugin;
