// The maintenance window on the built program in a real terminal, against `aks-runbook sim
// --speed 10` (the operator's second terminal is this test): the running operation shown on every
// screen, aborted from its first second, conflicting upgrades not offered.
import { execFile } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { promisify } from 'node:util';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demo } from '../../src/sim/scenarios/demo.js';
import { connectToSim } from '../helpers/sim-session.js';
import { startInPty, typeByHand, type PtySession } from '../helpers/pty.js';
import { startSimCommand, type RunningSim } from '../helpers/sim-command.js';
import { tempDir } from '../helpers/temp-dir.js';
import { until } from '../helpers/until.js';

/** The demo cluster with its control plane already on 1.32.5: every pool is one minor behind. */
function controlPlaneAhead(): string {
  const dir = tempDir('window-scenario-');
  mkdirSync(join(dir, 'demo'), { recursive: true });
  for (const file of demo().files) {
    const text = file.name.endsWith('cluster.yaml')
      ? file.text.replace('  kubernetesVersion: 1.31.8', '  kubernetesVersion: 1.32.5')
      : file.text;
    writeFileSync(join(dir, file.name), text);
  }
  return join(dir, 'demo');
}

/** Waits for `text` in what the terminal printed after the `mark`-th character (or raw bytes). */
function after(pty: PtySession, mark: number, text: string | RegExp, ms = 30_000, raw = false) {
  return pty
    .waitFor(() => {
      const since = (raw ? pty.raw() : pty.screen()).slice(raw ? 0 : mark);
      return typeof text === 'string' ? since.includes(text) : text.test(since);
    }, ms)
    .catch((error: Error) => {
      throw new Error(
        `waiting for ${String(text)}: ${error.message.split('\n').slice(1).join('\n')}`,
      );
    });
}

