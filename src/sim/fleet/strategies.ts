import { newETag } from '../arm/state.js';
import { jsonBody, type SimRequest, type SimResponse } from '../http.js';
import { armError } from '../server.js';
import type { FleetStrategySpec } from './spec.js';
import type { FleetState } from './state.js';

// Fleet Manager's rule for stage, group and strategy names (the API's pattern, 50 at most).
const NAME = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

interface StrategyBody {
  properties?: {
    strategy?: {
      stages?: Array<{
        name?: unknown;
        groups?: Array<{ name?: unknown }>;
        afterStageWaitInSeconds?: unknown;
      }>;
    };
  };
}

/**
 * PUT of an update strategy, checked as Fleet Manager documents it: a strategy name of lower-case
 * letters, digits and dashes; at least one stage; stage names unique; each stage at least one
 * group; a group at most once in the whole strategy and named after an existing member's group;
 * waits whole non-negative seconds. If-Match / If-None-Match as ARM. Resolves to the stored
 * stages or the ARM error to answer with.
 */
export function putStrategy(
  q: SimRequest,
  f: FleetState,
  name: string,
): { status: 200 | 201; stages: FleetStrategySpec['stages'] } | SimResponse {
  if (!NAME.test(name) || name.length > 50)
    return armError(
      400,
      'InvalidResourceName',
      `Update strategy name ${name} must be 1-50 lower-case letters, digits and dashes, starting and ending with a letter or digit.`,
    );
  const existing = [...f.strategies.entries()].find(
    ([n]) => n.toLowerCase() === name.toLowerCase(),
  );
  const ifNoneMatch = q.headers['if-none-match'];
  if (existing && ifNoneMatch === '*')
    return armError(412, 'PreconditionFailed', `Update strategy ${name} already exists.`);
  const ifMatch = q.headers['if-match'];
  if (typeof ifMatch === 'string' && ifMatch !== '*') {
    if (!existing || ifMatch.replace(/"/g, '') !== existing[1].eTag)
      return armError(
        412,
        'PreconditionFailed',
        `The eTag ${ifMatch} does not match the update strategy's.`,
      );
  }
  const body = jsonBody<StrategyBody>(q);
  const stages = body?.properties?.strategy?.stages;
  if (!Array.isArray(stages) || stages.length === 0)
    return badRequest('properties.strategy.stages must list at least one stage.');
  const memberGroups = new Set(f.members.map((m) => m.group).filter((g) => g !== undefined));
  const stageNames = new Set<string>();
  const groupNames = new Set<string>();
  const out: FleetStrategySpec['stages'] = [];
  for (const [i, stage] of stages.entries()) {
    const at = `properties.strategy.stages[${i}]`;
    if (typeof stage.name !== 'string' || !NAME.test(stage.name) || stage.name.length > 50)
      return badRequest(
        `${at}.name must be 1-50 lower-case letters, digits and dashes (got ${JSON.stringify(stage.name ?? null)}).`,
      );
    if (stageNames.has(stage.name))
      return badRequest(`Stage name ${stage.name} is duplicated; stage names must be unique.`);
    stageNames.add(stage.name);
    const groups = stage.groups ?? [];
    if (!Array.isArray(groups) || groups.length === 0)
      return badRequest(`Stage ${stage.name} must have at least one group.`);
    for (const group of groups) {
      const g = group.name;
      if (typeof g !== 'string' || !NAME.test(g) || g.length > 50)
        return badRequest(
          `Group name ${JSON.stringify(g ?? null)} in stage ${stage.name} must be 1-50 lower-case letters, digits and dashes.`,
        );
      if (groupNames.has(g))
        return badRequest(`Group ${g} appears more than once; a group may be in one stage only.`);
      groupNames.add(g);
      if (!memberGroups.has(g))
        return badRequest(
          `Group ${g} in stage ${stage.name} does not match the group of any member of fleet ${f.spec.name} (groups: ${[...memberGroups].sort().join(', ') || 'none'}).`,
        );
    }
    const wait = stage.afterStageWaitInSeconds;
    if (wait !== undefined && (typeof wait !== 'number' || !Number.isInteger(wait) || wait < 0))
      return badRequest(
        `${at}.afterStageWaitInSeconds must be a whole number of seconds, 0 or more.`,
      );
    out.push({
      name: stage.name,
      groups: groups.map((g) => g.name as string),
      ...(typeof wait === 'number' && wait > 0 ? { afterStageWaitInSeconds: wait } : {}),
    });
  }
  const key = existing?.[0] ?? name;
  f.strategies.set(key, { stages: out, eTag: newETag() });
  return { status: existing ? 200 : 201, stages: out };
}

/** DELETE of an update strategy: 200 when it was there, 204 when it was not (as ARM); If-Match. */
export function deleteStrategy(q: SimRequest, f: FleetState, name: string): SimResponse {
  const key = [...f.strategies.keys()].find((n) => n.toLowerCase() === name.toLowerCase());
  if (!key) return { status: 204 };
  const ifMatch = q.headers['if-match'];
  if (
    typeof ifMatch === 'string' &&
    ifMatch !== '*' &&
    ifMatch.replace(/"/g, '') !== f.strategies.get(key)!.eTag
  )
    return armError(
      412,
      'PreconditionFailed',
      `The eTag ${ifMatch} does not match the update strategy's.`,
    );
  f.strategies.delete(key);
  return { status: 200 };
}

function badRequest(message: string): SimResponse {
  return armError(400, 'BadRequest', message);
}
