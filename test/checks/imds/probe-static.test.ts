// The static answer a probe is compared with: "blocked" carries its condition when the policy
// engine is unknown, since nothing may enforce the policies.
import { describe, expect, it } from 'vitest';
import type { ImdsFacts } from '../../../src/checks/imds/assess.js';
import type { EngineFacts } from '../../../src/checks/imds/engine.js';
import { staticProbeAnswer } from '../../../src/checks/imds/probe.js';

const KNOWN: EngineFacts = {
  known: true,
  resourceGroup: 'rg',
  cluster: 'aks',
  networkPolicy: 'calico',
};
const facts = (engine: EngineFacts): ImdsFacts => ({
  engine,
  namespaces: [
    { name: 'safe', labels: {} },
    { name: 'open', labels: {} },
  ],
  pods: [],
  policies: [
    {
      namespace: 'safe',
      name: 'block',
      podSelector: {},
      policyTypes: ['Egress'],
      egress: [{ to: [{ ipBlock: { cidr: '0.0.0.0/0', except: ['169.254.169.254/32'] } }] }],
    },
  ],
});

describe('static probe answer by engine', () => {
  it.each([
    ['known enforcing', KNOWN, 'safe', false, '✔ blocked'],
    ['unknown', { known: false, why: 'not read' } as const, 'safe', false, '△ blocked if enforced'],
    ['none', { ...KNOWN, networkPolicy: 'none' }, 'safe', true, '✖ reachable (not enforced)'],
    [
      'unknown, no policy',
      { known: false, why: 'not read' } as const,
      'open',
      true,
      '✖ reachable (no policy isolates it)',
    ],
  ])('%s engine, %s', (_name, engine, namespace, reachable, text) => {
    expect(staticProbeAnswer(facts(engine), namespace)).toEqual({ reachable, text });
  });
});
