// The input model and the screen, on the built program in a real pseudo-terminal: bytes are
// written to its stdin as a terminal sends them (a bracketed paste, keys read together), and the
// simulator counts what reached the cluster.
import { writeFileSync } from 'node:fs';
import { createServer, type Server, type Socket } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startInPty, type PtySession } from '../helpers/pty.js';
import { startSimCommand, type RunningSim } from '../helpers/sim-command.js';
import { stateJournal } from '../helpers/state-journal.js';
import { tempDir } from '../helpers/temp-dir.js';

const DOWN = '\u001b[B';
const paste = (text: string) => `\u001b[200~${text}\u001b[201~`;

let running: RunningSim;
beforeAll(async () => {
  running = await startSimCommand('demo', { speed: 600 });
});
afterAll(() => running.stop());

/** Waits for `text` to appear after the `mark`-th character of the screen. */
function after(pty: PtySession, mark: number, text: string | RegExp): Promise<void> {
  return pty.waitFor((screen) => {
    const since = screen.slice(mark);
    return typeof text === 'string' ? since.includes(text) : text.test(since);
  });
}

async function checklist(pty: PtySession): Promise<void> {
  await pty.waitFor('Node images and OS patches', 60_000);
  await pty.waitFor(/✔ connect .* ok/, 60_000);
}

describe('keys in a real terminal', () => {
  it("a paste never answers a confirmation, nor do keys typed in one go; only the operator's own n is journaled", async () => {
    const state = tempDir('paste-');
    const { sim, connectionFile } = running;
    const writesBefore = sim.log.writes().length;
    const pty = startInPty(['--sim-connection', connectionFile], { XDG_STATE_HOME: state });
    try {
      await checklist(pty);
      // Typed quickly, in one read: every key arrives, in order.
      pty.type(':drain\r');
      await pty.waitFor('Cordon and drain');
      await pty.waitFor('d drain · ', 60_000);

      // Pasted on the node table: ignored, and said so; no question is opened.
      let mark = pty.screen().length;
      pty.type(paste('dy\r'));
      await after(pty, mark, 'Paste ignored');
      expect(pty.screen().slice(mark)).not.toContain('Confirm a change');

      pty.type('d');
      await pty.waitFor('Confirm a change', 60_000);
      await pty.waitFor('Enter do what is chosen');
      for (const text of ['y\r', 'dy\r']) {
        mark = pty.screen().length;
        pty.type(paste(text));
        await after(pty, mark, 'Paste ignored');
        expect(pty.screen().slice(mark)).not.toContain('▶ Yes');
        // A key clears the notice (and does nothing here), so the next paste draws it again.
        mark = pty.screen().length;
        pty.type(DOWN);
        await after(pty, mark, 'Esc/n cancel');
      }
      // Not pasted but read together (a terminal without bracketed paste): y moves to Yes, the
      // Enter read with it is ignored.
      mark = pty.screen().length;
      pty.type('y\r');
      await after(pty, mark, 'in one go, were ignored');
      expect(pty.screen().slice(mark)).toContain('▶ Yes, go ahead ◀');
      expect(pty.screen().slice(mark)).not.toContain('Draining');
      mark = pty.screen().length;
      pty.type('n');
      await after(pty, mark, 'Cancelled: nothing was changed.');
      pty.type('q');
      expect(await pty.exited(30_000)).toBe(0);
    } finally {
      pty.kill();
    }
    expect(sim.log.writes().length).toBe(writesBefore);
    const answers = stateJournal(state)
      .filter((r) => r['type'] === 'confirmation')
      .map((r) => r['answer']);
    expect(answers).toEqual(['no']);
  }, 120_000);

  it('three arrows in one write move three rows', async () => {
    const pty = startInPty(['--sim-connection', running.connectionFile], {
      XDG_STATE_HOME: tempDir('arrows-'),
    });
    try {
      await checklist(pty);
      const mark = pty.screen().length;
      pty.type(DOWN + DOWN + DOWN);
      await after(pty, mark, /❯ \S rbac\b/);
      pty.type('q');
      expect(await pty.exited(30_000)).toBe(0);
    } finally {
      pty.kill();
    }
  }, 120_000);
});

