// The code an interactive start loads before its first frame (npm run bench: startup) holds
// only what that frame draws: React, Ink, the app shell and the connecting screen. The step
// screens, dialogs, help, checklist and pickers are chunks of their own, loaded after it; the
// SDKs and the schema and YAML libraries load later still. Built here with the npm bundle's own
// esbuild options, so a static import that drags a screen back in fails this test.
import { build, type Metafile } from 'esbuild';
import { beforeAll, describe, expect, it } from 'vitest';
import { cliBundleOptions } from '../../scripts/bundle-options.mjs';
import { tempDir } from '../helpers/temp-dir.js';

/**
 * The modules the start imports on its way to the first frame: the CLI, then (dynamically) the
 * TUI runner and the app's renderer (src/cli.ts, src/cli/run-tui.ts).
 */
const FIRST_FRAME_ENTRIES = ['src/cli.ts', 'src/cli/run-tui.ts', 'screens/render-app.tsx'];

/** Code that must not load before the first frame. */
const LATER = [
  /^screens\/steps\//,
  /^screens\/components\//,
  /^screens\/(OverviewScreen|ChecklistOverview|StepFrame|HelpOverlay|ConfirmationDialog|QuitPrompt|ClusterPicker|ResumeDialog|AcceptRiskForm)\.tsx$/,
  /^node_modules\/(@azure|@kubernetes|zod|yaml|ajv|undici)\//,
  // The plain interactive start parses its flags without commander (src/cli/tui-args.ts).
  /^node_modules\/commander\//,
  /^src\/cli\/(args|fleet-args|audit-args|many-args)\.ts$/,
];

let meta: Metafile;

beforeAll(async () => {
  // Nothing is written: the folder only gives the chunks their paths.
  const outdir = tempDir('first-frame-');
  const result = await build({ ...cliBundleOptions(outdir), write: false, metafile: true });
  meta = result.metafile;
}, 60_000);

/** Every input module of the chunks loaded before the first frame. */
function firstFrameInputs(): string[] {
  const chunkOf = new Map<string, string>();
  for (const [file, output] of Object.entries(meta.outputs)) {
    if (output.entryPoint) chunkOf.set(output.entryPoint, file);
  }
  const loaded = new Set<string>();
  const visit = (file: string) => {
    if (loaded.has(file)) return;
    loaded.add(file);
    for (const dependency of meta.outputs[file]!.imports) {
      if (dependency.kind === 'import-statement' && meta.outputs[dependency.path]) {
        visit(dependency.path);
      }
    }
  };
  for (const entry of FIRST_FRAME_ENTRIES) {
    const chunk = chunkOf.get(entry);
    if (!chunk) throw new Error(`${entry} is no longer a chunk of its own: update this test`);
    visit(chunk);
  }
  return [...loaded].flatMap((file) => Object.keys(meta.outputs[file]!.inputs));
}

describe('the code loaded before the first frame', () => {
  it('holds no step screen, dialog, help, checklist, picker, SDK, schema, YAML or commander code', () => {
    const inputs = firstFrameInputs();
    expect(inputs).toContain('screens/App.tsx');
    expect(inputs).toContain('screens/ConnectionScreen.tsx');
    expect(inputs.filter((input) => LATER.some((pattern) => pattern.test(input)))).toEqual([]);
  });

  it('gives each step screen a chunk of its own', () => {
    const entries = Object.values(meta.outputs).flatMap((output) => output.entryPoint ?? []);
    const stepScreens = entries.filter((entry) =>
      /^screens\/steps\/[^/]+\/\w+Screen\.tsx$/.test(entry),
    );
    expect(stepScreens.length).toBeGreaterThanOrEqual(7);
  });
});
