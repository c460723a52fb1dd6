import { describe, expect, it } from 'vitest';
import { entraModeOf } from '../../src/checks/access/entra-mode.js';

describe('the Entra ID mode of a cluster', () => {
  it.each([
    [undefined, 'off'],
    [{}, 'off'],
    [{ managed: true }, 'managed'],
    [{ enableAzureRbac: true }, 'managed'],
    [{ serverAppID: 'app' }, 'legacy'],
    [{ serverAppID: 'app', managed: true }, 'managed'],
  ] as const)('%j is %s', (aad, mode) => {
    expect(entraModeOf(aad)).toBe(mode);
  });
});
