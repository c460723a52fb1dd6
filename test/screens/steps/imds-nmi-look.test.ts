import { describe, expect, it } from 'vitest';
import { verdictLook } from '../../../screens/steps/imds/namespace-table.js';

describe('imds table: a namespace whose metadata traffic NMI intercepts', () => {
  it('never reads as blocked', () => {
    expect(verdictLook({ verdict: 'blocked', enforced: true }).text).toBe('✔ blocked');
    expect(verdictLook({ verdict: 'blocked', enforced: true, intercepted: true }).text).toBe(
      '✖ via NMI',
    );
    // Its own verdict stays when the policies alone already leave pods open.
    expect(verdictLook({ verdict: 'partial', enforced: true, intercepted: true }).text).toBe(
      '△ partial',
    );
  });
});
