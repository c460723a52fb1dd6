// The shipped program never loads Node's own fetch stack (its internal undici): the Kubernetes
// client brings its own, and loading Node's costs tens of milliseconds of CPU. Two things used to
// pull it in, each just before the first request: an `import` of `node:http` (its ES module facade
// reads the lazy `WebSocket` export) and the Azure SDK's `body instanceof FormData` on every request
// (the first look at the `FormData` global). scripts/bundle-options.mjs keeps both away; a new
// dependency that touches `fetch`, `FormData` or `Headers` shows up here.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runBin } from '../helpers/cli-process.js';
import { tempDir } from '../helpers/temp-dir.js';

/** A preload that writes, as the process exits, the internal modules Node loaded. */
function loadListRecorder(): { preload: string; report: string } {
  const dir = tempDir('load-list-');
  const report = join(dir, 'loaded.json');
  const preload = join(dir, 'record.mjs');
  writeFileSync(
    preload,
    `import { writeFileSync } from 'node:fs';\n` +
      `process.on('exit', () => writeFileSync(${JSON.stringify(report)}, JSON.stringify(process.moduleLoadList)));\n`,
  );
  return { preload, report };
}

describe("the shipped program and Node's fetch", () => {
  it('audits the simulated cluster without loading it', async () => {
    const { preload, report } = loadListRecorder();
    const ran = await runBin(
      ['audit', '--demo', '--output', 'json'],
      { NODE_OPTIONS: `--import=${preload}` },
      { timeoutMs: 60_000 },
    );
    expect(ran.stderr).toBe('');
    const loaded = JSON.parse(readFileSync(report, 'utf8')) as string[];
    // The audit did reach Azure and Kubernetes (so both SDKs sent requests).
    expect(JSON.parse(ran.stdout)).toMatchObject({ cluster: { name: 'aks-shop-prod' } });
    expect(loaded.filter((m) => m.includes('deps/undici'))).toEqual([]);
  }, 90_000);
});
