// The simulated resource provider's skew rule, from the AKS supported-versions FAQ: from 1.28 on
// an agent pool may be up to three minors older than the control plane, two before; a
// control-plane upgrade that would leave a pool further behind is refused like a pool PUT.
import { describe, expect, it } from 'vitest';
import { checkPoolsLeftBehind, checkPoolVersion } from '../../src/sim/arm/rules.js';
import { scenarioFromFiles } from '../../src/sim/scenario.js';
import { minimalDescriptor } from '../helpers/scenario-descriptor.js';

const versions = ['1.24', '1.25', '1.26', '1.27', '1.28', '1.29', '1.30', '1.31'].map((v) => ({
  version: v,
  patches: [`${v}.5`, `${v}.6`],
}));

describe('simulated pool skew', () => {
  it('a pool PUT may land three minors behind a 1.28+ control plane, two before', () => {
    expect(checkPoolVersion(versions, 'apps', '1.26.5', '1.27.5', '1.30.5')).toBeUndefined();
    expect(checkPoolVersion(versions, 'apps', '1.25.5', '1.26.5', '1.30.5')).toMatchObject({
      code: 'NodePoolMcVersionIncompatible',
    });
    // Before 1.28: three behind is past it.
    expect(checkPoolVersion(versions, 'apps', '1.24.5', '1.24.6', '1.27.5')).toMatchObject({
      code: 'NodePoolMcVersionIncompatible',
    });
    expect(checkPoolVersion(versions, 'apps', '1.25.5', '1.25.6', '1.27.5')).toBeUndefined();
    expect(checkPoolVersion(versions, 'apps', '1.25.5', '1.25.6', '1.28.5')).toBeUndefined();
  });

  it('refuses a control plane that would leave a pool past the skew', () => {
    const pools = [
      { name: 'system', currentOrchestratorVersion: '1.30.5' },
      { name: 'apps', currentOrchestratorVersion: '1.27.5' },
    ];
    expect(checkPoolsLeftBehind(pools, '1.30.5')).toBeUndefined();
    const refused = checkPoolsLeftBehind(pools, '1.31.5');
    expect(refused).toMatchObject({ status: 400, code: 'NodePoolMcVersionIncompatible' });
    expect(refused?.message).toContain('1.27.5');
    expect(refused?.message).toContain('more than 3 versions less');
  });
});

describe('a scenario pool and its control plane', () => {
  const descriptor = (pool: string) =>
    minimalDescriptor()
      .replace('orchestratorVersion: 1.31.8', `orchestratorVersion: ${pool}`)
      .replace(
        '    patches: [1.31.8]',
        '    patches: [1.31.8]\n  - version: "1.28"\n    patches: [1.28.5]\n  - version: "1.27"\n    patches: [1.27.5]',
      );
  const load = (pool: string) =>
    scenarioFromFiles('x', [{ name: 'x/aks.yaml', text: descriptor(pool) }]);

  it('loads a pool three minors behind a 1.31 control plane, not four', () => {
    expect(() => load('1.28.5')).not.toThrow();
    expect(() => load('1.27.5')).toThrow(/outside the allowed skew of control plane 1\.31\.8/);
  });
});
