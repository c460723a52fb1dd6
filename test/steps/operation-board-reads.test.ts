// ARM reads of the operation board overlap with what this session does: a read sent before this
// session sent (or ended) an operation answers after it. What that read saw is ARM before the
// operation: folded in, it ended an upgrade just sent ("succeeded") or brought back one that had
// ended (as started elsewhere). Each read's answer is released by hand here, in the order that
// broke it, so nothing depends on timing.
import { describe, expect, it } from 'vitest';
import type { Connection } from '../../src/model/connection.js';
import type { RunningOperation } from '../../src/model/operation.js';
import { OperationBoard } from '../../src/steps/rotation/board.js';

/** One ARM read of the cluster held until `answer` gives its provisioningState. */
interface HeldRead {
  answer(state: string): void;
}

/** A board on a fake ARM client whose reads of the cluster wait to be answered, in `reads`. */
function boardOnHeldArm() {
  const reads: HeldRead[] = [];
  const client = {
    managedClusters: {
      get: () =>
        new Promise((resolve) =>
          reads.push({ answer: (state) => resolve({ provisioningState: state }) }),
        ),
    },
    agentPools: {
      // No pools: the cluster's own state is the one folded in.
      list: async function* () {},
    },
  };
  const connection = {
    arm: { client, at: { subscriptionId: 's', resourceGroup: 'rg', name: 'aks-one' } },
  } as unknown as Pick<Connection, 'arm' | 'kc'>;
  let shown: RunningOperation | undefined;
  const board = new OperationBoard(connection, (op) => (shown = op), { followMs: 60_000 });
  return { board, reads, shown: () => shown };
}

/** Lets the answered read's awaits run. */
const settle = () => new Promise((r) => setImmediate(r));

describe('ARM reads that answer after this session moved', () => {
  it('a read sent before this session sent an upgrade does not end that upgrade', async () => {
    const { board, reads, shown } = boardOnHeldArm();
    const before = board.readArm();
    await settle();
    board.began({ kind: 'cluster', name: 'aks-one' }, 'Upgrade of cluster aks-one to 1.33.1');
    // ARM as it was before the PUT: nothing running.
    reads[0]!.answer('Succeeded');
    await before;
    expect(shown()).toMatchObject({ by: 'this session', phase: 'running' });
    expect(board.ongoing).toBe(true);

    // A read sent after it is ARM's word, and is folded in.
    const after = board.readArm();
    await settle();
    reads[1]!.answer('Upgrading');
    await after;
    expect(shown()).toMatchObject({ armState: 'Upgrading', phase: 'running' });
  });

  it('a read sent before this session ended its operation does not bring it back as started elsewhere', async () => {
    const { board, reads, shown } = boardOnHeldArm();
    board.began({ kind: 'cluster', name: 'aks-one' }, 'Upgrade of cluster aks-one to 1.33.1');
    const during = board.readArm();
    await settle();
    board.ended({ kind: 'succeeded' });
    reads[0]!.answer('Upgrading');
    await during;
    expect(shown()).toMatchObject({ by: 'this session', phase: 'succeeded' });
    expect(board.ongoing).toBe(false);
  });

  it('an older read answering after a newer one does not show the older state', async () => {
    const { board, reads, shown } = boardOnHeldArm();
    const older = board.readArm();
    const newer = board.readArm();
    await settle();
    // The newer read sees the operation started elsewhere ended; the older one saw it running.
    reads[1]!.answer('Succeeded');
    await newer;
    reads[0]!.answer('Upgrading');
    await older;
    expect(shown()).toBeUndefined();
    expect(board.ongoing).toBe(false);
    await board.stop();
  });
});
