// A multi-cluster report names each cluster by its label: two clusters called alike would give
// rows nobody can tell apart, so labels are widened (group/name) or refused.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readClustersFile } from '../../src/cli/clusters-file.js';
import { tempDir } from '../helpers/temp-dir.js';

const dir = tempDir('clusters-labels-');
const defaults = {
  cloud: 'AzureCloud' as const,
  subscription: '3f2b9c1e-7d4a-4e8b-a1c6-5d9e0f1a2b3c',
};

function file(name: string, yaml: string): string {
  const path = join(dir, name);
  writeFileSync(path, yaml);
  return path;
}

describe('clusters file labels', () => {
  it('widens a name two clusters share to group/name', async () => {
    const f = file(
      'same-name.yaml',
      '- {resourceGroup: rg-east, name: prod}\n- {resourceGroup: rg-west, name: prod}\n- {resourceGroup: rg-west, name: dev}\n',
    );
    const entries = await readClustersFile(f, defaults);
    expect(entries.map((e) => e.label)).toEqual(['rg-east/prod', 'rg-west/prod', 'dev']);
  });

  it('refuses two entries given the same label', async () => {
    const f = file(
      'same-label.yaml',
      '- {label: prod, resourceGroup: a, name: one}\n- {label: Prod, resourceGroup: b, name: two}\n',
    );
    await expect(readClustersFile(f, defaults)).rejects.toThrow(
      `${f}: entries 1 and 2 are both called "Prod"; give each a label of its own`,
    );
  });

  it("widens a name that equals another entry's given label", async () => {
    const f = file(
      'label-name.yaml',
      '- {label: prod, resourceGroup: a, name: one}\n- {resourceGroup: b, name: prod}\n',
    );
    await expect(readClustersFile(f, defaults)).resolves.toMatchObject([
      { label: 'prod' },
      { label: 'b/prod' },
    ]);
  });

  it('refuses the same cluster listed twice', async () => {
    const f = file(
      'twice.yaml',
      '- {resourceGroup: RG, name: prod}\n- {resourceGroup: rg, name: PROD}\n',
    );
    await expect(readClustersFile(f, defaults)).rejects.toThrow(
      'entry 2 (PROD): names the same cluster as entry 1; list each cluster once',
    );
  });
});
