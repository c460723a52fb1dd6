import type { ImdsRow } from './state.js';

/**
 * The result line for a namespace whose look after a change says blocked: "verified blocked" only
 * when an engine is known to enforce the policies for every pod and its own policies were read;
 * otherwise what still stands.
 */
export function blockedOutcome(
  namespace: string,
  row: Pick<ImdsRow, 'enforced' | 'intercepted' | 'enginePoliciesUnread'>,
  done: string,
  /** Said before "verified blocked" when it is (e.g. "already in place, "); empty for none. */
  before = '',
): string {
  if (row.enforced === false) return `△ ${namespace}: ${done}, but not enforced (no policy engine)`;
  if (row.intercepted)
    return `△ ${namespace}: ${done}, but AAD Pod Identity's NMI still takes 169.254.169.254:80 first (see its row)`;
  if (row.enginePoliciesUnread)
    return `△ ${namespace}: ${done}; blocked by the NetworkPolicies, not verified: the engine's own policies (${row.enginePoliciesUnread}) could not be read, and they can open 169.254.169.254 whatever the NetworkPolicies say`;
  if (row.enforced === undefined)
    return `△ ${namespace}: ${done}; blocked only if an engine enforces the policies (policy engine unknown)`;
  return `✔ ${namespace}: ${before}verified blocked`;
}
