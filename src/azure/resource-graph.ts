import { ResourceGraphClient } from '@azure/arm-resourcegraph';
import { addArmPolicies, armClientOptions, type ArmConnection } from './client.js';
import { FaultError, KIND_ADVICE } from '../model/errors.js';

/** A Resource Graph client on the connection's endpoint, with the tool's ARM policies. */
export function createResourceGraphClient(
  c: Omit<ArmConnection, 'subscriptionId'>,
): ResourceGraphClient {
  const client = new ResourceGraphClient(c.credential, armClientOptions(c));
  addArmPolicies(client.pipeline, c);
  return client;
}

/** Pages are asked this big (Resource Graph's maximum is 1000). */
export const GRAPH_PAGE_SIZE = 1000;

/**
 * Every row of a Resource Graph query, following skip tokens page by page; `subscriptions`
 * limits the scope (absent: every subscription the identity can see).
 */
export async function queryAllPages(
  client: ResourceGraphClient,
  query: string,
  subscriptions?: string[],
  pageSize = GRAPH_PAGE_SIZE,
): Promise<Array<Record<string, unknown>>> {
  const rows: Array<Record<string, unknown>> = [];
  let skipToken: string | undefined;
  // A service that keeps handing out tokens must not keep us here forever.
  for (let page = 0; page < 10_000; page++) {
    const answer = await client.resources({
      query,
      ...(subscriptions ? { subscriptions } : {}),
      options: { top: pageSize, resultFormat: 'objectArray', ...(skipToken ? { skipToken } : {}) },
    });
    rows.push(...((answer.data ?? []) as Array<Record<string, unknown>>));
    skipToken = answer.skipToken;
    // Resource Graph marks an answer it cut short resultTruncated and then gives no skip token:
    // the rows are not all there, and nothing leads to the rest.
    const short = !skipToken && answer.totalRecords > rows.length;
    if (String(answer.resultTruncated).toLowerCase() === 'true' || short)
      throw new FaultError(
        'server-error',
        `Resource Graph answered ${rows.length} of ${answer.totalRecords} rows, truncated with no way to the rest, so clusters would be missed; ${KIND_ADVICE['server-error']}`,
      );
    if (!skipToken) return rows;
  }
  throw new Error('Resource Graph kept paging past 10,000 pages');
}
