// Who the operator is, as the header says it: read from the claims of our own access token
// (decoded, not verified: it only names us to ourselves), or from the Kubernetes side.

/** The signed-in operator and where that name comes from. */
export interface Operator {
  /** The name to show first: a UPN, an app id, a Kubernetes user name. */
  name: string;
  kind: 'user' | 'app' | 'kube-user';
  /** A second, droppable part (the kubeconfig user entry when the server named someone else). */
  detail?: string;
}

/** The subscription and the operator, for the header. */
export interface OperatorContext {
  operator?: Operator;
  /** The subscription's display name when it was cheaply known. */
  subscriptionName?: string;
}

/** A JWT's payload as an object, or undefined when `token` is not a JWT (opaque tokens). */
export function jwtClaims(token: string): Record<string, unknown> | undefined {
  const parts = token.split('.');
  if (parts.length !== 3 || !parts[1]) return undefined;
  try {
    const payload: unknown = JSON.parse(Buffer.from(parts[1], 'base64url').toString('utf8'));
    return payload && typeof payload === 'object' && !Array.isArray(payload)
      ? (payload as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

function text(claims: Record<string, unknown>, key: string): string | undefined {
  const value = claims[key];
  return typeof value === 'string' && value.trim() !== '' ? value : undefined;
}

/**
 * A guest's UPN (`alice_contoso.com#EXT#@tenant.onmicrosoft.com`) as the address the guest knows
 * (`alice@contoso.com`): the last `_` before `#EXT#` was the `@` (a domain has no `_`).
 */
export function guestAddress(upn: string): string | undefined {
  const match = /^(.*)_([^_#]+)#EXT#@/i.exec(upn);
  return match ? `${match[1]}@${match[2]}` : undefined;
}

/**
 * The operator an Entra ID (or Kubernetes) token names: a user by `upn`, `unique_name` or
 * `preferred_username` (a guest by the address it was invited with); an application or managed
 * identity (no user claim) by `appid`/`azp`, else by `oid`; a service account by `sub`.
 */
export function operatorFromClaims(claims: Record<string, unknown>): Operator | undefined {
  const user =
    text(claims, 'upn') ?? text(claims, 'unique_name') ?? text(claims, 'preferred_username');
  if (user) {
    const bare = user.replace(/^live\.com#/i, '');
    const guest = guestAddress(bare);
    return guest ? { name: guest, kind: 'user', detail: 'guest' } : { name: bare, kind: 'user' };
  }
  const sub = text(claims, 'sub');
  if (sub?.startsWith('system:serviceaccount:')) return { name: sub, kind: 'kube-user' };
  const app = text(claims, 'appid') ?? text(claims, 'azp');
  const label = text(claims, 'app_displayname');
  if (app) return { name: label ? `${label} (app ${app})` : `app ${app}`, kind: 'app' };
  const oid = text(claims, 'oid');
  if (oid) return { name: `object ${oid}`, kind: 'app' };
  return undefined;
}

/**
 * The operator as the Kubernetes side knows it: the API server's own answer (SelfSubjectReview)
 * first, the kubeconfig user entry as the detail when it says something else, or alone.
 */
export function operatorFromKube(
  whoami: string | undefined,
  kubeconfigUser: string | undefined,
): Operator | undefined {
  if (whoami) {
    return kubeconfigUser && kubeconfigUser !== whoami
      ? { name: whoami, kind: 'kube-user', detail: `kubeconfig ${kubeconfigUser}` }
      : { name: whoami, kind: 'kube-user' };
  }
  return kubeconfigUser
    ? { name: kubeconfigUser, kind: 'kube-user', detail: 'kubeconfig' }
    : undefined;
}
