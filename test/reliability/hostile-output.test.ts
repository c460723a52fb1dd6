// Text from the cluster is data. The built-in `hostile` scenario puts escape sequences and control
// characters (CSI, OSC 0/8/52, BEL, backspace, CR, C1, a bidi override) into RBAC names, subjects
// and annotations, and an interrupted journal carries them too. Every output of the built
// program is scanned byte by byte: the TUI in a real terminal (the resume dialog, the rbac step,
// the user picker), the audit in every format, the transcript, and journal list/show/export.
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HOSTILE_PAYLOADS } from '../../src/sim/scenarios/hostile.js';
import { mdText } from '../../src/report/markdown.js';
import { runBin } from '../helpers/cli-process.js';
import { startInPty } from '../helpers/pty.js';
import { startSimCommand, type RunningSim } from '../helpers/sim-command.js';
import { tempDir } from '../helpers/temp-dir.js';

// Characters a terminal acts on. Line feeds are the only control character a text output needs.
const ACTED_ON =
  // eslint-disable-next-line no-control-regex -- the characters searched for
  /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069]/;

const state = tempDir('hostile-');
const journals = join(state, 'aks-runbook');
const env = { XDG_STATE_HOME: state };
const ARGS = ['--demo', '--scenario', 'hostile'];
let tui = '';

/** A session on the hostile cluster that died mid-change, its intent naming hostile objects. */
function crashedSession(): void {
  const target = `rolebinding/team-x/${HOSTILE_PAYLOADS.map((p) => p.raw).join('')}`;
  const lines = [
    {
      time: '2025-03-01T10:00:00.000Z',
      type: 'session',
      cluster: 'aks-hostile',
      mode: { readOnly: false, dryRun: false, demo: true },
      pid: 1,
    },
    {
      time: '2025-03-01T10:00:01.000Z',
      type: 'note',
      step: 'connect',
      message: 'connected',
      detail: {
        server: 'https://127.0.0.1:1',
        arm: {
          subscriptionId: '00000000-0000-0000-0000-000000000000',
          resourceGroup: 'rg-hostile',
          name: 'aks-hostile',
        },
      },
    },
    {
      time: '2025-03-01T10:00:05.000Z',
      type: 'intent',
      id: 1,
      step: 'rbac',
      action: `replace user ${HOSTILE_PAYLOADS[1]!.raw}`,
      target,
      detail: { user: HOSTILE_PAYLOADS[2]!.raw },
    },
  ];
  mkdirSync(journals, { recursive: true });
  writeFileSync(
    join(journals, '2025-03-01T10-00-00-000Z-aks-hostile-1.jsonl'),
    lines.map((l) => JSON.stringify(l)).join('\n') + '\n',
  );
}

/**
 * No payload reaches the output raw; `shown` of the listed ones is there instead (in Markdown
 * text, with its backslashes and brackets escaped so it renders as written).
 */
function expectShownNotActedOn(output: string, shownAtLeast: number): void {
  for (const payload of HOSTILE_PAYLOADS) expect(output).not.toContain(payload.raw);
  const shown = HOSTILE_PAYLOADS.filter(
    (p) => output.includes(p.shown) || output.includes(mdText(p.shown)),
  );
  expect(shown.length).toBeGreaterThanOrEqual(shownAtLeast);
}

/** A text output: the payloads shown, and not one character a terminal acts on, anywhere. */
function expectCleanText(output: string, shownAtLeast = 1): void {
  expectShownNotActedOn(output, shownAtLeast);
  const bad = ACTED_ON.exec(output);
  expect(bad, bad ? JSON.stringify(output.slice(bad.index - 40, bad.index + 40)) : '').toBeNull();
}

let running: RunningSim | undefined;
afterAll(() => running?.stop());

