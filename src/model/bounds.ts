import { UserError } from './errors.js';

/** How long anything may take: every wait of the program has one of these as its bound. */
export interface Bounds {
  /** One Kubernetes or ARM request (each attempt of a retried read). */
  requestMs: number;
  /** Getting credentials: an exec plugin, an Entra ID or ARM token request. */
  credentialMs: number;
  /** The longest single wait between retries, whatever Retry-After asks. */
  retryWaitMaxMs: number;
  /** The headless audit as a whole (connecting included). */
  auditMs: number;
}

/** The defaults, in the README's "Time limits" table. */
export const DEFAULT_BOUNDS: Bounds = {
  requestMs: 30_000,
  credentialMs: 60_000,
  retryWaitMaxMs: 8_000,
  auditMs: 600_000,
};

/** The environment variables that change the bounds (seconds, decimals allowed). */
export const BOUND_ENV: Record<keyof Bounds, string> = {
  requestMs: 'AKS_RUNBOOK_REQUEST_TIMEOUT',
  credentialMs: 'AKS_RUNBOOK_CREDENTIAL_TIMEOUT',
  retryWaitMaxMs: 'AKS_RUNBOOK_RETRY_WAIT_MAX',
  auditMs: 'AKS_RUNBOOK_AUDIT_TIMEOUT',
};

/** A wait at least this long is shown to the operator (TUI notice, or stderr in an audit). */
export const SHOWN_WAIT_MS = 3_000;

/** The bounds the environment sets; a bad value is one line naming the variable. */
export function boundsFromEnv(env: NodeJS.ProcessEnv): Bounds {
  const bounds = { ...DEFAULT_BOUNDS };
  for (const key of Object.keys(BOUND_ENV) as Array<keyof Bounds>) {
    const text = env[BOUND_ENV[key]];
    if (text !== undefined && text !== '') bounds[key] = secondsToMs(text, BOUND_ENV[key]);
  }
  return bounds;
}

/** A positive number of seconds (e.g. "30" or "0.5") as milliseconds; `what` names the setting. */
export function secondsToMs(text: string, what: string): number {
  const seconds = Number(text);
  if (!/^\d+(\.\d+)?$/.test(text.trim()) || !(seconds > 0) || seconds > 86_400) {
    throw new UserError(
      `${what} must be a number of seconds greater than 0 and at most 86400, not "${text}"`,
    );
  }
  return Math.round(seconds * 1000);
}

/** What a long wait looks like to whoever shows it. */
export interface WaitNotice {
  /** Which side waits: the Kubernetes API server or Azure Resource Manager. */
  api: 'kube' | 'arm';
  ms: number;
  /** Why, in a few words (e.g. "throttled (429)"). */
  why: string;
}

/** One line for a wait the operator should see. */
export function waitLine(w: WaitNotice): string {
  const side = w.api === 'arm' ? 'Azure Resource Manager' : 'the API server';
  return `${side} ${w.why}: waiting ${Math.round(w.ms / 100) / 10} s before asking again`;
}
