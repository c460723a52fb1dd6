import type { ContainerServiceClient } from '@azure/arm-containerservice';
import type { TokenCredential } from '@azure/core-auth';
import { isRestError } from '@azure/arm-containerservice';
import {
  FaultError,
  KIND_ADVICE,
  kindOf,
  messageOf,
  stampKind,
  firstLine,
} from '../model/errors.js';
import { armErrorKind } from './errors.js';
import { openLookBound, unreachableWords } from '../model/look-bound.js';
import { withinTime } from '../model/time-limit.js';

type Policy = Parameters<ContainerServiceClient['pipeline']['addPolicy']>[0];

/**
 * Each ARM request (each attempt) bounded by `timeoutMs` and ended by `deadline` and by the bound
 * of the look it belongs to (the SDK's retry waits on the same signal, so its retries end too); a
 * web page answered instead of ARM's JSON is `not-aks`. Placed innermost, next to the wire.
 */
export function armRequestBound(timeoutMs: number, deadline?: AbortSignal): Policy {
  return {
    name: 'aksRunbookRequestBound',
    async sendRequest(request, next) {
      if (!request.timeout || request.timeout > timeoutMs) request.timeout = timeoutMs;
      const look = openLookBound();
      const ends = [deadline, look?.signal].filter((s): s is AbortSignal => s !== undefined);
      if (ends.length > 0) {
        const own = request.abortSignal as AbortSignal | undefined;
        request.abortSignal = AbortSignal.any(own ? [own, ...ends] : ends);
      }
      const started = Date.now();
      let response;
      try {
        response = await next(request);
      } catch (error) {
        const unreached = unreachableWords(error);
        if (look && unreached) {
          look.noteTrouble(`Azure Resource Manager ${new URL(request.url).origin}`, unreached);
        }
        if (look?.signal.aborted && !deadline?.aborted) throw look.failure();
        if (deadline?.aborted) {
          throw new FaultError(
            'timeout',
            `the time limit of the whole run ran out while Azure Resource Manager was being asked; ${KIND_ADVICE.timeout}`,
          );
        }
        if (Date.now() - started >= timeoutMs - 50 && isAbort(error)) {
          throw new FaultError(
            'timeout',
            `Azure Resource Manager did not answer within ${timeoutMs / 1000} s; ${KIND_ADVICE.timeout}`,
          );
        }
        throw stampKind(error, armErrorKind(error));
      }
      if (/text\/html/i.test(response.headers.get('content-type') ?? '')) {
        throw new FaultError(
          'not-aks',
          `${new URL(request.url).origin} answered a web page (HTTP ${response.status}), not Azure Resource Manager; ${KIND_ADVICE['not-aks']}`,
        );
      }
      return response;
    },
  };
}

/** Stamps the kind on an ARM failure as it leaves the client (after the SDK made it a RestError). */
export function armKindStamp(): Policy {
  return {
    name: 'aksRunbookKindStamp',
    async sendRequest(request, next) {
      try {
        return await next(request);
      } catch (error) {
        if (isRestError(error) || kindOf(error)) throw stampKind(error, armErrorKind(error));
        throw error;
      }
    },
  };
}

/**
 * A credential whose token requests end within `ms` (a sign-in that hangs fails as `timeout`),
 * and whose failures are `unauthenticated`, said in one line.
 */
export function boundedTokenCredential(credential: TokenCredential, ms: number): TokenCredential {
  return {
    async getToken(scopes, options) {
      const late = `the Azure sign-in did not hand out a token within ${ms / 1000} s; ${KIND_ADVICE.timeout}`;
      try {
        return await withinTime(ms, late, () => credential.getToken(scopes, options));
      } catch (error) {
        if (kindOf(error)) throw error;
        const line = firstLine(messageOf(error)).slice(0, 200);
        throw new FaultError(
          'unauthenticated',
          `no Azure token: ${line}; ${KIND_ADVICE.unauthenticated}`,
        );
      }
    },
  };
}

function isAbort(error: unknown): boolean {
  return error instanceof Error && (error.name === 'AbortError' || error.name === 'TimeoutError');
}
