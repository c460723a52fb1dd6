import { spawn } from 'node:child_process';
import type { KubeConfig, RequestContext } from '@kubernetes/client-node';
import { FaultError, KIND_ADVICE, firstLine, kindOf, messageOf } from '../model/errors.js';
import { withinTime } from '../model/time-limit.js';

/** What the API clients ask of `authMethods.default`. */
interface RequestAuth {
  getName(): string;
  applySecurityAuthentication(context: RequestContext): Promise<void>;
}

/**
 * The kubeconfig's authentication with a time limit: an exec credential plugin that hangs is
 * killed after `ms`, and any way of getting credentials (a plugin, an Entra ID token request)
 * that takes longer fails as `timeout` instead of hanging every request behind it. A plugin that
 * fails is `unauthenticated`, said in one line.
 */
export function boundedCredentials(kc: KubeConfig, ms: number): RequestAuth {
  killHungPlugins(kc, ms);
  return {
    getName: () => kc.getName(),
    async applySecurityAuthentication(context) {
      const late = `getting credentials for user "${kc.getCurrentUser()?.name ?? ''}" took longer than ${ms / 1000} s (an exec plugin or a token request did not answer); ${KIND_ADVICE.timeout}`;
      try {
        await withinTime(ms, late, () => kc.applySecurityAuthentication(context));
      } catch (error) {
        if (error instanceof FaultError || kindOf(error)) throw error;
        throw new FaultError(
          'unauthenticated',
          `getting credentials for user "${kc.getCurrentUser()?.name ?? ''}" failed: ${pluginWords(error)}; ${KIND_ADVICE.unauthenticated}`,
        );
      }
    },
  };
}

/** client-node's exec authenticator spawns the plugin with no time limit: give it one. */
function killHungPlugins(kc: KubeConfig, ms: number): void {
  const authenticators = (kc as unknown as { authenticators?: unknown[] }).authenticators ?? [];
  for (const a of authenticators) {
    if (typeof a === 'object' && a !== null && 'execFn' in a) {
      (a as { execFn: typeof spawn }).execFn = ((command: string, args: string[], opts: object) =>
        spawn(command, args ?? [], {
          ...opts,
          timeout: ms,
          killSignal: 'SIGKILL',
        })) as typeof spawn;
    }
  }
}

/** What a failed plugin said, on one short line. */
function pluginWords(error: unknown): string {
  return (firstLine(messageOf(error).trim()) || 'no message').slice(0, 200);
}
