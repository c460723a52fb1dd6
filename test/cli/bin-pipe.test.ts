// A report piped to a slower reader (`| jq`, `| less`) arrives whole: the program exits only once
// its output has left, not with the rest still queued in the process (it was cut at the pipe's
// 64 KiB).
import { execFile } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BIN, compileCache, isolatedHome } from '../helpers/cli-process.js';
import { tempDir } from '../helpers/temp-dir.js';
import { minimalDescriptor } from '../helpers/scenario-descriptor.js';

const DESCRIPTOR = minimalDescriptor('piped');

/** A scenario whose JSON report is several times a pipe's buffer: 300 bare pods with findings. */
function bigScenario(): string {
  const dir = tempDir('pipe-scenario-');
  writeFileSync(join(dir, 'aks.yaml'), DESCRIPTOR);
  const pods = Array.from(
    { length: 300 },
    (_, i) =>
      `apiVersion: v1\nkind: Pod\nmetadata:\n  name: bare-${i}\n  namespace: big\nspec:\n  containers:\n    - name: c\n      image: nginx\n`,
  );
  const namespace = 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: big\n';
  writeFileSync(join(dir, 'objects.yaml'), [namespace, ...pods].join('---\n'));
  return dir;
}

describe('aks-runbook audit into a pipe', () => {
  it('writes the whole report before it exits, though the reader starts late', async () => {
    const scenario = bigScenario();
    // The reader starts a second late, so the program is done writing before anything is read.
    const line = `"${process.execPath}" "${BIN}" audit --demo --scenario "${scenario}" --output json | (sleep 1; cat)`;
    const stdout = await new Promise<string>((resolve, reject) =>
      execFile(
        'sh',
        ['-c', line],
        {
          env: {
            PATH: process.env['PATH'],
            HOME: isolatedHome(),
            AKS_RUNBOOK_NO_AZURE_SIGNIN: '1',
            ...compileCache(),
          },
          maxBuffer: 64 * 1024 * 1024,
          timeout: 60_000,
        },
        (error, out) => (error ? reject(new Error(error.message)) : resolve(out)),
      ),
    );
    expect(stdout.length).toBeGreaterThan(256 * 1024);
    const report = JSON.parse(stdout) as { findings?: unknown[] };
    expect(JSON.stringify(report)).toContain('bare-299');
  }, 90_000);
});
