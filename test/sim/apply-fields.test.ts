// The pure pieces of server-side apply: field sets of configurations, what changed between two
// versions, the FieldsV1 encoding, the merge of a configuration into a live object and the removal
// of what nobody owns any more. Hand-written objects; the wire is in conformance/apply.test.ts.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type Comparison,
  type FieldSet,
  compare,
  emptyOf,
  keyOf,
  pathOf,
  printPath,
  toFieldSet,
} from '../../src/sim/kube/apply/field-set.js';
import { fromFieldsV1, toFieldsV1 } from '../../src/sim/kube/apply/fields-v1.js';
import { mergeConfig, removeUnowned } from '../../src/sim/kube/apply/merge.js';
import type { Shape } from '../../src/sim/kube/apply/shape.js';

const DEPLOYMENT: Shape = { kind: 'struct', message: 'apps.v1.Deployment' };
const POD: Shape = { kind: 'struct', message: 'core.v1.Pod' };

const paths = (set: FieldSet): string[] => [...set].map((k) => pathOf(k).join('.')).sort();

function fieldSet(shape: Shape, value: unknown): string[] {
  const out: FieldSet = new Set();
  toFieldSet(shape, value, [], out);
  return paths(out);
}

function changes(shape: Shape, lhs: unknown, rhs: unknown): Record<string, string[]> {
  const c: Comparison = { added: new Set(), modified: new Set(), removed: new Set() };
  compare(shape, lhs, rhs, [], c);
  return { added: paths(c.added), modified: paths(c.modified), removed: paths(c.removed) };
}

describe('field sets', () => {
  it('owns leaves, list items by key, set items by value, atomic values whole', () => {
    expect(
      fieldSet(POD, {
        metadata: { labels: { app: 'a' }, finalizers: ['x'] },
        spec: {
          nodeSelector: { disk: 'ssd' },
          tolerations: [{ key: 'k', operator: 'Exists' }],
          containers: [{ name: 'c', image: 'i', args: ['-v'], resources: {} }],
        },
      }),
    ).toEqual([
      'f:metadata.f:finalizers.v:"x"',
      'f:metadata.f:labels.f:app',
      'f:spec.f:containers.k:{"name":"c"}',
      'f:spec.f:containers.k:{"name":"c"}.f:args',
      'f:spec.f:containers.k:{"name":"c"}.f:image',
      'f:spec.f:containers.k:{"name":"c"}.f:name',
      'f:spec.f:containers.k:{"name":"c"}.f:resources',
      'f:spec.f:nodeSelector',
      'f:spec.f:tolerations',
    ]);
  });

  it('counts a new map or pointer struct as changed itself, a plain struct only by its fields', () => {
    const created = changes(DEPLOYMENT, emptyOf(DEPLOYMENT), {
      metadata: { labels: { app: 'a' } },
      spec: {
        strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%' } },
        template: { spec: { containers: [{ name: 'c' }] } },
      },
    });
    expect(created.added).toEqual([
      'f:metadata.f:labels',
      'f:metadata.f:labels.f:app',
      'f:spec.f:strategy.f:rollingUpdate',
      'f:spec.f:strategy.f:rollingUpdate.f:maxSurge',
      'f:spec.f:strategy.f:type',
      'f:spec.f:template.f:spec.f:containers',
      'f:spec.f:template.f:spec.f:containers.k:{"name":"c"}',
      'f:spec.f:template.f:spec.f:containers.k:{"name":"c"}.f:name',
    ]);
    const live = { spec: { replicas: 2, template: { spec: { containers: [{ name: 'c' }] } } } };
    expect(changes(DEPLOYMENT, live, { spec: { replicas: 3, template: { spec: {} } } })).toEqual({
      added: [],
      modified: ['f:spec.f:replicas'],
      removed: [
        'f:spec.f:template.f:spec.f:containers',
        'f:spec.f:template.f:spec.f:containers.k:{"name":"c"}',
        'f:spec.f:template.f:spec.f:containers.k:{"name":"c"}.f:name',
      ],
    });
  });

  it('prints paths as conflicts name them', () => {
    expect(
      printPath(['f:spec', 'f:ports', 'k:{"containerPort":80,"protocol":"TCP"}', 'f:name']),
    ).toBe('.spec.ports[containerPort=80,protocol="TCP"].name');
    expect(printPath(['f:metadata', 'f:finalizers', 'v:"x"'])).toBe('.metadata.finalizers[="x"]');
  });
});

describe('FieldsV1', () => {
  it('marks owned nodes that have children with "."', () => {
    const set = new Set([
      keyOf(['f:metadata', 'f:labels']),
      keyOf(['f:metadata', 'f:labels', 'f:app']),
      keyOf(['f:spec', 'f:replicas']),
    ]);
    expect(toFieldsV1(set)).toEqual({
      'f:metadata': { 'f:labels': { '.': {}, 'f:app': {} } },
      'f:spec': { 'f:replicas': {} },
    });
  });

  it('reads back every set it writes', () => {
    const element = fc.oneof(
      fc.stringMatching(/^[a-z]{1,3}$/).map((s) => `f:${s}`),
      fc.nat(3).map((n) => `k:{"name":"n${n}"}`),
    );
    fc.assert(
      fc.property(fc.array(fc.array(element, { minLength: 1, maxLength: 4 })), (ps) => {
        const set = new Set(ps.map(keyOf));
        expect(fromFieldsV1(toFieldsV1(set))).toEqual(set);
      }),
    );
  });
});

describe('merging a configuration', () => {
  it('merges map-lists by key, keeps what the configuration does not name', () => {
    const live = {
      spec: {
        containers: [
          { name: 'a', image: 'a:1', env: [{ name: 'X', value: '1' }] },
          { name: 'b', image: 'b:1' },
        ],
        tolerations: [{ key: 'old' }],
      },
    };
    const config = {
      spec: {
        containers: [
          { name: 'a', env: [{ name: 'Y', value: '2' }] },
          { name: 'c', image: 'c:1' },
        ],
        tolerations: [{ key: 'new' }],
      },
    };
    expect(mergeConfig(POD, live, config)).toEqual({
      spec: {
        containers: [
          {
            name: 'a',
            image: 'a:1',
            env: [
              { name: 'X', value: '1' },
              { name: 'Y', value: '2' },
            ],
          },
          { name: 'b', image: 'b:1' },
          { name: 'c', image: 'c:1' },
        ],
        tolerations: [{ key: 'new' }],
      },
    });
    expect(live.spec.containers[0]!.env).toHaveLength(1);
  });

  it('removes what was dropped and nobody owns, keeping an item someone still owns a field of', () => {
    const obj: Record<string, unknown> = {
      spec: {
        replicas: 3,
        template: { spec: { containers: [{ name: 'a', image: 'a:1', args: ['x'] }] } },
      },
    };
    const item = ['f:spec', 'f:template', 'f:spec', 'f:containers', 'k:{"name":"a"}'];
    const dropped = new Set([
      keyOf(['f:spec', 'f:replicas']),
      keyOf(item),
      keyOf([...item, 'f:args']),
    ]);
    const owned = new Set([keyOf([...item, 'f:image'])]);
    removeUnowned(DEPLOYMENT, obj, dropped, owned);
    expect(obj).toEqual({
      spec: { template: { spec: { containers: [{ name: 'a', image: 'a:1' }] } } },
    });
  });
});
