// With only a kubeconfig the policy engine is unknown; after the `e` edit of a rule that re-opened
// 169.254.169.254, the result says "✔ batch: verified blocked", although the step's rows say such a
// namespace is blocked only if an engine enforces its policies (AKS enforces none unless one was
// chosen). Same wording defect as the apply path, in fix-flow.ts.
// Spec: https://learn.microsoft.com/azure/aks/use-network-policies ("network policy: none" is the
// default: policies are stored, not enforced); README "The metadata endpoint step".
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startSimulator } from '../../../src/sim/simulator.js';
import { connect } from '../../../src/target/connect.js';
import { imdsStep } from '../../../src/steps/imds/index.js';
import { hostFor, until } from '../../helpers/sim-session.js';
import { tempDir } from '../../helpers/temp-dir.js';

describe('imds rule edit with the engine unknown (kubeconfig only)', () => {
  it('does not report the namespace as verified blocked', async () => {
    const sim = await startSimulator({ scenario: 'imds-mixed', speed: 600 });
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
        const sent = host.send('imds', { type: 'fix', namespace: 'batch' });
        await until(() => store.getState().confirmation !== undefined, 'the confirmation', 10_000);
        store.answer(true);
        await sent;
        const result = store.getState().stepViews.imds?.result ?? [];
        // The fact under test: the edit was made and the look after it succeeded.
        expect(result.length).toBeGreaterThan(0);
        expect(result.join('\n')).not.toContain('not verified');
        // Correct: nothing the step read says an engine enforces the policies.
        expect(result.filter((l) => l.includes('verified blocked'))).toEqual([]);
      } finally {
        await close();
      }
    } finally {
      await sim.close();
    }
  }, 30_000);
});
