// Windows pods (spec.os.name: windows) on a Windows Server 2019 pool under Azure NPM: the step
// knows the policies are not enforced for them and raises imds.namespace-exposed (high), yet the
// step's summary line for the namespace (what the audit and the board show) reads "✔ blocked".
// The verdict words look at the engine and NMI but not at Windows pods left unenforced.
// Fixed: the words say the Windows pods are not enforced, as the finding does.
// Spec: https://learn.microsoft.com/azure/aks/use-network-policies (engine table, "Supported
// platforms": Azure NPM on Linux and Windows Server 2022 only).
import { describe, expect, it } from 'vitest';
import { startSimulator } from '../../../src/sim/simulator.js';
import { imdsStep } from '../../../src/steps/imds/index.js';
import { connectToSim } from '../../helpers/sim-session.js';
import { DENY_EGRESS, windowsNpmScenario } from './windows-npm.js';

describe('imds summary for Windows pods NPM does not enforce', () => {
  it('does not read "✔ blocked" beside a high exposure finding', async () => {
    const sim = await startSimulator({
      scenario: windowsNpmScenario(2019, DENY_EGRESS),
      speed: 600,
    });
    try {
      const seen = await imdsStep.inspect!({
        connection: await connectToSim(sim),
        mode: { readOnly: true, dryRun: false, demo: true },
      });
      // The fact under test: the step itself reports the namespace exposed.
      const exposed = seen.findings.filter(
        (f) => f.id === 'imds.namespace-exposed' && f.object?.name === 'winapps',
      );
      expect(exposed).toHaveLength(1);
      const line = seen.summary!.find((l) => l.startsWith('winapps: '));
      expect(line).toBeDefined();
      expect(line).not.toContain('✔ blocked');
    } finally {
      await sim.close();
    }
  }, 30_000);
});
