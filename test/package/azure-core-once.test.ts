// The npm bundle holds one copy of the Azure SDK's core: `@azure/arm-authorization` (CommonJS
// only) once pulled in the CommonJS builds of the core packages beside the ES module builds the
// rest imports, about 170 KB of code loaded twice (scripts/bundle-options.mjs, oneAzureCore).
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { cliBundleOptions } from '../../scripts/bundle-options.mjs';
import { tempDir } from '../helpers/temp-dir.js';

describe('the npm bundle', () => {
  it("holds the Azure SDK's core once, as ES modules", async () => {
    const { metafile } = await build({
      ...cliBundleOptions(tempDir('azure-core-once-')),
      write: false,
      metafile: true,
    });
    const azure = Object.keys(metafile.inputs).filter((f) => /@(azure|typespec)\//.test(f));
    // The packages' own bridge files, which hold state shared between their two builds, stay.
    const commonJs = azure.filter((f) => /\/dist\/commonjs\//.test(f) && !/state-cjs\.js$/.test(f));
    expect(azure.some((f) => f.includes('@azure/arm-authorization/'))).toBe(true);
    expect(commonJs).toEqual([]);
  }, 90_000);
});
