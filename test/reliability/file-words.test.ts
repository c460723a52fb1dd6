// A file the operator named that cannot be read (a folder, a missing file) is one line saying which
// file, why in words with its code, and what to do; never Node's own text
// ("EISDIR: illegal operation on a directory, read", "ENOENT: no such file or directory, open …").
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openBaseline } from '../../src/baseline/baseline-source.js';
import { readClustersFile } from '../../src/cli/clusters-file.js';
import { readWaivers } from '../../src/waivers/waiver-file.js';
import { tempDir } from '../helpers/temp-dir.js';

const ADVICE = 'check the path, its permissions and free disk space';
const RAW = /illegal operation|no such file or directory|, open '|, read$/;

async function refusal(run: () => unknown): Promise<string> {
  try {
    await run();
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error('it did not refuse');
}

describe('files that cannot be read', () => {
  const dir = tempDir('file-words-');
  const folder = join(dir, 'a-folder.yaml');
  mkdirSync(folder);
  const missing = join(dir, 'missing.yaml');
  const rules = { now: new Date('2026-12-07T00:00:00Z'), maxDays: 90 };

  it.each([
    [
      'waivers file',
      () => readWaivers(folder, rules),
      `cannot read the waivers file ${folder}: it is a folder, EISDIR; ${ADVICE}`,
    ],
    [
      'waivers file',
      () => readWaivers(missing, rules),
      `cannot read the waivers file ${missing}: no such file, ENOENT; ${ADVICE}`,
    ],
    [
      'baseline',
      () => openBaseline(folder, {}),
      `cannot read the baseline ${folder}: it is a folder, EISDIR; ${ADVICE}`,
    ],
    [
      'clusters file',
      () => readClustersFile(folder, { cloud: 'AzureCloud' }),
      `cannot read the clusters file ${folder}: it is a folder, EISDIR; ${ADVICE}`,
    ],
  ])('%s: one line in words', async (_what, run, line) => {
    const said = await refusal(run);
    expect(said).toBe(line);
    expect(said).not.toMatch(RAW);
  });
});
