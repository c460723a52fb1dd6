// A journal that cannot be written, or cannot be read back, never stops the tool and never lets a
// change go unrecorded: a full disk (an injected ENOSPC through the journal's own file seam) stops
// the change before any request, says so with the journal's path and ends the session non-zero;
// damaged journals (wrong types, a folder named *.jsonl, an unreadable file, garbage lines) are
// skipped, named and counted by `journal list|show|export` and the resume offer.
import { chmodSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_DRAIN_OPTIONS } from '../../src/model/drain.js';
import { sessionEnding } from '../../src/cli/run-tui.js';
import { Journal } from '../../src/runbook/journal.js';
import { openForAppend, type OpenJournalFile } from '../../src/runbook/journal-file.js';
import { SessionStore } from '../../src/runbook/session.js';
import { startSession, type RunningSession } from '../../src/runbook/start-session.js';
import { crashedJournal } from '../runbook/crashed-journal.js';
import { tempDir } from '../helpers/temp-dir.js';
import { expectOneLine, runCli, simTarget, type SimTarget } from './cli-harness.js';
import { until } from './fault-rig.js';

// Root reads and writes through any permission: those cases only run as an ordinary user.
const root = process.getuid?.() === 0;

/** The real file system, until `fill()`: then the `after`-th next write is torn and fails ENOSPC. */
function fillingDisk(): { open: OpenJournalFile; fill: (after?: number) => void } {
  let left: number | undefined;
  return {
    fill: (after = 0) => (left = after),
    open: async (path) => {
      const file = await openForAppend(path);
      return {
        ...file,
        appendFile: async (text) => {
          if (left !== undefined && left-- <= 0) {
            // What a full disk leaves: part of the line, then the error.
            await file.appendFile(text.slice(0, 10));
            throw Object.assign(new Error('ENOSPC: no space left on device, write'), {
              code: 'ENOSPC',
            });
          }
          await file.appendFile(text);
        },
      };
    },
  };
}

