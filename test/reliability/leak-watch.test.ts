// The guards every test file runs under (test/setup/per-file.ts) see what they are meant to see.
import { open } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Journal } from '../../src/runbook/journal.js';
import { noteWarning, takeGcWarnings, unclosedHandles } from '../helpers/leak-watch.js';
import { tempDir } from '../helpers/temp-dir.js';

const mode = { readOnly: false, dryRun: false, demo: true };

describe('leak guards', () => {
  it('see a file handle until it is closed', async () => {
    const handle = await open(join(tempDir('leak-'), 'f'), 'w');
    expect(unclosedHandles().some((s) => s.includes('leak-watch.test.ts'))).toBe(true);
    await handle.close();
    expect(unclosedHandles()).toEqual([]);
  });

  it("see the journal's handle until the journal is closed", async () => {
    const journal = await Journal.open({
      cluster: 'aks-leak',
      mode,
      env: {},
      dir: tempDir('leak-'),
    });
    expect(unclosedHandles().some((s) => s.includes('journal.ts'))).toBe(true);
    await journal.close();
    expect(unclosedHandles()).toEqual([]);
  });

  it("catch Node's warning of a handle closed by the garbage collector", () => {
    // Fed directly: a real warning would print to the suite's output.
    const warning = Object.assign(new Error('Closing file descriptor 99 on garbage collection'), {
      name: 'Warning',
      code: 'DEP0137',
    });
    noteWarning(warning);
    noteWarning(Object.assign(new Error('something else'), { code: 'DEP0005' }));
    expect(takeGcWarnings()).toEqual([
      'Warning DEP0137: Closing file descriptor 99 on garbage collection',
    ]);
    expect(takeGcWarnings()).toEqual([]);
  });
});
