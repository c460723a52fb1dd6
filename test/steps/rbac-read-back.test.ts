// The read-back of a group's role assignment before the user's is deleted: same group, same role
// (by GUID), same scope, each case-insensitively.
import { describe, expect, it } from 'vitest';
import { readBackDiffers } from '../../src/steps/rbac/read-back.js';

const SCOPE =
  '/subscriptions/s1/resourceGroups/rg/providers/Microsoft.ContainerService/managedClusters/aks';
const ROLE = '/subscriptions/s1/providers/Microsoft.Authorization/roleDefinitions/b1ff04bb-8a4e';
const want = { principalId: 'G-1', roleDefinitionId: ROLE, scope: SCOPE };

describe('readBackDiffers', () => {
  it('the same assignment, in other case and another role id form, differs in nothing', () => {
    expect(
      readBackDiffers(
        {
          principalId: 'g-1',
          roleDefinitionId: '/providers/Microsoft.Authorization/roleDefinitions/B1FF04BB-8A4E',
          scope: SCOPE.toLowerCase(),
        },
        want,
      ),
    ).toEqual([]);
  });

  it('names the role and the scope when they differ', () => {
    expect(
      readBackDiffers(
        {
          principalId: 'G-1',
          roleDefinitionId: ROLE.replace('b1ff04bb-8a4e', 'acdd72a7-3385'),
          scope: '/subscriptions/s1/resourceGroups/rg',
        },
        want,
      ),
    ).toEqual(['role', 'scope']);
    expect(readBackDiffers({ ...want, principalId: 'other' }, want)).toEqual(['group']);
  });
});
