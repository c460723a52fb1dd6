// The warnings about the group a user is replaced with, from what Entra ID says (pure).
import { describe, expect, it } from 'vitest';
import type { DirectoryEntry } from '../../../src/model/directory.js';
import type { Candidate } from '../../../src/steps/rbac/candidates.js';
import { groupWarnings } from '../../../src/steps/rbac/group-check.js';

const candidate = {
  id: 'ClusterRoleBinding/x#jordan@contoso.com',
  user: 'jordan@contoso.com',
  role: 'ClusterRole cluster-admin',
} as Candidate;
const group = (more: Partial<DirectoryEntry>): DirectoryEntry => ({
  id: '7a2d3b5f-4c6e-4d8f-a091-2b3c4d5e6f70',
  kind: 'group',
  name: 'platform-admins',
  memberCount: 4,
  securityEnabled: true,
  ...more,
});

describe('groupWarnings', () => {
  it('is quiet for a security group with members that holds the user', () => {
    expect(groupWarnings(group({}), candidate, true)).toEqual({
      warnings: [],
      userLosesAccess: false,
    });
  });
  it.each([
    [{ securityEnabled: false }, true, /not security-enabled/, true],
    [{ memberCount: 0 }, true, /has no members/, false],
    [{}, false, /is not in platform-admins/, true],
    // Membership not known is a possible loss, asked typed.
    [{}, undefined, /could not be checked: removing them may take/, true],
  ] as const)('%o, member %s: warns %s; typed removal %s', (more, member, warning, typed) => {
    const out = groupWarnings(group(more), candidate, member);
    expect(out.warnings.join(' ')).toMatch(warning);
    expect(out.userLosesAccess).toBe(typed);
  });
});
