import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { KubeConfig, PolicyV1Api } from '@kubernetes/client-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseJournal } from '../../src/runbook/journal-read.js';
import { drainCaseNode } from '../../src/sim/scenarios/drain-kubectl.js';
import { startInPty, type PtySession } from '../helpers/pty.js';
import { startSimCommand, type RunningSim } from '../helpers/sim-command.js';
import { tempDir } from '../helpers/temp-dir.js';

// A two-node drain in the built program is killed (SIGKILL) while the first node waits on a PDB
// and the second is still queued; the next session on the same `aks-runbook sim --speed 10`
// offers the whole plan and, once the budget is relaxed, drains both nodes.

const BLOCKED = drainCaseNode('pdb-blocks');
const QUEUED = drainCaseNode('finished');
const CLUSTER = 'aks-drain-kubectl';

/** Types `text` and waits for `expected` in what the terminal printed since. */
async function typeAndSee(pty: PtySession, text: string, expected: string | RegExp) {
  const [plain, raw] = [pty.screen().length, pty.raw().length];
  pty.type(text);
  await pty.waitFor(() =>
    typeof expected === 'string'
      ? pty.screen().slice(plain).includes(expected)
      : expected.test(pty.raw().slice(raw)),
  );
}

/** The filter field's cursor: an inverse space right after the `/` prompt. */
// eslint-disable-next-line no-control-regex
const FILTER_OPEN = /\/(\u001b\[[0-9;]*m)*\u001b\[7m \u001b\[27m/;

/** Filters the node table to `node` and selects it. */
async function select(pty: PtySession, node: string, clearFirst = false): Promise<void> {
  const suffix = node.slice(-10);
  // Esc on the table clears the filter of the node chosen before (its selection stays).
  if (clearFirst) await typeAndSee(pty, '\u001b', 'd drain · ');
  await typeAndSee(pty, '/', FILTER_OPEN);
  await typeAndSee(pty, suffix, `/${suffix}`);
  await typeAndSee(pty, '\r', `filter: ${suffix}`);
  await typeAndSee(pty, ' ', '[x]');
}

/** Types the cluster's name one key at a time into the typed confirmation, then Enter. */
async function typedYes(pty: PtySession): Promise<void> {
  await pty.waitFor('Enter go ahead, if the name is right');
  for (let i = 1; i <= CLUSTER.length; i++)
    await typeAndSee(pty, CLUSTER[i - 1]!, `› ${CLUSTER.slice(0, i)}`);
  pty.type('\r');
}

describe('resume after kill -9 of a two-node drain', () => {
  const dir = tempDir('drain-plan-');
  const state = tempDir('state-');
  const journals = join(state, 'aks-runbook');
  let running: RunningSim;
  const args = ['--sim-connection', join(dir, 'sim.json')];
  beforeAll(async () => {
    running = await startSimCommand('drain-kubectl', { dir, speed: 10 });
  });
  afterAll(() => running.stop());

  it('keeps the whole plan and finishes both nodes', async () => {
    const first = startInPty(args, { XDG_STATE_HOME: state });
    try {
      await first.waitFor('Node images and OS patches', 60_000);
      await typeAndSee(first, ':drain\r', 'Cordon and drain');
      await first.waitFor('d drain · ', 60_000);
      // Both nodes selected with neither hidden: keeping a filter drops the selected nodes it
      // hides, so the second is reached from the first with the cursor, the filter cleared.
      await select(first, BLOCKED);
      await typeAndSee(first, '\u001b', 'd drain · ');
      await typeAndSee(first, '\u001b[B\u001b[B', QUEUED.slice(-10));
      await typeAndSee(first, ' ', '2 selected');
      await typeAndSee(first, 'd', 'Confirm a change');
      await typedYes(first);
      await first.waitFor('waiting on PDB ledger', 60_000);
      const file = readdirSync(journals).find((f) => f.endsWith('.jsonl'))!;
      const text = readFileSync(join(journals, file), 'utf8');
      expect(text).toContain('"action":"drain nodes"');
      const pid = parseJournal(file, text).records.find((r) => r.type === 'session')?.pid;
      process.kill(pid!, 'SIGKILL');
      await first.exited(30_000);
    } finally {
      first.kill();
    }
    expect(running.sim.kube.getNode(QUEUED)?.['spec']).not.toMatchObject({ unschedulable: true });
    // The budget's owner relaxes it from another terminal.
    const kc = new KubeConfig();
    kc.loadFromString(running.sim.userKubeconfig());
    await kc
      .makeApiClient(PolicyV1Api)
      .deleteNamespacedPodDisruptionBudget({ name: 'ledger', namespace: 'cases' });

    const second = startInPty(args, { XDG_STATE_HOME: state });
    try {
      await second.waitFor('ended in the middle of a change', 60_000);
      await second.waitFor('Enter open that step');
      await typeAndSee(second, '\r', 'Interrupted drain');
      await second.waitFor(`${QUEUED}: not reached yet`, 60_000);
      await typeAndSee(second, 'd', 'Confirm a change');
      await typedYes(second);
      await second.waitFor(`✔ ${BLOCKED}: drained`, 60_000);
      await second.waitFor(`✔ ${QUEUED}: drained`, 60_000);
      await typeAndSee(second, 'q', 'Still cordoned by this session');
      await second.waitFor('y/Ctrl+C quit');
      second.type('y');
      expect(await second.exited(30_000)).toBe(0);
    } finally {
      second.kill();
    }
    for (const node of [BLOCKED, QUEUED]) {
      expect(running.sim.kube.getNode(node)?.['spec']).toMatchObject({ unschedulable: true });
    }
  }, 240_000);
});
