// With only a kubeconfig the policy engine is unknown, and the step's own rows say a namespace its
// policies block is "△ blocked if enforced" (AKS enforces no NetworkPolicy unless an engine was
// chosen). Yet after applying, the result says "✔ <ns>: verified blocked": a pass the step cannot
// have verified, shown to the operator as the outcome of the change.
// Spec: https://learn.microsoft.com/azure/aks/use-network-policies ("network policy: none" is the
// default: policies are stored but not enforced); README "The metadata endpoint step" (unknown
// engine: blocked if enforced).
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startSimulator } from '../../../src/sim/simulator.js';
import { connect } from '../../../src/target/connect.js';
import { imdsStep } from '../../../src/steps/imds/index.js';
import { hostFor, until } from '../../helpers/sim-session.js';
import { tempDir } from '../../helpers/temp-dir.js';

describe('imds apply with the engine unknown (kubeconfig only)', () => {
  it('does not report the created policies as verified blocked', async () => {
    const sim = await startSimulator({ scenario: 'demo', speed: 600 });
    try {
      const file = join(tempDir('kc-'), 'config');
      writeFileSync(file, sim.userKubeconfig());
      const connection = await connect(
        { cloud: 'AzureCloud', demo: false, kubeconfig: file },
        { env: {}, mode: { readOnly: false, dryRun: false } },
      );
      const { store, host, close } = await hostFor(connection, { imds: imdsStep });
      try {
        await host.open('imds');
        const sent = host.send('imds', { type: 'action', key: 'a' });
        await until(() => store.getState().confirmation !== undefined, 'the confirmation', 10_000);
        store.answer(true);
        await sent;
        const result = store.getState().stepViews.imds?.result ?? [];
        // The fact under test: policies were created and the look after it succeeded.
        expect(result.length).toBeGreaterThan(0);
        // Correct: nothing the step read says an engine enforces them.
        expect(result.filter((l) => l.includes('verified blocked'))).toEqual([]);
      } finally {
        await close();
      }
    } finally {
      await sim.close();
    }
  }, 30_000);
});
