// Secrets never leak: a full walk of a demo session (every step, changes accepted), then every
// output it leaves — journal, Markdown transcript, audit reports in each format, the simulator's
// request log file, the session state every screen renders from, and rendered frames — is
// scanned for the simulator's tokens, key material and kubeconfig contents.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { App } from '../../screens/App.js';
import { writeTranscript } from '../../src/runbook/transcript-file.js';
import { AUDIT_FORMATS } from '../../src/report/render.js';
import { runSimCommand } from '../../src/sim/sim-command.js';
import type { Simulator } from '../../src/sim/simulator.js';
import { renderInk } from '../helpers/ink.js';
import { runCli } from './cli-harness.js';
import { session, walkEveryStep } from './walk.js';
import { tempDir } from '../helpers/temp-dir.js';

const dir = tempDir('rel-secrets-');
const connectionFile = join(dir, 'sim.json');
const requestLog = join(dir, 'requests.jsonl');
const stopSim = new AbortController();
let sim: Simulator;
let simRunning: Promise<void>;
/** Every output of the walk, by name. */
const outputs = new Map<string, string>();
/** Strings that must appear in none of them. */
const secrets: string[] = [];

beforeAll(async () => {
  let ready: (s: Simulator) => void = () => undefined;
  const up = new Promise<Simulator>((resolve) => (ready = resolve));
  simRunning = runSimCommand(
    {
      scenario: 'demo',
      speed: 600,
      kubeconfigOut: join(dir, 'sim.kubeconfig'),
      connectionOut: connectionFile,
      requestLog,
      signal: stopSim.signal,
      onReady: ready,
    },
    { write: () => undefined },
  );
  sim = await up;

  const { store, running, stateDir } = await session(connectionFile, {});
  const kubeToken = running.connection!.kc.getCurrentUser()?.token;
  secrets.push(sim.arm.token, kubeToken!);
  const kubeconfig = readFileSync(join(dir, 'sim.kubeconfig'), 'utf8');
  const caData = /certificate-authority-data: (\S+)/.exec(kubeconfig)![1]!;
  secrets.push(caData, /token: (\S+)/.exec(kubeconfig)![1]!);

  const frames: string[] = [];
  const ink = await renderInk(<App store={store} actions={{ onQuit: () => undefined }} />);
  const off = store.subscribe(() => frames.push(ink.raw()));
  await walkEveryStep(sim, store, running, { accept: true, keys: (offered) => offered });
  off();
  frames.push(ink.raw());
  await ink.unmount();
  outputs.set('screen frames', frames.join('\n'));
  outputs.set('session state (what screens render)', JSON.stringify(store.getState()));
  await running.stop();

  const journalDir = join(stateDir, 'aks-runbook');
  for (const f of readdirSync(journalDir)) {
    outputs.set(`journal ${f}`, readFileSync(join(journalDir, f), 'utf8'));
  }
  const transcript = await writeTranscript(store.getState().journalPath!);
  outputs.set('transcript', readFileSync(transcript, 'utf8'));
  for (const format of AUDIT_FORMATS) {
    const run = await runCli(['audit', '--sim-connection', connectionFile, '--output', format]);
    outputs.set(`audit ${format}`, run.out + run.err);
  }
  const journalExport = await runCli(
    ['journal', 'export', store.getState().journalPath!, '--format', 'json'],
    { XDG_STATE_HOME: stateDir },
  );
  outputs.set('journal export json', journalExport.out + journalExport.err);
  outputs.set('request log', readFileSync(requestLog, 'utf8'));
}, 300_000);

afterAll(async () => {
  stopSim.abort();
  await simRunning;
});

describe('no secret in any output of a full demo walk', () => {
  it('the walk produced every kind of output, with content', () => {
    for (const [name, text] of outputs) expect(text.length, name).toBeGreaterThan(20);
    expect(outputs.get('journal export json')).toContain('"type"');
    expect(outputs.get('request log')).toContain('"effect":"write"');
  });

  it.each(['screen frames', 'session state (what screens render)', 'transcript', 'request log'])(
    '%s: no token, key or kubeconfig content',
    (name) => expectClean(name),
  );

  it('journals, journal export and every audit format: no token, key or kubeconfig content', () => {
    for (const name of outputs.keys()) expectClean(name);
  });
});

function expectClean(name: string): void {
  const text = outputs.get(name) ?? '';
  expect(secrets.every((s) => s.length > 8)).toBe(true);
  for (const secret of secrets)
    expect(text.includes(secret), `${name} contains a secret`).toBe(false);
  // Any token the simulator ever issues has this shape, whoever it was issued to.
  expect(text, name).not.toMatch(/sim-(arm|kube)-[A-Za-z0-9_-]{16,}/);
  expect(text, name).not.toMatch(/PRIVATE KEY|BEGIN CERTIFICATE|client-key-data|Bearer /);
}
