import { describe, expect, it } from 'vitest';
import ipaddr from 'ipaddr.js';
import { isApiPublic, type ApiAccessFacts } from '../../src/checks/access/api-access.js';
import {
  PUBLIC_SHARE_THRESHOLD,
  intervalOf,
  publicCoverage,
} from '../../src/checks/access/public-ranges.js';

// Authorized IP ranges are judged by the addresses their union lets in, not by their spelling.
const facts = (ranges: string[], more: Partial<ApiAccessFacts> = {}): ApiAccessFacts => ({
  entra: 'managed',
  azureRbac: true,
  adminGroups: 1,
  localAccountsDisabled: true,
  privateCluster: false,
  authorizedRanges: ranges,
  ...more,
});

const CASES: Array<[string, string[], boolean]> = [
  ['no ranges at all: open to everyone', [], true],
  ['0.0.0.0/0', ['0.0.0.0/0'], true],
  ['the two /1 halves', ['0.0.0.0/1', '128.0.0.0/1'], true],
  ['one /1 half (half the internet)', ['128.0.0.0/1'], true],
  [
    'four /2 ranges covering everything',
    ['0.0.0.0/2', '64.0.0.0/2', '128.0.0.0/2', '192.0.0.0/2'],
    true,
  ],
  [
    'four /2 ranges, unordered and with host bits',
    ['192.1.2.3/2', '64.0.0.0/2', '0.0.0.0/2', '128.9.9.9/2'],
    true,
  ],
  ['3.0.0.0/8: a whole public /8 is more than 1/256 of the public space', ['3.0.0.0/8'], true],
  ['two public /9s make a /8', ['3.0.0.0/9', '3.128.0.0/9'], true],
  ['10.0.0.0/8 only: private, reaches nothing public', ['10.0.0.0/8'], false],
  [
    'every private and special block',
    [
      '10.0.0.0/8',
      '172.16.0.0/12',
      '192.168.0.0/16',
      '100.64.0.0/10',
      '127.0.0.0/8',
      '224.0.0.0/3',
    ],
    false,
  ],
  ['an office /24 and a CI /28', ['203.0.113.0/24', '198.51.100.16/28', '52.1.2.3/32'], false],
  ['a public /9: less than the threshold', ['3.0.0.0/9'], false],
  ['single addresses without a prefix', ['52.1.2.3', '52.1.2.4'], false],
  ['IPv6 ::/0', ['::/0'], true],
  ['IPv6 2000::/3 (all global unicast)', ['2000::/3'], true],
  ['IPv6 documentation /32 and an office /48', ['2001:db8::/32', '2a01:111:f400::/48'], false],
  ['IPv4-mapped ::/0 is still IPv6 ::/0', ['::ffff:0.0.0.0/96'], true],
  // An entry that is no address or CIDR cannot be judged: taken as public, never a pass.
  ['not CIDRs at all: cannot be judged, taken as public', ['not-a-cidr', '300.1.1.1/8'], true],
  ['an office /32 beside an entry that is no CIDR', ['52.1.2.3/32', 'office-vpn'], true],
  // az aks: 0.0.0.0/32 restricts the API server to the node pools.
  ['0.0.0.0/32: the node pools only', ['0.0.0.0/32'], false],
  ['spaces around 0.0.0.0/0', [' 0.0.0.0/0 '], true],
  ['host bits on a /0 (10.10.0.0/0) still mean everyone', ['10.10.0.0/0'], true],
];

describe('access.api-public by address math over the union of the ranges', () => {
  it.each(CASES)('%s', (_, ranges, expected) => {
    expect(isApiPublic(facts(ranges))).toBe(expected);
  });

  it('is never public for a private cluster or with public network access disabled', () => {
    expect(isApiPublic(facts(['0.0.0.0/0'], { privateCluster: true }))).toBe(false);
    expect(isApiPublic(facts([], { publicNetworkAccess: 'Disabled' }))).toBe(false);
    expect(
      isApiPublic(
        facts(['0.0.0.0/2', '64.0.0.0/2', '128.0.0.0/2', '192.0.0.0/2'], { privateCluster: true }),
      ),
    ).toBe(false);
  });

  it('measures shares: everything, half, nothing public', () => {
    expect(publicCoverage(['0.0.0.0/0']).ipv4).toBe(1);
    expect(publicCoverage(['0.0.0.0/2', '64.0.0.0/2', '128.0.0.0/2', '192.0.0.0/2']).ipv4).toBe(1);
    expect(publicCoverage(['0.0.0.0/0', '10.0.0.0/8']).ipv4).toBe(1);
    expect(publicCoverage(['10.0.0.0/8', '192.168.0.0/16']).ipv4).toBe(0);
    const half = publicCoverage(['128.0.0.0/1']).ipv4;
    expect(half).toBeGreaterThan(0.4);
    expect(half).toBeLessThan(0.6);
    expect(publicCoverage(['nope']).invalid).toEqual(['nope']);
    expect(PUBLIC_SHARE_THRESHOLD).toBe(1 / 256);
  });

  it('keeps its non-public list in step with ipaddr.js: none of those blocks is unicast', () => {
    for (const block of [
      '0.0.0.0/8',
      '10.0.0.0/8',
      '100.64.0.0/10',
      '127.0.0.0/8',
      '169.254.0.0/16',
      '172.16.0.0/12',
      '192.168.0.0/16',
      '224.0.0.0/4',
      '240.0.0.0/4',
    ]) {
      const [net] = ipaddr.parseCIDR(block);
      expect(net.range(), block).not.toBe('unicast');
    }
    expect(ipaddr.parse('52.1.2.3').range()).toBe('unicast');
    expect(intervalOf('10.1.2.3/8')?.interval.start).toBe(10n << 24n);
  });

  it('says what it assumed of an entry it cannot read', async () => {
    const { apiAccessFindings } = await import('../../src/checks/access/api-access.js');
    const [f] = apiAccessFindings(facts(['52.1.2.3/32', 'office-vpn']), 'aks', '-n aks');
    expect(f?.id).toBe('access.api-public');
    expect(f?.message).toContain('office-vpn');
    expect(f?.message).toContain('taken as public (assumed');
  });

  it('says how much of the internet the ranges let in', async () => {
    const { apiAccessFindings } = await import('../../src/checks/access/api-access.js');
    const [f] = apiAccessFindings(
      facts(['0.0.0.0/2', '64.0.0.0/2', '128.0.0.0/2', '192.0.0.0/2']),
      'aks',
      '-n aks',
    );
    expect(f?.id).toBe('access.api-public');
    expect(f?.message).toContain('let in all of the public IPv4 internet');
  });
});
