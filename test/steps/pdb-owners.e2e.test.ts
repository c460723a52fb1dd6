// The workloads a PDB covers, read over the wire from the simulator: owners are followed by uid
// (pod -> ReplicaSet -> Deployment), never guessed from names.
import { afterEach, expect, it } from 'vitest';
import { startSimulator, type Simulator } from '../../src/sim/simulator.js';
import { readPdbFacts } from '../../src/steps/upgrades/pdb-facts.js';
import { connectToSim, wireMode } from '../helpers/sim-session.js';

let sim: Simulator | undefined;
afterEach(async () => {
  await sim?.close();
  sim = undefined;
});

it('names the Deployment and the StatefulSet behind the demo cluster PDBs', async () => {
  sim = await startSimulator({ scenario: 'demo', speed: 600 });
  const connection = await connectToSim(sim, { mode: wireMode({ readOnly: true }) });
  const pdbs = await readPdbFacts(connection.kc);
  const workloads = Object.fromEntries(pdbs.map((p) => [`${p.namespace}/${p.name}`, p.workloads]));
  expect(workloads['shop/storefront']).toEqual(['Deployment/storefront']);
  expect(workloads['payments/orders-db']).toEqual(['StatefulSet/orders-db']);
});
