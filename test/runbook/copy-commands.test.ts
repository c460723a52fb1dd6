import { readFileSync, statSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { copyCommands } from '../../src/runbook/copy-commands.js';
import { osc52 } from '../../src/model/osc52.js';
import { tempDir } from '../helpers/temp-dir.js';

describe('copyCommands', () => {
  it('writes the commands to a file only the operator can read, and OSC 52 to a terminal', async () => {
    const state = tempDir('copy-');
    const written: string[] = [];
    const env = { XDG_STATE_HOME: state, TERM: 'xterm-256color' };
    const copied = await copyCommands(['kubectl cordon a', "kubectl cordon 'b c'"], {
      env,
      terminal: { isTTY: true, write: (t) => written.push(t) },
    });
    expect(copied).toEqual({ file: join(state, 'aks-runbook', 'commands.txt'), clipboard: true });
    expect(readFileSync(copied.file, 'utf8')).toBe("kubectl cordon a\nkubectl cordon 'b c'\n");
    expect(statSync(copied.file).mode & 0o777).toBe(0o600);
    expect(written).toEqual([osc52("kubectl cordon a\nkubectl cordon 'b c'")]);
  });

  it('a file that cannot be written is named, with why in words', async () => {
    const state = tempDir('copy-');
    // A folder where the file goes: refused even as root.
    mkdirSync(join(state, 'aks-runbook', 'commands.txt'), { recursive: true });
    const file = join(state, 'aks-runbook', 'commands.txt');
    await expect(copyCommands(['x'], { env: { XDG_STATE_HOME: state } })).rejects.toThrow(
      `${file} could not be written (it is a folder, EISDIR); check the path, its permissions and free disk space`,
    );
  });

  it('an older file with a looser mode is tightened; no terminal, no clipboard sequence', async () => {
    const state = tempDir('copy-');
    mkdirSync(join(state, 'aks-runbook'));
    writeFileSync(join(state, 'aks-runbook', 'commands.txt'), 'old', { mode: 0o644 });
    const copied = await copyCommands(['x'], { env: { XDG_STATE_HOME: state } });
    expect(copied.clipboard).toBe(false);
    expect(statSync(copied.file).mode & 0o777).toBe(0o600);
  });

  it('TERM=dumb gets no escape sequence', async () => {
    const written: string[] = [];
    const copied = await copyCommands(['x'], {
      env: { XDG_STATE_HOME: tempDir('copy-'), TERM: 'dumb' },
      terminal: { isTTY: true, write: (t) => written.push(t) },
    });
    expect(copied.clipboard).toBe(false);
    expect(written).toEqual([]);
  });
});
