import type { ArmPermission } from '../../model/arm.js';

/**
 * Whether Azure RBAC allows `action` given the caller's permissions at a scope: some entry must
 * grant it and that same entry must not exclude it (`notActions` subtract within one role only,
 * a second role can still grant it). Patterns use `*` as a wildcard and ignore case, as ARM does.
 */
export function armAllows(permissions: readonly ArmPermission[], action: string): boolean {
  return permissions.some(
    (p) =>
      (p.actions ?? []).some((pattern) => matches(pattern, action)) &&
      !(p.notActions ?? []).some((pattern) => matches(pattern, action)),
  );
}

function matches(pattern: string, action: string): boolean {
  const source = pattern
    .split('*')
    .map((part) => part.replace(/[.+?^${}()|[\]\\/]/g, '\\$&'))
    .join('.*');
  return new RegExp(`^${source}$`, 'i').test(action);
}
