// An operation started elsewhere is found by a look, which then runs out of its time bound or
// fails: the board's follow loop keeps reading ARM (it runs outside that look's bound) and the
// operation reaches its real end on the board, with no look again (no r).
import { afterEach, describe, expect, it } from 'vitest';
import { withinLookBound } from '../../src/model/look-bound.js';
import type { RunningOperation } from '../../src/model/operation.js';
import { startSimulator, type Simulator } from '../../src/sim/simulator.js';
import { OperationBoard } from '../../src/steps/rotation/board.js';
import { connectToSim, until } from '../helpers/sim-session.js';
import { nodeImageUpgradeElsewhere } from './started-elsewhere.js';

let sim: Simulator | undefined;
let board: OperationBoard | undefined;
afterEach(async () => {
  await board?.stop();
  await sim?.close();
  board = sim = undefined;
});

/** A node image upgrade of pool system started by someone else, and a board on a new session. */
async function startedElsewhere() {
  sim = await startSimulator({ scenario: 'demo', speed: 60 });
  const connection = await connectToSim(sim);
  await nodeImageUpgradeElsewhere(sim, connection);
  let shown: RunningOperation | undefined;
  board = new OperationBoard(connection, (op) => (shown = op), { followMs: 20 });
  return { board, shown: () => shown };
}

/** ARM ends the operation; the board, reading every 20 ms, says so within a few reads. */
async function endsOnTheBoard(shown: () => RunningOperation | undefined): Promise<void> {
  await until(
    () => sim!.aks.state.pools[0]!.provisioningState === 'Succeeded',
    'ARM to end the operation',
    30_000,
  );
  await until(() => shown()?.phase === 'succeeded', 'the board to show it ended', 3_000);
}

describe('following an operation started elsewhere after the look that found it ended', () => {
  it('the look runs out of its bound: the board still follows the operation to Succeeded', async () => {
    const { board, shown } = await startedElsewhere();
    const look = withinLookBound(300, async () => {
      await board.readArm();
      // The rest of the look does not answer: the bound runs out while the loop follows.
      await new Promise(() => undefined);
    });
    await expect(look).rejects.toThrow(/did not answer within 0\.3 s/);
    expect(shown()).toMatchObject({ by: 'elsewhere', phase: 'running' });
    await endsOnTheBoard(shown);
  }, 90_000);

  it('the look fails: the board still follows the operation to Succeeded', async () => {
    const { board, shown } = await startedElsewhere();
    const look = withinLookBound(10_000, async () => {
      await board.readArm();
      throw new Error('another read of the look failed');
    });
    await expect(look).rejects.toThrow('another read of the look failed');
    expect(shown()).toMatchObject({ by: 'elsewhere', phase: 'running' });
    await endsOnTheBoard(shown);
  }, 90_000);
});
