import fc from 'fast-check';
import { kubeYaml } from '../../src/model/kube-yaml.js';
import { describe, expect, it } from 'vitest';
import { blockYaml } from '../../src/checks/containers/plain-yaml.js';

// The suggested patches' YAML is written without the yaml package when it can be: the text must
// be what the yaml package writes, for the securityContext shapes and for anything else.

const yamlOf = (value: Record<string, unknown>): string => kubeYaml(value);

// Words of the kinds a patch holds (field names, capability and profile names, container names),
// and words YAML reads as something else or must quote.
const word = fc.oneof(
  fc.constantFrom(
    'privileged',
    'allowPrivilegeEscalation',
    'runAsNonRoot',
    'RuntimeDefault',
    'ALL',
    'NET_ADMIN',
    'istio-proxy',
    'web',
    'windows',
    'true',
    'False',
    'NULL',
    'yes',
    'No',
    'on',
    'y',
    '~',
    '123',
    '0x1F',
    '1e5',
    '.inf',
    '-dash',
    'has space',
    'colon: here',
    'hash #x',
    'localhost/profile.json',
    '',
    "it's",
    'ünïcode',
    'a'.repeat(90),
  ),
  fc.stringMatching(/^[a-z][a-z0-9-]{0,20}$/),
  fc.string({ maxLength: 12 }),
);
const scalar = fc.oneof(word, fc.boolean(), fc.integer(), fc.double(), fc.constant(null));
const { value } = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    scalar,
    tie('map'),
    fc.array(tie('value'), { maxLength: 3 }),
  ),
  map: fc.dictionary(word, tie('value'), { maxKeys: 4 }),
}));

describe('the suggested patches as YAML', () => {
  it('is written as kubeYaml writes it', () => {
    fc.assert(
      fc.property(fc.dictionary(word, value, { minKeys: 1, maxKeys: 4 }), (map) => {
        expect(blockYaml(map)).toBe(yamlOf(map));
      }),
      { numRuns: 3000 },
    );
  });

  it('writes a patch of the usual shape itself', () => {
    const template = {
      securityContext: { runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } },
      containers: [
        {
          name: 'web',
          securityContext: {
            allowPrivilegeEscalation: false,
            capabilities: { drop: ['ALL'] },
            runAsUser: 1000,
          },
        },
        { name: 'istio-proxy', securityContext: { privileged: false } },
      ],
    };
    expect(blockYaml(template)).toBe(yamlOf(template));
    expect(blockYaml(template)).toBe(
      [
        'securityContext:',
        '  runAsNonRoot: true',
        '  seccompProfile:',
        '    type: RuntimeDefault',
        'containers:',
        '  - name: web',
        '    securityContext:',
        '      allowPrivilegeEscalation: false',
        '      capabilities:',
        '        drop:',
        '          - ALL',
        '      runAsUser: 1000',
        '  - name: istio-proxy',
        '    securityContext:',
        '      privileged: false',
        '',
      ].join('\n'),
    );
  });
});
