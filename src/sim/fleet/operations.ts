import { randomUUID } from 'node:crypto';
import type { SimResponse } from '../http.js';

interface FleetOperation {
  id: string;
  status: 'InProgress' | 'Succeeded' | 'Failed';
  startTime: string;
  endTime?: string;
  error?: { code: string; message: string };
}

/** The path of Fleet Manager's operation polls under a location (kept apart from AKS's). */
export const FLEET_OPERATIONS = 'fleetOperationStatuses';

/**
 * Long-running operations of the simulated Fleet Manager, polled as ARM does: 201/202 with
 * `Azure-AsyncOperation` (status) and, for actions, `Location` (the final resource).
 */
export class FleetOperations {
  private readonly ops = new Map<string, FleetOperation>();

  constructor(private readonly baseUrl: () => string) {}

  /** Starts an operation that ends when `work` settles (its error ends it Failed). */
  start(work: Promise<void>): FleetOperation {
    const op: FleetOperation = {
      id: randomUUID(),
      status: 'InProgress',
      startTime: new Date().toISOString(),
    };
    this.ops.set(op.id, op);
    work.then(
      () => this.finish(op, 'Succeeded'),
      (error: unknown) =>
        this.finish(op, 'Failed', {
          code: 'OperationFailed',
          message: error instanceof Error ? error.message : String(error),
        }),
    );
    return op;
  }

  private finish(
    op: FleetOperation,
    status: 'Succeeded' | 'Failed',
    error?: FleetOperation['error'],
  ): void {
    op.status = status;
    op.endTime = new Date().toISOString();
    if (error) op.error = error;
  }

  /** The accepted answer: status code, polling headers, and the resource as it is now. */
  accepted(
    op: FleetOperation,
    where: { subscriptionId: string; location: string; apiVersion: string; resourcePath?: string },
    status: 200 | 201 | 202,
    body: unknown,
  ): SimResponse {
    const q = `?api-version=${encodeURIComponent(where.apiVersion)}`;
    const headers: Record<string, string> = {
      'azure-asyncoperation': `${this.baseUrl()}/subscriptions/${where.subscriptionId}/providers/Microsoft.ContainerService/locations/${where.location}/${FLEET_OPERATIONS}/${op.id}${q}`,
      'retry-after': '1',
    };
    if (where.resourcePath) headers['location'] = `${this.baseUrl()}${where.resourcePath}${q}`;
    return { status, headers, body };
  }

  /** GET of an operation's status, or undefined when it is not one of ours. */
  poll(id: string): SimResponse | undefined {
    const op = this.ops.get(id);
    if (!op) return undefined;
    return {
      status: 200,
      body: {
        id,
        name: id,
        status: op.status,
        startTime: op.startTime,
        ...(op.endTime ? { endTime: op.endTime } : {}),
        ...(op.error ? { error: op.error } : {}),
      },
    };
  }
}
