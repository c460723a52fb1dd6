// The session stopped (as on q or SIGTERM) while a request of the drain is on its way.
import type { HeldRequest } from '../../src/sim/simulator.js';
import { onCleanup } from '../helpers/cleanup.js';
import { drainRig, nodeOf } from './rig.js';
import { until } from './sim-session.js';

type Rig = Awaited<ReturnType<typeof drainRig>>;

/**
 * On the demo cluster, drains an apps node (not the one running orders-db) with the simulator
 * holding, unanswered, the requests `hold` picks; stops the session once one reached it and the
 * drain has ended. Released and closed when the test finishes.
 */
export async function stopMidDrain(
  hold: (method: string, path: string) => boolean,
): Promise<{ rig: Rig; held: HeldRequest }> {
  const rig = await drainRig('demo');
  const holding: { held?: HeldRequest } = {};
  onCleanup(async () => {
    holding.held?.release();
    await rig.close();
  });
  await rig.host.open('drain');
  const node = rig
    .state()
    .nodes.find((n) => n.pool === 'apps' && n.name !== nodeOf(rig.sim, 'orders-db'))!.name;
  const held = (holding.held = rig.sim.hold(hold));
  const sent = rig.host.send('drain', { type: 'drain', nodes: [node] });
  await until(() => rig.store.getState().confirmation !== undefined, 'the confirmation');
  rig.store.answer(true);
  await held.reached;
  await rig.host.stop();
  await sent;
  return { rig, held };
}
