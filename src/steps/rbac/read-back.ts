import type { RoleAssignment } from '@azure/arm-authorization';
import { roleGuid } from '../../model/azure-rbac.js';

/** What a role assignment read back must be: its principal, role and scope. */
export interface ExpectedAssignment {
  principalId: string;
  roleDefinitionId: string;
  scope: string;
}

/** Without a leading or trailing slash, lower-cased: ARM scopes compare case-insensitively. */
function scopeKey(scope: string): string {
  return scope.replace(/^\/+|\/+$/g, '').toLowerCase();
}

/**
 * How an assignment read back differs from the one expected ("group", "role", "scope"; none when
 * it is the same); pure. The role by GUID (its definition id names a subscription or not),
 * everything case-insensitively.
 */
export function readBackDiffers(read: RoleAssignment, want: ExpectedAssignment): string[] {
  return [
    ...(read.principalId?.toLowerCase() !== want.principalId.toLowerCase() ? ['group'] : []),
    ...(roleGuid(read.roleDefinitionId ?? '') !== roleGuid(want.roleDefinitionId) ? ['role'] : []),
    ...(scopeKey(read.scope ?? '') !== scopeKey(want.scope) ? ['scope'] : []),
  ];
}
