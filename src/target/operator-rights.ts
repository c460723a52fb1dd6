import { armAllows } from '../checks/rights/arm-permissions.js';
import { readArmPermissions, type PermissionsRead } from '../azure/permissions.js';
import { canI, describeAccess } from '../kube/access-review.js';
import { describeKubeError } from '../kube/errors.js';
import type { AccessAnswer, AccessQuestion } from '../model/access.js';
import type { Connection } from '../model/connection.js';
import {
  allNeededRights,
  RIGHTS,
  type ArmRight,
  type OperatorRights,
  type RightAnswer,
  type RightAnswers,
  type RightKey,
} from '../model/rights.js';

/**
 * The operator's rights on one connection, the one place they are asked: the preflight of every
 * right a step needs (all questions at once, on first use), any further Kubernetes question
 * (a namespace, a named object) asked once, and refusals the API gave on use.
 */
export class ConnectionRights implements OperatorRights {
  private preflight: Promise<RightAnswers> | undefined;
  private readonly learned: RightAnswers = {};
  private readonly asked = new Map<string, Promise<AccessAnswer>>();

  constructor(
    private readonly connection: Omit<Connection, 'rights'>,
    /** The permissions read connect sent early, when the caller knew they would be asked. */
    private readonly early?: Promise<PermissionsRead>,
  ) {}

  async answers(): Promise<RightAnswers> {
    this.preflight ??= this.askAll();
    return { ...(await this.preflight), ...this.learned };
  }

  learn(key: RightKey, reason: string): void {
    this.learned[key] = { state: 'denied', reason };
  }

  ask(question: AccessQuestion): Promise<AccessAnswer> {
    const key = questionKey(question);
    let answer = this.asked.get(key);
    if (!answer) {
      answer = canI(this.connection.kc, question);
      this.asked.set(key, answer);
      // A question that could not be asked is asked again next time.
      answer.catch(() => this.asked.delete(key));
    }
    return answer;
  }

  in(key: RightKey, namespace: string): Promise<RightAnswer> {
    const right = RIGHTS[key];
    if (right.plane !== 'kube') return this.answers().then((a) => a[key] ?? notAsked(key));
    return this.answerOf({ ...right.question, namespace });
  }

  private async askAll(): Promise<RightAnswers> {
    const keys = allNeededRights();
    const armKeys = keys.filter((k) => RIGHTS[k].plane === 'arm');
    const [kube, arm] = await Promise.all([
      Promise.all(
        keys.flatMap((k) => {
          const right = RIGHTS[k];
          return right.plane === 'kube'
            ? [this.answerOf(right.question).then((a) => [k, a] as const)]
            : [];
        }),
      ),
      this.armAnswers(armKeys),
    ]);
    return { ...Object.fromEntries(kube), ...arm };
  }

  /** A Kubernetes question as the rights table reads it: never a failure, at worst unknown. */
  private async answerOf(question: AccessQuestion): Promise<RightAnswer> {
    try {
      const answer = await this.ask(question);
      return answer.allowed
        ? { state: 'allowed' }
        : { state: 'denied', reason: answer.reason ?? 'no RBAC rule allows it' };
    } catch (error) {
      const { kubeServer } = this.connection;
      return {
        state: 'unknown',
        reason: describeKubeError(error, kubeServer, `ask about ${describeAccess(question)}`)
          .message,
      };
    }
  }

  private async armAnswers(keys: RightKey[]): Promise<RightAnswers> {
    const { arm, armMissing } = this.connection;
    if (!arm) {
      const reason = armMissing ?? 'no Azure side';
      return Object.fromEntries(keys.map((k) => [k, { state: 'unknown', reason }]));
    }
    const clusterId = arm.facts.cluster.id ?? clusterIdOf(arm.at);
    const read = await (this.early ?? readArmPermissions(arm.client, arm.endpoint, clusterId));
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
}

function questionKey(q: AccessQuestion): string {
  return [q.verb, q.group ?? '', q.resource, q.subresource ?? '', q.namespace ?? '', q.name ?? '']
    .map((part) => encodeURIComponent(part))
    .join('/');
}

function notAsked(key: RightKey): RightAnswer {
  return { state: 'unknown', reason: `${key} was not asked` };
}

function clusterIdOf(at: { subscriptionId: string; resourceGroup: string; name: string }): string {
  return `/subscriptions/${at.subscriptionId}/resourceGroups/${at.resourceGroup}/providers/Microsoft.ContainerService/managedClusters/${at.name}`;
}
