import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setNodeUnschedulable } from '../../src/kube/cordon.js';
import { startSimulator, type Simulator } from '../../src/sim/simulator.js';
import { inspectDrain } from '../../src/steps/drain/inspect.js';
import type { Connection } from '../../src/model/connection.js';
import { connectToSim } from '../helpers/sim-session.js';

// A step verifies a change by inspecting again: that inspection must see the cluster as it is
// now, never an answer kept from before the change.

let sim: Simulator;
let connection: Connection;
const mode = { readOnly: false, dryRun: false, demo: false };

beforeAll(async () => {
  sim = await startSimulator({ scenario: 'demo', speed: 1000 });
  connection = await connectToSim(sim);
});
afterAll(async () => {
  await sim.close();
});

async function schedulable(node: string): Promise<boolean | undefined> {
  const seen = await inspectDrain({ connection, mode });
  return seen.facts.nodes.find((n) => n.name === node)?.schedulable;
}

async function someNode(): Promise<string> {
  const seen = await inspectDrain({ connection, mode });
  return seen.facts.nodes.find((n) => n.schedulable)!.name;
}

describe('verification after a change', () => {
  it('outside a read batch (every step screen) each inspection reads the cluster again', async () => {
    const node = await someNode();
    expect(await schedulable(node)).toBe(true);
    await setNodeUnschedulable(connection.kc, node, true);
    expect(await schedulable(node)).toBe(false);
    await setNodeUnschedulable(connection.kc, node, false);
    expect(await schedulable(node)).toBe(true);
  });

  it('inside a read batch, a write drops the shared answers: the next inspection reads the new state', async () => {
    const node = await someNode();
    await connection.reads.batch(async () => {
      expect(await schedulable(node)).toBe(true);
      // The batch is a snapshot of one moment, until something is written (the wire tells it).
      await setNodeUnschedulable(connection.kc, node, true);
      expect(await schedulable(node)).toBe(false);
      const before = sim.log.entries.length;
      await inspectDrain({ connection, mode });
      // No write in between: shared again (no second read of the nodes).
      expect(sim.log.entries.slice(before).filter((e) => e.path === '/api/v1/nodes')).toEqual([]);
    });
    // The batch is over: nothing kept.
    await setNodeUnschedulable(connection.kc, node, false);
    expect(await schedulable(node)).toBe(true);
  });
});
