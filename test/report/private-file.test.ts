import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writePrivateFile } from '../../src/report/private-file.js';
import { tempDir } from '../helpers/temp-dir.js';

describe('writePrivateFile', () => {
  it('replaces a file with one only its owner may read', async () => {
    const dir = tempDir('private-file-');
    const path = join(dir, 'report.json');
    writeFileSync(path, 'old', { mode: 0o644 });
    await writePrivateFile(path, ['{"a":', '1}']);
    expect(readFileSync(path, 'utf8')).toBe('{"a":1}');
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(readdirSync(dir)).toEqual(['report.json']);
  });

  it('leaves the file that was there when the text fails half-way, and nothing beside it', async () => {
    const dir = tempDir('private-file-');
    const path = join(dir, 'report.json');
    writeFileSync(path, 'the last report');
    function* pieces(): Generator<string> {
      yield '{"steps": [';
      throw new Error('the report could not be made');
    }
    await expect(writePrivateFile(path, pieces())).rejects.toThrow(/could not be made/);
    expect(readFileSync(path, 'utf8')).toBe('the last report');
    expect(readdirSync(dir)).toEqual(['report.json']);
  });
});
