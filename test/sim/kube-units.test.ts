import { describe, expect, it } from 'vitest';
import { containsAddress, parseCidr } from '../../src/sim/kube/cidr.js';
import { validateNetworkPolicy } from '../../src/sim/kube/networkpolicy-validation.js';
import { jsonPatch, mergePatch, strategicMergePatch } from '../../src/sim/kube/patch.js';
import {
  fromSelectorObject,
  matchesFields,
  matchesLabels,
  parseFieldSelector,
  parseLabelSelector,
} from '../../src/sim/kube/selectors.js';
import { humanDuration } from '../../src/sim/kube/table.js';

describe('label and field selectors', () => {
  const labels = { app: 'web', tier: 'front' };
  it.each([
    ['app=web', true],
    ['app==web', true],
    ['app!=web', false],
    ['app in (db, web)', true],
    ['app notin (web)', false],
    ['tier', true],
    ['!tier', false],
    ['missing!=x', true],
    ['app=web,tier=back', false],
    ['', true],
  ])('%s -> %s', (sel, want) => {
    expect(matchesLabels(parseLabelSelector(sel), labels)).toBe(want);
  });

  it('treats a nil selector object as nothing and {} as everything', () => {
    expect(fromSelectorObject(undefined)).toBeUndefined();
    expect(matchesLabels(fromSelectorObject({})!, labels)).toBe(true);
    const sel = fromSelectorObject({
      matchLabels: { app: 'web' },
      matchExpressions: [{ key: 'tier', operator: 'In', values: ['front'] }],
    })!;
    expect(matchesLabels(sel, labels)).toBe(true);
    expect(() =>
      fromSelectorObject({ matchExpressions: [{ key: 'a', operator: 'Near' }] }),
    ).toThrow();
  });

  it('matches pod and event fields, and refuses unknown ones', () => {
    const pod = {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'p' },
      spec: { nodeName: 'n1' },
      status: { phase: 'Running' },
    };
    expect(
      matchesFields(parseFieldSelector('spec.nodeName=n1,status.phase!=Failed', 'Pod'), pod),
    ).toBe(true);
    expect(() => parseFieldSelector('spec.nodeName=n1', 'Node')).toThrow(
      'field label not supported: spec.nodeName',
    );
    const ev = {
      apiVersion: 'v1',
      kind: 'Event',
      metadata: { name: 'e' },
      reason: 'Drain',
      source: { component: 'aks' },
    };
    expect(matchesFields(parseFieldSelector('reason=Drain,source=aks', 'Event'), ev)).toBe(true);
  });
});

describe('patches', () => {
  it('merge patch deletes with null and replaces lists', () => {
    expect(mergePatch({ a: 1, b: { c: 2, d: 3 }, l: [1, 2] }, { b: { c: null }, l: [3] })).toEqual({
      a: 1,
      b: { d: 3 },
      l: [3],
    });
  });
  it('strategic merge patch merges keyed lists and honours directives', () => {
    const pod = {
      spec: {
        containers: [
          { name: 'a', image: 'x' },
          { name: 'b', image: 'y' },
        ],
      },
    };
    expect(strategicMergePatch(pod, { spec: { containers: [{ name: 'b', image: 'z' }] } })).toEqual(
      {
        spec: {
          containers: [
            { name: 'a', image: 'x' },
            { name: 'b', image: 'z' },
          ],
        },
      },
    );
    expect(
      strategicMergePatch(pod, { spec: { containers: [{ name: 'a', $patch: 'delete' }] } }),
    ).toEqual({
      spec: { containers: [{ name: 'b', image: 'y' }] },
    });
    expect(
      strategicMergePatch({ spec: { unschedulable: true } }, { spec: { unschedulable: null } }),
    ).toEqual({ spec: {} });
  });
  it('JSON patch applies RFC 6902 operations and fails on a missing path', () => {
    const doc = { metadata: { labels: { a: '1' } }, list: [1, 2] };
    expect(
      jsonPatch(doc, [
        { op: 'add', path: '/metadata/labels/b', value: '2' },
        { op: 'remove', path: '/metadata/labels/a' },
        { op: 'add', path: '/list/-', value: 3 },
        { op: 'replace', path: '/list/0', value: 0 },
        { op: 'test', path: '/list/1', value: 2 },
      ]),
    ).toEqual({ metadata: { labels: { b: '2' } }, list: [0, 2, 3] });
    expect(() => jsonPatch(doc, [{ op: 'remove', path: '/nope' }])).toThrow();
  });
});