describe('a full disk stops the change before any request', () => {
  let target: SimTarget | undefined;
  let running: RunningSession | undefined;
  afterEach(async () => {
    await running?.stop();
    await target?.sim.close();
    target = running = undefined;
  });

  async function drainOnFullDisk(after: number) {
    target = await simTarget({ scenario: 'demo' });
    const store = new SessionStore({ readOnly: false, dryRun: false, demo: false });
    const disk = fillingDisk();
    const state = tempDir('journal-full-');
    running = await startSession(
      { cloud: 'AzureCloud', demo: false, simConnection: target.file },
      store,
      { XDG_STATE_HOME: state, HOME: state },
      undefined,
      disk.open,
    );
    const host = running.host!;
    await host.open('drain');
    await until(() => store.getState().steps.drain.kind !== 'running', 'drain inspected', 60_000);
    await host.send('drain', {
      type: 'options',
      options: { ...DEFAULT_DRAIN_OPTIONS, timeoutSeconds: 20 },
    });
    const node = target.sim.kube
      .listNodes()
      .map((n) => n.metadata.name)
      .find((n) => n.includes('-apps-'))!;
    let asked = 0;
    const off = store.subscribe(() => {
      if (store.getState().confirmation && asked === 0) {
        asked++;
        disk.fill(after);
        setTimeout(() => store.answer(true), 0);
      }
    });
    const writesBefore = target.sim.log.writes().length;
    const requestsBefore = target.sim.log.entries.length;
    await host.send('drain', { type: 'drain', nodes: [node] });
    off();
    return { store, asked, writesBefore, requestsBefore, node };
  }

  it('the "yes" cannot be journaled: nothing is sent, the screen says so with the journal path, exit 2', async () => {
    const { store, asked, writesBefore, requestsBefore } = await drainOnFullDisk(0);
    expect(asked).toBe(1);
    expect(target!.sim.log.writes().length).toBe(writesBefore);
    // Other steps' inspections still read in the background; nothing else left.
    expect(
      target!.sim.log.entries.slice(requestsBefore).filter((e) => e.effect !== 'read'),
    ).toEqual([]);
    const { journalFailure, journalPath } = store.getState();
    expect(journalFailure).toBe(
      `the journal ${journalPath} could not be written (the disk is full, ENOSPC); no change is sent without it: free space or fix permissions, then start again`,
    );
    expect(store.getState().stepViews.drain?.result?.join('\n')).toContain(journalPath);
    expect(sessionEnding(store.getState(), undefined)).toEqual({
      code: 2,
      err: `aks-runbook: ${journalFailure}\n`,
    });
  }, 120_000);

  it('the intent cannot be journaled: the cordon is never sent', async () => {
    const { store, writesBefore } = await drainOnFullDisk(1);
    expect(target!.sim.log.writes().length).toBe(writesBefore);
    expect(store.getState().journalFailure).toMatch(/could not be written \(the disk is full/);
  }, 120_000);
});

describe('Journal after a failed write', () => {
  it('refuses every later change without running it, and tells its listener once', async () => {
    const disk = fillingDisk();
    const journal = await Journal.open({
      cluster: 'c',
      mode: { readOnly: false, dryRun: false, demo: false },
      env: {},
      dir: tempDir('journal-unit-'),
      openFile: disk.open,
    });
    const heard: string[] = [];
    journal.onFailure((f) => heard.push(f.message));
    disk.fill();
    let ran = 0;
    const act = () => Promise.resolve(ran++);
    await expect(
      journal.mutation({ step: 'drain', action: 'cordon', target: 'n' }, act),
    ).rejects.toThrow(/could not be written \(the disk is full, ENOSPC\)/);
    await expect(
      journal.mutation({ step: 'drain', action: 'cordon', target: 'n' }, act),
    ).rejects.toThrow(/could not be written/);
    expect(ran).toBe(0);
    expect(heard).toHaveLength(1);
    await journal.close();
  });
});

/** A state folder with the hand-written crashed journal plus `extra` files (name -> text). */
function stateWith(extra: Record<string, string> = {}): string {
  const state = tempDir('journal-bad-');
  const dir = join(state, 'aks-runbook');
  mkdirSync(dir);
  writeFileSync(join(dir, '2025-03-01T10-00-00-000Z-aks-one-1.jsonl'), crashedJournal());
  for (const [name, text] of Object.entries(extra)) writeFileSync(join(dir, name), text);
  return state;
}
const journalCli = (args: string[], state: string) =>
  runCli(['journal', ...args], { XDG_STATE_HOME: state });
const line = (record: Record<string, unknown>) => JSON.stringify(record) + '\n';
const T = '2025-03-02T10:00:00.000Z';

describe('damaged journals are skipped, named and counted', () => {
  it('an in-flight intent whose action is an object: list, show and export work and count it', async () => {
    const state = stateWith({
      '2025-03-02T10-00-00-000Z-aks-two-2.jsonl':
        line({ time: T, type: 'session', cluster: 'aks-two' }) +
        line({ time: T, type: 'intent', id: 1, step: 'drain', action: { x: 1 }, target: 'n' }),
    });
    const list = await journalCli(['list'], state);
    expect(list.code).toBe(0);
    expect(list.err).toBe('');
    expect(list.out).toMatch(/^1\s+2025-03-02T10:00:00.000Z\s+aks-two\s+\?\s+0\s+0\s+no\s+no$/m);
    expect(list.out).toContain('#1: 1 line skipped: not valid journal records');
    const show = await journalCli(['show', '1'], state);
    expect(show.code).toBe(0);
    expect(show.out).toContain('(1 line skipped: not valid journal records');
    const json = await journalCli(['export', '1', '--format', 'json'], state);
    expect(JSON.parse(json.out)).toMatchObject({ skippedRecords: 1 });
    const markdown = await journalCli(['export', '1'], state);
    expect(markdown.out).toContain('1 line of the journal was not a valid record and was skipped');
  });

  it('a session record of the wrong types does not break the table (no "padEnd is not a function")', async () => {
    const state = stateWith({
      '2025-03-02T10-00-00-000Z-x-2.jsonl':
        line({ time: T, type: 'session', cluster: { name: 'x' }, mode: 'rw', pid: '7' }) +
        line({ time: 5, type: 'note', step: 'connect', message: 'connected' }),
    });
    const list = await journalCli(['list'], state);
    expect(list.code).toBe(0);
    expect(list.out).toMatch(/^1\s+\?\s+\(unknown cluster\)\s+\?\s+0\s+0\s+no\s+no$/m);
    expect(list.out).toContain('#1: 2 lines skipped');
  });

  it('garbage lines are skipped and counted', async () => {
    const state = stateWith({
      '2025-03-02T10-00-00-000Z-aks-two-2.jsonl':
        line({ time: T, type: 'session', cluster: 'aks-two' }) + 'not json\n[1,2]\n\n',
    });
    const list = await journalCli(['list'], state);
    expect(list.out).toContain('#1: 2 lines skipped');
  });

  it('a folder named *.jsonl is named and skipped; the numbers of the others still work', async () => {
    const state = stateWith();
    mkdirSync(join(state, 'aks-runbook', '2025-03-09T10-00-00-000Z-dir-9.jsonl'));
    const list = await journalCli(['list'], state);
    expect(list.code).toBe(0);
    expect(list.out).toMatch(/^1\s+2025-03-01T10:00:00.000Z\s+aks-one/m);
    expect(list.out).toContain(
      `skipped: ${join(state, 'aks-runbook', '2025-03-09T10-00-00-000Z-dir-9.jsonl')}: a folder, not a journal file`,
    );
    expect((await journalCli(['show', '1'], state)).code).toBe(0);
  });

  it.skipIf(root)('an unreadable journal file is named and skipped', async () => {
    const state = stateWith({ '2025-03-02T10-00-00-000Z-aks-two-2.jsonl': '' });
    const file = join(state, 'aks-runbook', '2025-03-02T10-00-00-000Z-aks-two-2.jsonl');
    chmodSync(file, 0o000);
    const list = await journalCli(['list'], state);
    expect(list.code).toBe(0);
    expect(list.out).toContain(`#1 skipped: ${file}: cannot read it (permission denied, EACCES)`);
    expect(list.out).toMatch(/^2\s+2025-03-01T10:00:00.000Z\s+aks-one/m);
    expectOneLine(await journalCli(['show', '1'], state), 2, `cannot read the journal ${file}`);
  });

  it('a journal entry that cannot be opened (a dangling link) is named and skipped', async () => {
    const state = stateWith();
    const link = join(state, 'aks-runbook', '2025-03-05T10-00-00-000Z-gone-5.jsonl');
    symlinkSync(join(state, 'nowhere'), link);
    const list = await journalCli(['list'], state);
    expect(list.code).toBe(0);
    expect(list.out).toContain(`#1 skipped: ${link}: cannot read it (no such file, ENOENT)`);
    expect(list.out).toMatch(/^2\s+2025-03-01T10:00:00.000Z\s+aks-one/m);
  });

  it('the resume offer counts the skipped lines of the interrupted journal', async () => {
    const target = await simTarget({ scenario: 'minimal' });
    try {
      const state = tempDir('journal-resume-');
      const dir = join(state, 'aks-runbook');
      mkdirSync(dir);
      const identity = { server: target.sim.baseUrl };
      writeFileSync(
        join(dir, '2025-03-01T10-00-00-000Z-aks-minimal-1.jsonl'),
        line({ time: T, type: 'session', cluster: target.sim.arm.name }) +
          line({ time: T, type: 'note', step: 'connect', message: 'connected', detail: identity }) +
          line({ time: T, type: 'intent', id: 1, step: 'drain', action: { x: 1 }, target: 'n' }) +
          line({
            time: T,
            type: 'intent',
            id: 2,
            step: 'drain',
            action: 'cordon',
            target: 'node/n',
          }),
      );
      const store = new SessionStore({ readOnly: false, dryRun: false, demo: false });
      const running = await startSession(
        { cloud: 'AzureCloud', demo: false, simConnection: target.file },
        store,
        { XDG_STATE_HOME: state, HOME: state },
      );
      try {
        expect(store.getState().connection.phase).toBe('connected');
        expect(store.getState().resume).toMatchObject({
          skippedRecords: 1,
          intents: [{ action: 'cordon', target: 'node/n' }],
        });
      } finally {
        await running.stop();
      }
    } finally {
      await target.sim.close();
    }
  }, 60_000);
});

describe('a state folder that cannot be used is named, with XDG_STATE_HOME', () => {
  it('XDG_STATE_HOME is a file: journal list is one line, exit 2', async () => {
    const file = join(tempDir('state-file-'), 'state');
    writeFileSync(file, 'not a folder');
    expectOneLine(
      await journalCli(['list'], file),
      2,
      `the journal folder ${join(file, 'aks-runbook')} cannot be used (a part of its path is a file, not a folder, ENOTDIR); set XDG_STATE_HOME to a folder you can write`,
    );
  });

  it('the journal file cannot be created (EACCES through the file seam): the session says so in one line', async () => {
    const target = await simTarget({ scenario: 'minimal' });
    try {
      const state = tempDir('state-seam-');
      const store = new SessionStore({ readOnly: false, dryRun: false, demo: false });
      const denied: OpenJournalFile = () =>
        Promise.reject(Object.assign(new Error('EACCES: permission denied'), { code: 'EACCES' }));
      const running = await startSession(
        { cloud: 'AzureCloud', demo: false, simConnection: target.file },
        store,
        { XDG_STATE_HOME: state, HOME: state },
        undefined,
        denied,
      );
      await running.stop();
      expect(store.getState().connection).toEqual({
        phase: 'failed',
        message: `the journal folder ${join(state, 'aks-runbook')} cannot be used (permission denied, EACCES); set XDG_STATE_HOME to a folder you can write`,
      });
    } finally {
      await target.sim.close();
    }
  }, 60_000);

  it.skipIf(root)(
    'XDG_STATE_HOME is not writable: the session does not start, and says why in one line',
    async () => {
      const target = await simTarget({ scenario: 'minimal' });
      try {
        const state = tempDir('state-ro-');
        chmodSync(state, 0o500);
        const store = new SessionStore({ readOnly: false, dryRun: false, demo: false });
        const running = await startSession(
          { cloud: 'AzureCloud', demo: false, simConnection: target.file },
          store,
          { XDG_STATE_HOME: state, HOME: state },
        );
        await running.stop();
        chmodSync(state, 0o700);
        expect(store.getState().connection).toEqual({
          phase: 'failed',
          message: `the journal folder ${join(state, 'aks-runbook')} cannot be used (permission denied, EACCES); set XDG_STATE_HOME to a folder you can write`,
        });
      } finally {
        await target.sim.close();
      }
    },
    60_000,
  );
});