beforeAll(async () => {
  crashedSession();
  // The same simulated cluster lives on between sessions (a --demo one would be new, and a
  // resume is not offered there): the journal's in-flight change is offered.
  running = await startSimCommand('hostile', { speed: 600 });
  const pty = startInPty(['--sim-connection', running.connectionFile], env);
  try {
    await pty.waitFor('ended in the middle of a change', 60_000);
    await pty.waitFor('Enter open that step');
    pty.type('d');
    await pty.waitFor('journal: ');
    pty.type('\u001b');
    await pty.waitFor('Node images and OS patches');
    await pty.waitFor(/rbac\s+RBAC bindings\s+\d+ finding/, 60_000);
    pty.type(':rbac\r');
    await pty.waitFor('mallory0@contoso.com');
    pty.type('z');
    await pty.waitFor('ZQCSI');
    pty.type('p');
    await pty.waitFor('Pick a user bound directly');
    await pty.waitFor('mallory8@contoso.com');
    const mark = pty.screen().length;
    pty.type('\u001b');
    await pty.waitFor((screen) => screen.slice(mark).includes('RBAC bindings (rbac)'));
    pty.type('q');
    expect(await pty.exited(30_000)).toBe(0);
  } finally {
    pty.kill();
  }
  tui = pty.raw();
}, 120_000);

describe('hostile text from the cluster and from a journal', () => {
  it('never reaches the terminal raw in the TUI, and is shown visibly', () => {
    expectShownNotActedOn(tui, 5);
    // Ink draws with its own escape sequences; these characters it never sends.
    // eslint-disable-next-line no-control-regex -- the characters searched for
    expect(tui).not.toMatch(/[\u0007\u0008\u0080-\u009f\u202e]/);
  });

  it.each(['table', 'markdown', 'junit'])(
    'audit --output %s shows it and holds no control character',
    async (format) => {
      const run = await runBin(['audit', ...ARGS, '--output', format], env, { timeoutMs: 60_000 });
      expect(run.code).toBe(1);
      expectCleanText(run.stdout);
      expect(run.stderr.replace(/\n/g, '')).not.toMatch(ACTED_ON);
    },
  );

  it('audit --output json keeps every byte of the data, escaped so no terminal acts on it', async () => {
    const run = await runBin(['audit', ...ARGS, '--output', 'json'], env, { timeoutMs: 60_000 });
    expect(run.stdout.replace(/\n/g, '')).not.toMatch(ACTED_ON);
    const report = JSON.stringify(JSON.parse(run.stdout));
    for (const payload of HOSTILE_PAYLOADS) {
      expect(report).toContain(JSON.stringify(payload.raw).slice(1, -1));
    }
  });

  it('audit --output sarif keeps the data, escaped so no terminal acts on it', async () => {
    const run = await runBin(['audit', ...ARGS, '--output', 'sarif'], env, { timeoutMs: 60_000 });
    expect(run.code).toBe(1);
    expect(run.stdout.replace(/\n/g, '')).not.toMatch(ACTED_ON);
    const log = JSON.stringify(JSON.parse(run.stdout));
    for (const payload of HOSTILE_PAYLOADS) {
      // Message texts escape \, [ and ] (SARIF 2.1.0: no embedded link from data); names do not.
      const inMessage = payload.raw.replace(/[\\[\]]/g, '\\$&');
      const forms = [payload.raw, inMessage].map((text) => JSON.stringify(text).slice(1, -1));
      expect(
        forms.some((form) => log.includes(form)),
        payload.raw,
      ).toBe(true);
    }
  });

  it('the transcript written on exit and the journal file hold no raw control character', () => {
    const files = readdirSync(journals);
    const transcript = files.find((f) => f.endsWith('.md'))!;
    expectCleanText(readFileSync(join(journals, transcript), 'utf8'));
    for (const file of files.filter((f) => f.endsWith('.jsonl') && !f.startsWith('2025-03-01'))) {
      expect(readFileSync(join(journals, file), 'utf8').replace(/\n/g, '')).not.toMatch(ACTED_ON);
    }
  });

  it.each([
    ['journal list', ['journal', 'list'], 0],
    ['journal show (the crashed session)', ['journal', 'show', '2'], 1],
    ['journal show (the new session)', ['journal', 'show', '1'], 0],
    ['journal export (Markdown, the crashed session)', ['journal', 'export', '2'], 1],
    ['journal export (Markdown, the new session)', ['journal', 'export', '1'], 5],
  ] as const)('%s holds no control character', async (_what, args, shown) => {
    const run = await runBin([...args], env);
    expect(run.code).toBe(0);
    expectCleanText(run.stdout, shown);
  });

  it('journal export --format json keeps the data, escaped', async () => {
    const run = await runBin(['journal', 'export', '2', '--format', 'json'], env);
    expect(run.code).toBe(0);
    expect(run.stdout.replace(/\n/g, '')).not.toMatch(ACTED_ON);
    expect(JSON.stringify(JSON.parse(run.stdout))).toContain('ZQCSI');
  });
});