describe('CIDRs and NetworkPolicy validation', () => {
  it('parses like ParseCIDRSloppy', () => {
    expect(parseCidr('10.10.0.0/0#example')).toBeUndefined();
    expect(parseCidr('10.10.0.0/0')).toEqual({ bits: 32, network: 0n, prefix: 0 });
    expect(parseCidr('010.001.0.0/16')).toBeDefined();
    expect(parseCidr('::/0')).toEqual({ bits: 128, network: 0n, prefix: 0 });
    expect(parseCidr('2001:db8::/129')).toBeUndefined();
    expect(containsAddress(parseCidr('0.0.0.0/0')!, parseCidr('169.254.169.254/32')!)).toBe(true);
    expect(containsAddress(parseCidr('10.0.0.0/8')!, parseCidr('169.254.169.254/32')!)).toBe(false);
  });
  it('reads IPv4-mapped IPv6 blocks as Go net.IPNet does, in validation and in the data plane', () => {
    const c = (t: string) => parseCidr(t)!;
    // ::ffff:0:0/96 is 0.0.0.0/0 to Go (the API server's warning says "use 0.0.0.0/0").
    expect(containsAddress(c('::ffff:0:0/96'), c('169.254.169.254/32'))).toBe(true);
    expect(containsAddress(c('::ffff:169.254.0.0/112'), c('169.254.169.254/32'))).toBe(true);
    expect(containsAddress(c('0.0.0.0/0'), c('::ffff:169.254.169.254/128'))).toBe(true);
    // ::/0 and a block written ::ffff:… but wider than /96 are IPv6 once masked.
    expect(containsAddress(c('::/0'), c('169.254.169.254/32'))).toBe(false);
    expect(containsAddress(c('::ffff:169.254.169.254/64'), c('169.254.169.254/32'))).toBe(false);
    const policy = (cidr: string, except: string[]) => ({
      apiVersion: 'networking.k8s.io/v1',
      kind: 'NetworkPolicy',
      metadata: { name: 'np' },
      spec: { podSelector: {}, egress: [{ to: [{ ipBlock: { cidr, except } }] }] },
    });
    // ValidateIPBlock: Contains (read as Go does) and a strictly longer prefix, as written.
    expect(validateNetworkPolicy(policy('0.0.0.0/0', ['::ffff:169.254.169.254/128']))).toEqual([]);
    expect(validateNetworkPolicy(policy('::ffff:0:0/96', ['::ffff:169.254.169.254/128']))).toEqual(
      [],
    );
    expect(validateNetworkPolicy(policy('::ffff:0:0/96', ['169.254.169.254/32']))).toEqual([
      {
        type: 'FieldValueInvalid',
        field: 'spec.egress[0].to[0].ipBlock.except[0]',
        value: '169.254.169.254/32',
        detail: 'must be a strict subset of `cidr`',
      },
    ]);
  });
  it('reports field errors with API server paths and details', () => {
    const np = {
      apiVersion: 'networking.k8s.io/v1',
      kind: 'NetworkPolicy',
      metadata: { name: 'np' },
      spec: {
        podSelector: {},
        policyTypes: ['Egress', 'Sideways'],
        ingress: [{ from: [{}], ports: [{ protocol: 'ICMP', port: 70000 }] }],
        egress: [
          {
            to: [
              {
                ipBlock: { cidr: '0.0.0.0/0', except: ['169.254.169.254/32', '::/0'] },
                podSelector: {},
              },
            ],
          },
        ],
      },
    };
    expect(validateNetworkPolicy(np)).toEqual([
      {
        type: 'FieldValueNotSupported',
        field: 'spec.ingress[0].ports[0].protocol',
        value: 'ICMP',
        detail: 'supported values: "SCTP", "TCP", "UDP"',
      },
      {
        type: 'FieldValueInvalid',
        field: 'spec.ingress[0].ports[0].port',
        value: 70000,
        detail: 'must be between 1 and 65535, inclusive',
      },
      {
        type: 'FieldValueRequired',
        field: 'spec.ingress[0].from[0]',
        detail: 'must specify a peer',
      },
      {
        type: 'FieldValueInvalid',
        field: 'spec.egress[0].to[0].ipBlock.except[1]',
        value: '::/0',
        detail: 'must be a strict subset of `cidr`',
      },
      {
        type: 'FieldValueForbidden',
        field: 'spec.egress[0].to[0]',
        detail: 'may not specify both ipBlock and another peer',
      },
      {
        type: 'FieldValueNotSupported',
        field: 'spec.policyTypes[1]',
        value: 'Sideways',
        detail: 'supported values: "Egress", "Ingress"',
      },
    ]);
  });
});

describe('ages', () => {
  it.each([
    [5_000, '5s'],
    [125_000, '2m5s'],
    [600_000, '10m'],
    [3 * 3600_000 + 60_000, '3h1m'],
    [30 * 3600_000, '30h'],
    [50 * 3600_000, '2d2h'],
    [400 * 86400_000, '400d'],
  ])('%d ms -> %s', (ms, want) => expect(humanDuration(ms)).toBe(want));
});
