// With only a kubeconfig the policy engine is unknown, and the step's own rows say a namespace its
// policies block is "△ blocked if enforced" (AKS enforces no NetworkPolicy unless an engine was
// chosen). The result of a change, apply or the `e` rule edit, must not then say "✔ <ns>:
// verified blocked": a pass the step cannot have verified.
// Spec: https://learn.microsoft.com/azure/aks/use-network-policies ("network policy: none" is the
// default: policies are stored but not enforced); README "The metadata endpoint step" (unknown
// engine: blocked if enforced).
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startSimulator } from '../../../src/sim/simulator.js';
import { connect } from '../../../src/target/connect.js';
import { imdsStep } from '../../../src/steps/imds/index.js';
import type { StepEvents } from '../../../src/steps/registry-types.js';
import { hostFor, until } from '../../helpers/sim-session.js';
import { tempDir } from '../../helpers/temp-dir.js';

/** The step's result lines after `action` is confirmed, on `scenario` reached by kubeconfig only. */
async function resultWithKubeconfigOnly(
  scenario: string,
  action: StepEvents['imds'],
): Promise<string[]> {
  const sim = await startSimulator({ scenario, speed: 600 });
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
      const sent = host.send('imds', action);
      await until(() => store.getState().confirmation !== undefined, 'the confirmation', 10_000);
      store.answer(true);
      await sent;
      return store.getState().stepViews.imds?.result ?? [];
    } finally {
      await close();
    }
  } finally {
    await sim.close();
  }
}

describe('imds changes with the engine unknown (kubeconfig only)', () => {
  it('apply does not report the created policies as verified blocked', async () => {
    const result = await resultWithKubeconfigOnly('demo', { type: 'action', key: 'a' });
    // The fact under test: policies were created and the look after it succeeded.
    expect(result.length).toBeGreaterThan(0);
    // Correct: nothing the step read says an engine enforces them.
    expect(result.filter((l) => l.includes('verified blocked'))).toEqual([]);
  }, 30_000);

  it('the rule edit does not report the namespace as verified blocked', async () => {
    const result = await resultWithKubeconfigOnly('imds-mixed', {
      type: 'fix',
      namespace: 'batch',
    });
    // The fact under test: the edit was made and the look after it succeeded.
    expect(result.length).toBeGreaterThan(0);
    expect(result.join('\n')).not.toContain('not verified');
    expect(result.filter((l) => l.includes('verified blocked'))).toEqual([]);
  }, 30_000);
});