describe('q while connecting', () => {
  let server: Server;
  const sockets: Socket[] = [];
  beforeAll(async () => {
    // An API server that accepts connections and never answers: connecting hangs.
    server = createServer((socket) => sockets.push(socket));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  });
  afterAll(async () => {
    for (const socket of sockets) socket.destroy();
    await new Promise((resolve) => server.close(resolve));
  });

  it('quits at once while the cluster does not answer, and the spinner keeps moving', async () => {
    const address = server.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    const kubeconfig = join(tempDir('hang-'), 'config');
    writeFileSync(
      kubeconfig,
      JSON.stringify({
        apiVersion: 'v1',
        kind: 'Config',
        'current-context': 'hang',
        clusters: [
          {
            name: 'c',
            cluster: { server: `https://127.0.0.1:${port}`, 'insecure-skip-tls-verify': true },
          },
        ],
        users: [{ name: 'u', user: { token: 't' } }],
        contexts: [{ name: 'hang', context: { cluster: 'c', user: 'u' } }],
      }),
    );
    const pty = startInPty(['--context', 'hang'], { KUBECONFIG: kubeconfig });
    try {
      await pty.waitFor(`https://127.0.0.1:${port}`);
      // The spinner turns: two different frames of it are drawn while nothing answers.
      await pty.waitFor((screen) => new Set(screen.match(/[⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏]/g)).size >= 3);
      const asked = Date.now();
      pty.type('q');
      expect(await pty.exited(10_000)).toBe(0);
      expect(Date.now() - asked).toBeLessThan(5_000);
    } finally {
      pty.kill();
    }
    expect(pty.raw()).toContain('\u001b[?1049l');
  }, 60_000);
});

describe('the terminal is given back on every way out', () => {
  /** What the program left: the alternate screen, bracketed paste and the cursor all restored. */
  function expectRestored(pty: PtySession): void {
    const raw = pty.raw();
    const end = raw.lastIndexOf('[exit ');
    const session = raw.slice(0, end);
    const pairs: Array<[string, string]> = [
      ['\u001b[?1049h', '\u001b[?1049l'],
      ['\u001b[?2004h', '\u001b[?2004l'],
      ['\u001b[?25l', '\u001b[?25h'],
    ];
    for (const [on, off] of pairs) {
      expect(session.lastIndexOf(on), JSON.stringify(on)).toBeGreaterThanOrEqual(0);
      expect(session.lastIndexOf(off), JSON.stringify(off)).toBeGreaterThan(
        session.lastIndexOf(on),
      );
    }
    // `stty -a` after the program: canonical mode and echo are back (raw mode is off).
    const stty = raw.slice(end);
    expect(stty).toMatch(/(^|\s)icanon(\s|$)/);
    expect(stty).toMatch(/(^|\s)echo(\s|$)/);
  }

  const ways: Array<[string, (pty: PtySession, pid: number) => void, RegExp]> = [
    ['q', (pty) => pty.type('q'), /\[exit 0\]/],
    // Ctrl+C is a key in raw mode, yet ends the program as SIGINT would: 128 + 2.
    ['Ctrl+C', (pty) => pty.type('\u0003'), /\[exit 130\]/],
    ['SIGTERM', (_pty, pid) => process.kill(pid, 'SIGTERM'), /\[exit 143\]/],
    ['SIGHUP', (_pty, pid) => process.kill(pid, 'SIGHUP'), /\[exit 129\]/],
  ];

  it.each(ways)(
    '%s',
    async (_way, leave, exit) => {
      const state = tempDir('exit-');
      const pty = startInPty(['--demo'], { XDG_STATE_HOME: state }, undefined, undefined, {
        after: 'stty -a; echo "[stty done]"',
      });
      try {
        await checklist(pty);
        const pid = stateJournal(state).find((r) => r['type'] === 'session')?.['pid'];
        expect(typeof pid).toBe('number');
        leave(pty, pid as number);
        await pty.waitFor('[stty done]', 30_000);
      } finally {
        pty.kill();
      }
      expect(pty.screen()).toMatch(exit);
      expectRestored(pty);
    },
    120_000,
  );

  it('a crash: one line, no stack trace, the terminal restored', async () => {
    const pty = startInPty(
      ['--demo'],
      { AKS_RUNBOOK_CRASH_TEST: 'after-first-frame' },
      undefined,
      undefined,
      {
        after: 'stty -a; echo "[stty done]"',
      },
    );
    try {
      await pty.waitFor('[stty done]', 30_000);
    } finally {
      pty.kill();
    }
    const afterScreen = pty.raw().slice(pty.raw().lastIndexOf('\u001b[?1049l'));
    expect(afterScreen).toContain('aks-runbook: unexpected failure: crash test');
    expect(afterScreen).not.toMatch(/\n\s+at /);
    expect(pty.screen()).toMatch(/\[exit 2\]/);
    expectRestored(pty);
  }, 60_000);
});
