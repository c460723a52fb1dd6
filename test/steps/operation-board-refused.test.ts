// The board follows an operation started elsewhere by reading ARM every few seconds. A read ARM
// refuses (401 expired sign-in, 403 no read right, 404 the cluster gone) used to be swallowed and
// asked again forever, the "started elsewhere" line standing still without a word. Now it is
// asked no more and the operation says ARM refused reading it; a failure a retry may mend
// (429, 5xx) is tried again quietly, as the watches do (the shared rule, answerFinal).
import { afterEach, describe, expect, it } from 'vitest';
import type { RunningOperation } from '../../src/model/operation.js';
import { armError, type Interceptor } from '../../src/sim/server.js';
import { startSimulator, type Simulator } from '../../src/sim/simulator.js';
import { OperationBoard } from '../../src/steps/rotation/board.js';
import { operationLine } from '../../screens/operation-line.js';
import { connectToSim, until } from '../helpers/sim-session.js';
import { nodeImageUpgradeElsewhere } from './started-elsewhere.js';

let sim: Simulator | undefined;
let board: OperationBoard | undefined;
afterEach(async () => {
  await board?.stop();
  await sim?.close();
  board = sim = undefined;
});

/** Answers ARM's GET of the managed cluster with `status` while `on()` holds. */
function clusterReads(status: number, code: string, on: () => boolean) {
  const hits = { count: 0 };
  const intercept: Interceptor = (q, api) => {
    if (api !== 'arm' || q.method !== 'GET' || !/\/managedClusters\/[^/]+$/i.test(q.path))
      return undefined;
    if (!on()) return undefined;
    hits.count++;
    return armError(status, code, `${code} (injected)`);
  };
  return { hits, intercept };
}

/** A node image upgrade started elsewhere, found by a board reading ARM every 20 ms. */
async function startedElsewhere(intercept: Interceptor) {
  sim = await startSimulator({ scenario: 'demo', speed: 60 });
  (sim as unknown as { https: { interceptors: Interceptor[] } }).https.interceptors.unshift(
    intercept,
  );
  const connection = await connectToSim(sim);
  await nodeImageUpgradeElsewhere(sim, connection);
  let shown: RunningOperation | undefined;
  board = new OperationBoard(connection, (op) => (shown = op), { followMs: 20 });
  await board.readArm();
  expect(shown).toMatchObject({ by: 'elsewhere', phase: 'running' });
  return { board, shown: () => shown };
}

describe('the board following an operation started elsewhere when ARM cannot be read', () => {
  it.each([
    [401, 'ExpiredAuthenticationToken', '401 Unauthorized', /sign in again \(az login\)/],
    [403, 'AuthorizationFailed', '403 Forbidden', /r on Upgrades reads it again/],
    [404, 'ResourceNotFound', '404 Not Found', /r on Upgrades reads it again/],
  ])(
    'refused (%i): asked once, said on the line, read again on r',
    async (status, code, words, advice) => {
      let armed = false;
      const { hits, intercept } = clusterReads(status, code, () => armed);
      const { board, shown } = await startedElsewhere(intercept);
      armed = true;
      await until(() => shown()?.unread !== undefined, 'the refusal said', 10_000);
      expect(shown()!.unread).toEqual({ status, words });
      // The loop has ended: nothing is left to ask again, so one request seen is the proof.
      await until(() => !board.followsArm, 'the follow loop to end', 10_000);
      expect(hits.count).toBe(1);
      const line = operationLine(shown()!, Date.now());
      expect(line.text).toContain(`(started elsewhere)`);
      expect(line.text).toContain(`not followed: ARM refused reading it (${words})`);
      expect(line.text).toMatch(advice);
      expect(line.text).not.toContain('\n');

      // r reads again: ARM answers, the refusal goes and the board follows again.
      armed = false;
      await board.readArm();
      expect(shown()!.unread).toBeUndefined();
      expect(board.followsArm).toBe(true);
    },
    60_000,
  );

  it.each([
    [503, 'ServiceUnavailable'],
    [429, 'TooManyRequests'],
  ])(
    'failing (%i): tried again quietly, and the operation still reaches its end',
    async (status, code) => {
      let failing = false;
      const { hits, intercept } = clusterReads(status, code, () => failing);
      const { board, shown } = await startedElsewhere(intercept);
      failing = true;
      await until(() => hits.count >= 3, 'reads tried again', 10_000);
      expect(shown()!.unread).toBeUndefined();
      expect(board.followsArm).toBe(true);
      failing = false;
      await until(
        () => sim!.aks.state.pools[0]!.provisioningState === 'Succeeded',
        'ARM to end the operation',
        30_000,
      );
      await until(() => shown()?.phase === 'succeeded', 'the board to show it ended', 5_000);
    },
    90_000,
  );
});
