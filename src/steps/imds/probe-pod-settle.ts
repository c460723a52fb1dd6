import type { V1Pod } from '@kubernetes/client-node';
import { apiStatus } from '../../kube/api-status.js';
import { describeKubeError } from '../../kube/errors.js';
import { deletePodNow, readPod } from '../../kube/probe-pods.js';
import {
  settleUnknownWrite,
  stillUnknownWords,
  unansweredWords,
} from '../../kube/settle-unknown.js';
import { mayStillLand } from '../../model/errors.js';
import type { ImdsContext as StepContext } from './session.js';

/** A probe pod this run did not delete, or may have made and could not tell: named, never hidden. */
export interface LeftPod {
  namespace: string;
  name: string;
  /** Why, in one line. */
  why: string;
  /** The pod may or may not be there (a write whose outcome stays unknown), not surely left. */
  unknown: boolean;
}

type At = { namespace: string; name: string };

/** The pod as stored now, or undefined when the API server says there is none (404). */
function podNow(ctx: StepContext, at: At): Promise<V1Pod | undefined> {
  return readPod(ctx.connection.kc, at).catch((e: unknown) => {
    if (apiStatus(e) === 404) return undefined;
    throw e;
  });
}

const checkWords = (at: At) =>
  `kubectl get pod -n ${at.namespace} ${at.name} (delete it if it is there: kubectl delete pod -n ${at.namespace} ${at.name})`;

/**
 * A probe pod create that failed: when its answer was lost, one read settles it (there: created,
 * to be waited on and deleted; absent: not created; read failed, or absent while the API server
 * may still act: unknown, to be named). `undefined` when the failure was not a lost answer.
 */
export async function settleLostCreate(
  ctx: StepContext,
  at: At,
  error: unknown,
): Promise<'created' | 'absent' | { unknown: string } | undefined> {
  const where = `pod ${at.namespace}/${at.name}`;
  const settled = await settleUnknownWrite(error, ctx.connection.kubeServer, `get ${where}`, () =>
    podNow(ctx, at),
  );
  if (!settled) return undefined;
  if (!settled.settled)
    return { unknown: stillUnknownWords(`the create of probe ${where}`, checkWords(at), error) };
  if (settled.value !== undefined) {
    await ctx.journal.settled(error, 'ok', `${where} is there`);
    return 'created';
  }
  if (mayStillLand(error)) {
    const late = 'the pod may still be created';
    return {
      unknown: unansweredWords(
        `the create of probe ${where}`,
        'no such pod',
        late,
        checkWords(at),
        error,
      ),
    };
  }
  await ctx.journal.settled(error, 'failed', `no ${where}`);
  return 'absent';
}

/**
 * Deletes a probe pod, journaled; a delete whose answer was lost is settled by one read (gone or
 * being deleted: deleted). Returns the pod left behind (refused, failed, or still unknown), if any.
 */
export async function deleteProbePod(ctx: StepContext, at: At): Promise<LeftPod | undefined> {
  const where = `pod ${at.namespace}/${at.name}`;
  try {
    await ctx.journal.mutation(
      { step: 'imds', action: 'delete probe pod', target: `pod/${at.namespace}/${at.name}` },
      () => deletePodNow(ctx.connection.kc, at),
    );
    return undefined;
  } catch (error) {
    const settled = await settleUnknownWrite(error, ctx.connection.kubeServer, `get ${where}`, () =>
      podNow(ctx, at),
    );
    if (settled?.settled === true) {
      const pod = settled.value;
      if (pod === undefined || pod.metadata?.deletionTimestamp) {
        await ctx.journal.settled(error, 'ok', `${where} is ${pod ? 'being deleted' : 'gone'}`);
        return undefined;
      }
      if (mayStillLand(error)) {
        const late = 'it may still be deleted';
        const why = unansweredWords(
          `the delete of probe ${where}`,
          'it still there',
          late,
          checkWords(at),
          error,
        );
        return { ...at, why, unknown: true };
      }
      await ctx.journal.settled(error, 'failed', `${where} is still there`);
      const why = 'the delete was sent and its answer lost; reading it again shows it still there';
      return { ...at, why, unknown: false };
    }
    if (settled)
      return {
        ...at,
        why: stillUnknownWords(`the delete of probe ${where}`, checkWords(at), error),
        unknown: true,
      };
    const why = describeKubeError(
      error,
      ctx.connection.kubeServer,
      `delete pod ${at.namespace}/${at.name}`,
    ).message;
    return { ...at, why, unknown: false };
  }
}

/** The line naming a pod left behind (`✖`) or whose fate is unknown (`?`), with what to run. */
export function leftLine(left: LeftPod): string {
  return left.unknown
    ? `? pod ${left.namespace}/${left.name} may be left: ${left.why}`
    : `✖ left behind: pod ${left.namespace}/${left.name} (kubectl delete pod -n ${left.namespace} ${left.name}): ${left.why}`;
}
