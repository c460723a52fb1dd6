import { readFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import type { Connection } from '../model/connection.js';
import {
  jwtClaims,
  operatorFromClaims,
  operatorFromKube,
  type Operator,
  type OperatorContext,
} from '../model/operator.js';
import { whoAmI } from '../kube/whoami.js';

/**
 * Who is signed in and the subscription's name, for the header. The Entra ID user or app from
 * the claims of the ARM token; without ARM (or an opaque token) the Kubernetes side: the API
 * server's whoami, the kubeconfig user. Never fails: what cannot be learnt is left out.
 */
export async function readOperator(
  connection: Connection,
  env: NodeJS.ProcessEnv,
): Promise<OperatorContext> {
  const [operator, subscriptionName] = await Promise.all([
    operatorOf(connection).catch(() => undefined),
    connection.arm
      ? subscriptionNameOf(connection.arm.at.subscriptionId, env).catch(() => undefined)
      : undefined,
  ]);
  return {
    ...(operator ? { operator } : {}),
    ...(subscriptionName ? { subscriptionName } : {}),
  };
}

async function operatorOf(connection: Connection): Promise<Operator | undefined> {
  const armToken = await connection.arm?.token?.().catch(() => undefined);
  const fromArm = armToken ? claimsOperator(armToken) : undefined;
  if (fromArm) return fromArm;
  const whoami = await whoAmI(connection.kc).catch(() => undefined);
  const user = connection.kc.getCurrentUser();
  if (!whoami && user?.token) {
    const fromKube = claimsOperator(user.token);
    if (fromKube) return fromKube;
  }
  return operatorFromKube(whoami, user?.name);
}

function claimsOperator(token: string): Operator | undefined {
  const claims = jwtClaims(token);
  return claims ? operatorFromClaims(claims) : undefined;
}

/**
 * The subscription's display name from the Azure CLI's own list (`az account list` keeps it in
 * azureProfile.json): a local read, no request. Undefined when the CLI does not know it.
 */
export async function subscriptionNameOf(
  id: string,
  env: NodeJS.ProcessEnv,
): Promise<string | undefined> {
  const dir = env['AZURE_CONFIG_DIR'] || join(env['HOME'] ?? homedir(), '.azure');
  const text = await readFile(join(dir, 'azureProfile.json'), 'utf8');
  // The CLI writes the file with a byte-order mark.
  const profile = JSON.parse(text.replace(/^\uFEFF/, '')) as {
    subscriptions?: Array<{ id?: unknown; name?: unknown }>;
  };
  const found = profile.subscriptions?.find(
    (s) => typeof s.id === 'string' && s.id.toLowerCase() === id.toLowerCase(),
  );
  return typeof found?.name === 'string' && found.name !== '' ? found.name : undefined;
}
