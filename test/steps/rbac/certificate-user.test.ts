// Replacing a user that is not an Entra identity (a client-certificate or local name) with an
// Entra group always takes the role away from it: the removal is a loss of access, typed.
import { describe, expect, it } from 'vitest';
import type { DirectoryEntry, DirectoryReader } from '../../../src/model/directory.js';
import { replaceCandidates } from '../../../src/steps/rbac/candidates.js';
import { checkGroup } from '../../../src/steps/rbac/group-check.js';
import { facts, rb, user } from '../../checks/rbac-fixtures.js';

const GROUP = '7a2d3b5f-4c6e-4d8f-a091-2b3c4d5e6f70';
const platform: DirectoryEntry = {
  id: GROUP,
  kind: 'group',
  name: 'platform-deployers',
  memberCount: 4,
  securityEnabled: true,
};
// Graph knows the group; `/users/ci-deployer/checkMemberGroups` is a 404, so isMember is unknown.
const directory: DirectoryReader = {
  resolve: () => Promise.resolve({ found: new Map([[GROUP, platform]]) }),
  searchGroups: () => Promise.resolve({ groups: [platform], total: 1 }),
  isMember: () => Promise.resolve(undefined),
};

describe('replacing a certificate identity with an Entra group', () => {
  // kubernetes.io/docs/reference/access-authn-authz/authentication/#x509-client-certificates:
  // a certificate's groups are its O= fields, so no Entra group can ever hold that user; AKS's
  // Entra integration puts only Entra group object ids in a signed-in user's groups.
  it('knows the user loses the role, so the removal asks for the cluster name', async () => {
    const f = facts({
      roleBindings: [rb('shop', 'deployers', 'ClusterRole', 'edit', [user('ci-deployer')])],
    });
    const [candidate] = replaceCandidates(f);
    expect(candidate?.userKind).toBe('other');
    const check = await checkGroup(directory, candidate!, GROUP);
    expect(check.userLosesAccess).toBe(true);
    expect(check.warnings.join(' ')).toMatch(/not an Entra identity/);
    expect(check.warnings.join(' ')).not.toMatch(/could not be checked/);
  });
});