/** The filter field's cursor: an inverse space right after the `/` prompt. */
// eslint-disable-next-line no-control-regex
const FILTER_OPEN = /\/(\u001b\[[0-9;]*m)*\u001b\[7m \u001b\[27m/;

/** Answers the open Yes/No question with yes (keys count once the question has shown a moment). */
/** Opens the drain step and filters its node table to `node`; returns the mark after the filter. */
async function drainTableFilteredTo(pty: PtySession, node: string): Promise<number> {
  await pty.waitFor('Node images and OS patches', 60_000);
  pty.type(':drain\r');
  await pty.waitFor('d drain · ', 60_000);
  let mark = pty.screen().length;
  pty.type('/');
  await after(pty, mark, FILTER_OPEN, 30_000, true);
  mark = pty.screen().length;
  pty.type(node);
  await after(pty, mark, `/${node}`);
  mark = pty.screen().length;
  pty.type('\r');
  return mark;
}

async function yes(pty: PtySession, asked: number): Promise<void> {
  await after(pty, asked, 'Enter do what is chosen');
  const mark = pty.screen().length;
  pty.type('y');
  await after(pty, mark, '▶ Yes');
  pty.type('\r');
}

/** Types the cluster's name into the typed confirmation, then Enter in a later write. */
async function typedYes(pty: PtySession, name: string): Promise<void> {
  await pty.waitFor(`Type ${name} and press Enter`);
  await pty.waitFor('Enter go ahead, if the name is right');
  await typeByHand(pty, name);
  pty.type('\r');
}

/** Quits; when asked (the verification after a change may still run), says yes. */
async function quit(pty: PtySession): Promise<void> {
  const mark = pty.screen().length;
  pty.type('q');
  const asked = await Promise.race([
    pty.exited(30_000).then(() => false),
    after(pty, mark, 'y/Ctrl+C quit').then(() => true),
  ]);
  if (asked) pty.type('y');
  expect(await pty.exited(30_000)).toBe(0);
}

let running: RunningSim;
beforeAll(async () => {
  running = await startSimCommand(controlPlaneAhead(), { speed: 10 });
});
afterAll(() => running.stop());

describe('the maintenance window, live', () => {
  it('aborts a running pool upgrade from its first second and sees it Canceled; no second upgrade is offered meanwhile', async () => {
    const pty = startInPty(['--sim-connection', running.connectionFile], {
      XDG_STATE_HOME: tempDir('window-state-'),
    });
    try {
      await pty.waitFor('Node images and OS patches', 60_000);
      pty.type(':upgrades\r');
      // The step's action keys, once its look is done (the list itself is below the fold).
      await pty.waitFor('t/n/o/r actions', 60_000);
      pty.type('n');
      await typedYes(pty, 'aks-shop-prod');
      // The status line from the moment it is sent, and on it the abort.
      await pty.waitFor('⟳ Upgrade of pool system to 1.32.5', 30_000);
      const sentAt = Date.now();
      // n (the next pool) is no longer offered; a is.
      let mark = pty.screen().length;
      await after(pty, mark, 't/o/a/r actions');
      mark = pty.screen().length;
      pty.type('a');
      await after(pty, mark, 'Abort the running operation on pool system');
      await yes(pty, mark);
      const abortAt = Date.now();
      mark = pty.screen().length;
      await after(pty, mark, /■ Upgrade of pool system to 1\.32\.5 · \d+s · ARM/, 30_000);
      await after(pty, mark, /■ Upgrade of pool system to 1\.32\.5: Canceled/, 60_000);
      const canceledAt = Date.now();
      expect(abortAt - sentAt).toBeLessThan(20_000);
      process.stdout.write(
        `abort: confirmed ${abortAt - sentAt} ms after the upgrade showed; Canceled on screen ${canceledAt - abortAt} ms after the abort was confirmed\n`,
      );
      // The rotation says so too: the node being worked on is left not done.
      expect(pty.screen().slice(mark)).toContain('Upgrade of pool system to 1.32.5 · ■ aborted');
      // From the abort's first frame on, the banners never go back to the upgrade running, and the rotation
      // is the pool's (never labelled as the control plane's).
      const sinceAbort = pty.screen().slice(pty.screen().indexOf('■ Upgrade of pool system', mark));
      expect(sinceAbort).not.toMatch(/⟳ Upgrade of pool system/);
      expect(sinceAbort).not.toMatch(/Control plane · /);
      expect(sinceAbort).toMatch(/Pool system · Upgrade of pool system to 1\.32\.5 · /);
      const pool = running.sim.aks.state.pools.find((p) => p.name === 'system')!;
      expect(pool.provisioningState).toBe('Canceled');
      await quit(pty);
    } finally {
      pty.kill();
    }
  }, 180_000);

  it('a change refused because someone else started an operation is on screen and stays as the step status; that operation is shown and aborted', async () => {
    const pty = startInPty(['--sim-connection', running.connectionFile], {
      XDG_STATE_HOME: tempDir('window-state-'),
    });
    try {
      await pty.waitFor('Node images and OS patches', 60_000);
      pty.type(':node-image\r');
      await pty.waitFor('1/2/3/b/d/r actions', 60_000);
      // A colleague starts a node image upgrade of pool apps from another terminal.
      const { client, at } = (await connectToSim(running.sim)).arm!;
      const other = client.agentPools.upgradeNodeImageVersion(at.resourceGroup, at.name, 'apps');
      void other.pollUntilDone().catch(() => undefined);
      const apps = () => running.sim.aks.state.pools.find((p) => p.name === 'apps')!;
      await until(
        () => apps().provisioningState === 'UpgradingNodeImageVersion',
        "the other session's node image upgrade under way",
      );
      // This screen read the pools before: 1 (system) is still on offer, and refused by AKS.
      pty.type('1');
      await typedYes(pty, 'aks-shop-prod');
      let mark = pty.screen().length;
      await after(pty, mark, 'failed: OperationNotAllowed (HTTP 409)');
      await after(pty, mark, /⟳ Node image upgrade of pool apps \(started elsewhere\)/);
      // Back on the checklist, the step says it failed until the operator has seen it there.
      mark = pty.screen().length;
      pty.type('\u001b');
      await after(pty, mark, /✖ node-image .*failed: node image upgrade/);
      // The operation someone else started is aborted from here.
      pty.type(':node-image\r');
      mark = pty.screen().length;
      await after(pty, mark, /(^|\n)a\/b\/d\/r actions/);
      const asked = pty.screen().length;
      pty.type('a');
      await after(pty, asked, 'Abort the running operation on pool apps');
      await yes(pty, asked);
      await after(pty, mark, /■ Node image upgrade of pool apps: Canceled/, 60_000);
      expect(apps().provisioningState).toBe('Canceled');
      await quit(pty);
    } finally {
      pty.kill();
    }
  }, 180_000);

  it('cordons a node without draining it; quitting then lists it and asks; uncordoned, quitting asks nothing', async () => {
    const pty = startInPty(['--sim-connection', running.connectionFile], {
      XDG_STATE_HOME: tempDir('window-state-'),
    });
    try {
      let mark = await drainTableFilteredTo(pty, 'win000000');
      await after(pty, mark, 'filter: win000000');
      mark = pty.screen().length;
      pty.type('C');
      await after(pty, mark, 'Cordon node win000000 (no pod is evicted)');
      await after(pty, mark, 'kubectl cordon win000000');
      await yes(pty, mark);
      await after(pty, mark, '✔ win000000 cordoned');
      await after(pty, mark, /win000000 .*⊘ cordon/);
      const node = running.sim.kube.listNodes().find((n) => n.metadata.name === 'win000000');
      expect((node as { spec?: { unschedulable?: boolean } }).spec?.unschedulable).toBe(true);
      // Quitting now leaves a node cordoned: it is named, and staying is the default.
      mark = pty.screen().length;
      pty.type('q');
      await after(pty, mark, 'Still cordoned by this session');
      await after(pty, mark, 'win000000. Uncordon');
      await after(pty, mark, 'y/Ctrl+C quit');
      mark = pty.screen().length;
      pty.type('\r');
      await after(pty, mark, 'u uncordon');
      mark = pty.screen().length;
      pty.type('u');
      await after(pty, mark, 'Uncordon node win000000');
      await yes(pty, mark);
      await after(pty, mark, '✔ win000000 uncordoned');
      await after(pty, mark, 'C cordon');
      mark = pty.screen().length;
      pty.type('q');
      const exited = await Promise.race([
        pty.exited(30_000),
        after(pty, mark, 'y/Ctrl+C quit').then(() => 'asked'),
      ]);
      // Only the verification after the change may still run; nothing is left behind.
      if (exited === 'asked') {
        expect(pty.screen().slice(mark)).not.toContain('Still cordoned');
        pty.type('y');
        expect(await pty.exited(30_000)).toBe(0);
      } else expect(exited).toBe(0);
    } finally {
      pty.kill();
    }
  }, 180_000);

  it('an operation someone started before this program connected is on the status line from the start, followed, and aborted', async () => {
    // Started with a direct ARM call before the TUI exists (as az or a colleague would).
    const { client, at } = (await connectToSim(running.sim)).arm!;
    const other = client.agentPools.upgradeNodeImageVersion(at.resourceGroup, at.name, 'apps');
    void other.pollUntilDone().catch(() => undefined);
    const apps = () => running.sim.aks.state.pools.find((p) => p.name === 'apps')!;
    await until(
      () => apps().provisioningState === 'UpgradingNodeImageVersion',
      'the node image upgrade started before connecting',
    );
    const pty = startInPty(['--sim-connection', running.connectionFile], {
      XDG_STATE_HOME: tempDir('window-state-'),
    });
    try {
      // On the checklist, before any step is opened: shown as started elsewhere, since unknown (≥).
      await pty.waitFor('Node images and OS patches', 60_000);
      await pty.waitFor(
        /⟳ Node image upgrade of pool apps \(started elsewhere\) · ≥\d+s · /,
        30_000,
      );
      // Followed: the elapsed time moves on while it runs.
      const firstSeen = /pool apps \(started elsewhere\) · ≥(\d+)s · /.exec(pty.screen())![1]!;
      let mark = pty.screen().length;
      await after(pty, mark, new RegExp(`\\(started elsewhere\\) · ≥(?!${firstSeen}s)\\d+s · `));
      // The step AKS would refuse offers no second upgrade; a aborts this one.
      pty.type(':node-image\r');
      mark = pty.screen().length;
      await after(pty, mark, /(^|\n)a\/b\/d\/r actions/, 60_000);
      const asked = pty.screen().length;
      pty.type('a');
      await after(pty, asked, 'Abort the running operation on pool apps');
      await yes(pty, asked);
      await after(pty, mark, /■ Node image upgrade of pool apps: Canceled/, 60_000);
      expect(apps().provisioningState).toBe('Canceled');
      await quit(pty);
    } finally {
      pty.kill();
    }
  }, 180_000);

  it('a kubectl cordon in another terminal shows in the drain table within 2 s', async () => {
    const pty = startInPty(['--sim-connection', running.connectionFile], {
      XDG_STATE_HOME: tempDir('window-state-'),
    });
    try {
      let mark = await drainTableFilteredTo(pty, 'win000000');
      await after(pty, mark, /win000000 .*✔ Ready {2}yes/);
      mark = pty.screen().length;
      const env = { ...process.env, KUBECONFIG: running.kubeconfigFile };
      await promisify(execFile)('kubectl', ['cordon', 'win000000'], { env });
      const cordonedAt = Date.now();
      await after(pty, mark, /win000000 .*⊘ cordon/, 10_000);
      const seenIn = Date.now() - cordonedAt;
      process.stdout.write(`kubectl cordon -> drain table: ${seenIn} ms\n`);
      expect(seenIn).toBeLessThan(2_000);
      mark = pty.screen().length;
      await promisify(execFile)('kubectl', ['uncordon', 'win000000'], { env });
      await after(pty, mark, /win000000 .*✔ Ready {2}yes/, 10_000);
      pty.type('q');
      expect(await pty.exited(30_000)).toBe(0);
    } finally {
      pty.kill();
    }
  }, 120_000);
});

describe('the program while a drain runs', () => {
  it('other steps open and read while the drain goes on; upgrades of its pool are unavailable with the reason; back on the drain its progress is all there', async () => {
    const node = running.sim.kube
      .listNodes()
      .find((n) =>
        running.sim.kube.podsOnNode(n.metadata.name).some((p) => p.metadata.name === 'orders-db-0'),
      )!;
    const name = node.metadata.name;
    const pool = node.metadata.labels!['kubernetes.azure.com/agentpool']!;
    // Tall enough that the node-image step's action list (with its reasons) is on screen.
    const pty = startInPty(
      ['--sim-connection', running.connectionFile],
      { XDG_STATE_HOME: tempDir('window-state-') },
      { cols: 100, rows: 60 },
    );
    try {
      let mark = await drainTableFilteredTo(pty, name);
      await after(pty, mark, `filter: ${name}`);
      mark = pty.screen().length;
      pty.type('d');
      await after(pty, mark, `Cordon and drain node ${name}`);
      await yes(pty, mark);
      // The budget holds the database: the drain waits on it (kubectl's rhythm, 300 s per node).
      await after(pty, mark, 'waiting on PDB orders-db', 60_000);
      // Away to the checklist and into another step: it opens and reads while the drain runs.
      mark = pty.screen().length;
      pty.type('\u001b');
      await after(pty, mark, 'Node images and OS patches');
      mark = pty.screen().length;
      pty.type(':node-image\r');
      await after(pty, mark, /Pool .*Image/i, 60_000);
      // The actions are below the findings: to the end of the page.
      pty.type('G');
      await after(
        pty,
        mark,
        `Upgrade the node image of pool ${pool} — not available: the drain step is draining node`,
        60_000,
      );
      await after(pty, mark, /(^|\n)1\/3\/b\/d\/r actions/);
      // Back on the drain: still running, the same node and its wait on the budget.
      mark = pty.screen().length;
      pty.type('\u001b');
      await after(pty, mark, 'Node images and OS patches');
      mark = pty.screen().length;
      pty.type(':drain\r');
      await after(pty, mark, 'Draining');
      await after(pty, mark, /orders-db-0 +⏸ waiting on PDB orders-db since/);
      expect(pty.screen().slice(mark)).toContain(name);
      // Abort it; the node stays cordoned, and quitting asks about it.
      mark = pty.screen().length;
      pty.type('x');
      await after(pty, mark, `Abort the drain of node ${name}`);
      await yes(pty, mark);
      await after(pty, mark, 'Drain finished', 60_000);
      await quit(pty);
    } finally {
      pty.kill();
    }
  }, 240_000);
});
