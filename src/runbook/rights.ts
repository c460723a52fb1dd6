import { armAllows } from '../checks/rights/arm-permissions.js';
import type { RightAnswer, RightAnswers } from '../model/rights.js';
import { readArmPermissions } from '../azure/permissions.js';
import { canI, describeAccess } from '../kube/access-review.js';
import { type AccessQuestion } from '../model/access.js';
import { describeKubeError } from '../kube/errors.js';
import type { Connection } from '../model/connection.js';
import { allNeededRights, RIGHTS, type ArmRight, type RightKey } from '../model/rights.js';

/** What the session knows about the operator's rights: the preflight, plus refusals met since. */
interface SessionRights {
  preflight: Promise<RightAnswers>;
  learned: RightAnswers;
  perNamespace: Map<string, Promise<RightAnswer>>;
}

const sessions = new WeakMap<Connection, SessionRights>();

function session(connection: Connection): SessionRights {
  let known = sessions.get(connection);
  if (!known) {
    known = { preflight: preflight(connection), learned: {}, perNamespace: new Map() };
    sessions.set(connection, known);
  }
  return known;
}

/**
 * The operator's rights for every step, asked once per connection (all questions at once) and
 * shared by every step, so actions the operator may not perform are hidden with the reason.
 */
export async function rightsOf(connection: Connection): Promise<RightAnswers> {
  const known = session(connection);
  return { ...(await known.preflight), ...known.learned };
}

/**
 * Records a refusal the API gave on use (ARM rights that could not be read up front), so the
 * action shows "not allowed" with that reason from then on instead of being tried again.
 */
export function recordRefusal(connection: Connection, key: RightKey, reason: string): void {
  session(connection).learned[key] = { state: 'denied', reason };
}

/** A Kubernetes right in one namespace (a Role may grant it there only); asked once per session. */
export function rightIn(
  connection: Connection,
  key: RightKey,
  namespace: string,
): Promise<RightAnswer> {
  const right = RIGHTS[key];
  if (right.plane !== 'kube') return rightsOf(connection).then((a) => a[key] ?? unknown(key));
  const known = session(connection).perNamespace;
  const id = `${key}@${namespace}`;
  let answer = known.get(id);
  if (!answer) {
    answer = askKube(connection, { ...right.question, namespace });
    known.set(id, answer);
  }
  return answer;
}

async function preflight(connection: Connection): Promise<RightAnswers> {
  const keys = allNeededRights();
  const armKeys = keys.filter((k) => RIGHTS[k].plane === 'arm');
  const [kube, arm] = await Promise.all([
    Promise.all(
      keys.flatMap((k) => {
        const right = RIGHTS[k];
        return right.plane === 'kube'
          ? [askKube(connection, right.question).then((a) => [k, a] as const)]
          : [];
      }),
    ),
    armAnswers(connection, armKeys),
  ]);
  return { ...Object.fromEntries(kube), ...arm };
}

async function askKube(connection: Connection, question: AccessQuestion): Promise<RightAnswer> {
  try {
    const answer = await canI(connection.kc, question);
    return answer.allowed
      ? { state: 'allowed' }
      : { state: 'denied', reason: answer.reason ?? 'no RBAC rule allows it' };
  } catch (error) {
    return {
      state: 'unknown',
      reason: describeKubeError(
        error,
        connection.kubeServer,
        `ask about ${describeAccess(question)}`,
      ).message,
    };
  }
}

async function armAnswers(connection: Connection, keys: RightKey[]): Promise<RightAnswers> {
  const arm = connection.arm;
  if (!arm) {
    const reason = connection.armMissing ?? 'no Azure side';
    return Object.fromEntries(keys.map((k) => [k, { state: 'unknown', reason }]));
  }
  const clusterId = arm.facts.cluster.id ?? clusterIdOf(arm.at);
  const read = await readArmPermissions(arm.client, arm.endpoint, clusterId);
  return Object.fromEntries(
    keys.map((k): [RightKey, RightAnswer] => {
      const action = (RIGHTS[k] as ArmRight).action;
      // Connect itself read the cluster and listed its pools: those reads are proven, whatever
      // the role definitions say (a deny assignment or a custom role cannot make them false).
      if (k === 'arm.cluster.read' || k === 'arm.pools.read') return [k, { state: 'allowed' }];
      if (read.ok) {
        return [
          k,
          armAllows(read.permissions, action)
            ? { state: 'allowed' }
            : { state: 'denied', reason: `your Azure roles do not include ${action}` },
        ];
      }
      return [
        k,
        {
          state: 'unknown',
          reason: `Azure permissions unreadable (${read.reason}); learned on first try`,
        },
      ];
    }),
  );
}

function unknown(key: RightKey): RightAnswer {
  return { state: 'unknown', reason: `${key} was not asked` };
}

function clusterIdOf(at: { subscriptionId: string; resourceGroup: string; name: string }): string {
  return `/subscriptions/${at.subscriptionId}/resourceGroups/${at.resourceGroup}/providers/Microsoft.ContainerService/managedClusters/${at.name}`;
}
