// The shared board and the ending of one operation: a request that never went out is never on the
// board, and a journal that fails after AKS's answer neither replaces that answer nor leaves the
// board saying the operation runs.
import { afterEach, describe, expect, it } from 'vitest';
import { postNodeImageUpgrade } from '../../src/azure/upgrade-ops.js';
import type { StepJournal } from '../../src/model/journal.js';
import type { RunningOperation } from '../../src/model/operation.js';
import { startSimulator, type Simulator } from '../../src/sim/simulator.js';
import { OperationBoard } from '../../src/steps/rotation/board.js';
import { operationChange } from '../../src/steps/rotation/operation-change.js';
import { connectToSim } from '../helpers/sim-session.js';

let sim: Simulator | undefined;
let board: OperationBoard | undefined;
afterEach(async () => {
  await board?.stop();
  await sim?.close();
  board = sim = undefined;
});

/** A journal whose writes after the intent all fail (a disk that filled meanwhile). */
function fullAfterIntent(): StepJournal {
  const full = () => new Error('the journal could not be written (ENOSPC)');
  return {
    path: '/nonexistent/journal.jsonl',
    mutation: async (_intent, act) => {
      await act();
      throw full();
    },
    settled: () => Promise.reject(full()),
    note: () => Promise.reject(full()),
    read: () => Promise.reject(full()),
    writeTranscript: () => Promise.reject(full()),
  };
}

async function nodeImageChange(journal?: StepJournal) {
  sim = await startSimulator({ scenario: 'demo', speed: 600 });
  const connection = await connectToSim(sim);
  // The system pool: no budget blocks its drain in the demo.
  const pool = 'system';
  expect(sim.kube.listNodes().some((n) => n.metadata.labels!['agentpool'] === pool)).toBe(true);
  let shown: RunningOperation | undefined;
  board = new OperationBoard(connection, (op) => (shown = op), { followMs: 20 });
  const arm = connection.arm!;
  let started = false;
  const change = operationChange(
    {
      id: 'node-image',
      connection,
      journal: journal ?? fullAfterIntent(),
      cluster: connection.summary.name,
      operations: board,
    },
    {
      intent: { step: 'node-image', action: 'upgrade node image', target: `agentPool/${pool}` },
      pool,
      what: `Node image upgrade of pool ${pool}`,
      target: {},
      start: () => {
        started = true;
        return postNodeImageUpgrade(arm.client, arm.at, pool, { updateIntervalInMs: 20 });
      },
      pollMs: 20,
    },
    {
      confirm: { cluster: connection.summary.name, change: 'upgrade the node image' },
      dryRunWhat: 'node image upgrade',
      dryRun: ['Dry run'],
    },
  );
  return { change, shown: () => shown, started: () => started };
}

describe('an operation and the shared board', () => {
  it('a request that failed before going out is said as not sent and never on the board', async () => {
    const { change, shown, started } = await nodeImageChange();
    await sim!.close();
    const outcome = await change.run(
      () => undefined,
      new AbortController().signal,
      () => Promise.resolve(false),
    );
    expect(started()).toBe(false);
    expect(outcome.lines[0]).toMatch(/^✖ Node image upgrade of pool \S+ was not sent: /);
    expect(shown()).toBeUndefined();
    expect(board!.current).toBeUndefined();
  }, 60_000);

  it('a journal failing after AKS answered keeps "succeeded" and ends the board', async () => {
    const { change, shown, started } = await nodeImageChange();
    const outcome = await change.run(
      () => undefined,
      new AbortController().signal,
      () => Promise.resolve(false),
    );
    expect(started()).toBe(true);
    expect(outcome.ending).toEqual({ kind: 'succeeded' });
    expect(outcome.lines[0]).toMatch(/^✔ Node image upgrade of pool \S+ succeeded\.$/);
    expect(outcome.lines.join('\n')).toMatch(/journal could not record how it ended/);
    expect(shown()).toMatchObject({ by: 'this session', phase: 'succeeded' });
  }, 60_000);
});
