import { describeAccess } from '../../kube/access-review.js';
import type { AccessQuestion } from '../../model/access.js';
import type { DrainOptions } from '../../model/drain.js';
import type { OperatorRights } from '../../model/rights.js';
import type { DrainRights } from './state.js';

/** Why the operator may not cordon, evict or delete pods, each asked through the one rights book. */
export async function drainRights(rights: OperatorRights): Promise<DrainRights> {
  const refusal = async (q: AccessQuestion): Promise<string | undefined> => {
    try {
      return (await rights.ask(q)).allowed ? undefined : `you may not ${describeAccess(q)}`;
    } catch {
      return `could not ask whether you may ${describeAccess(q)}`;
    }
  };
  // The same questions the connect step's preflight asked: answered from its answers.
  const [cordon, evict, del] = await Promise.all([
    refusal({ verb: 'patch', resource: 'nodes' }),
    refusal({ verb: 'create', resource: 'pods', subresource: 'eviction' }),
    refusal({ verb: 'delete', resource: 'pods' }),
  ]);
  return {
    ...(cordon ? { cordon } : {}),
    ...(evict ? { evict } : {}),
    ...(del ? { delete: del } : {}),
  };
}

/** Why a drain with `options` is not offered (read-only mode, or a right missing). */
export function drainRefusal(
  r: DrainRights,
  options: DrainOptions,
  readOnly: boolean,
): string | undefined {
  if (readOnly) return 'read-only mode';
  return r.cordon ?? (options.disableEviction ? r.delete : r.evict);
}
