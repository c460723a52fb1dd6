import { randomUUID } from 'node:crypto';
import type { SimClock } from '../clock.js';
import type { SimResponse } from '../http.js';
import type { ErrorDetail } from './state.js';

/** ARM async-operation status values. */
export type OperationStatus = 'InProgress' | 'Succeeded' | 'Failed' | 'Canceled';

/** One long-running operation of the resource provider. */
export interface Operation {
  id: string;
  /** The provisioning state it shows on its resource (`Upgrading`, `UpgradingNodeImageVersion`, ...). */
  what: string;
  /** The pool it runs on; undefined = the cluster. */
  pool?: string;
  status: OperationStatus;
  startTime: string;
  endTime?: string;
  percentComplete: number;
  error?: ErrorDetail;
  /** Set by abort; the engine stops at its next step. */
  cancelRequested: boolean;
  /** The api-version of the request that started it; its polling URLs carry the same. */
  apiVersion?: string;
  /** What a GET on the `Location` URL returns once done (undefined = 204). */
  result?: () => unknown;
  /** Resolves when the operation reaches a terminal status. */
  done: Promise<void>;
  settle: () => void;
}

/** Keeps operations and answers ARM's async-operation and location polls. */
export class OperationStore {
  private readonly ops = new Map<string, Operation>();

  constructor(
    private readonly clock: SimClock,
    private readonly baseUrl: () => string,
    private readonly subscriptionId: string,
    private readonly location: string,
  ) {}

  /** Registers a new running operation. */
  start(what: string, pool?: string): Operation {
    let settle = (): void => undefined;
    const done = new Promise<void>((resolve) => (settle = resolve));
    const op: Operation = {
      id: randomUUID(),
      what,
      status: 'InProgress',
      startTime: new Date(this.clock.now()).toISOString(),
      percentComplete: 0,
      cancelRequested: false,
      done,
      settle,
    };
    if (pool !== undefined) op.pool = pool;
    this.ops.set(op.id, op);
    return op;
  }

  /** Ends an operation. */
  finish(op: Operation, status: Exclude<OperationStatus, 'InProgress'>, error?: ErrorDetail): void {
    if (op.status !== 'InProgress') return;
    op.status = status;
    op.endTime = new Date(this.clock.now()).toISOString();
    if (status === 'Succeeded') op.percentComplete = 100;
    if (error) op.error = error;
    op.settle();
  }

  get(id: string): Operation | undefined {
    return this.ops.get(id);
  }

  /** The operation still running (on the cluster or any pool), newest first. */
  running(filter?: (op: Operation) => boolean): Operation | undefined {
    return [...this.ops.values()]
      .reverse()
      .find((op) => op.status === 'InProgress' && (!filter || filter(op)));
  }

  /**
   * Headers that start ARM polling: absolute URLs on this server with the api-version of the
   * request that started the operation, and a short Retry-After.
   */
  headers(
    op: Operation,
    withLocation: boolean,
    apiVersion?: string | null,
  ): Record<string, string> {
    if (apiVersion) op.apiVersion ??= apiVersion;
    const root = `${this.baseUrl()}/subscriptions/${this.subscriptionId}/providers/Microsoft.ContainerService/locations/${this.location}`;
    const q = `?api-version=${encodeURIComponent(op.apiVersion ?? '2026-06-01')}`;
    const headers: Record<string, string> = {
      'azure-asyncoperation': `${root}/operationStatus/${op.id}${q}`,
      'retry-after': String(this.retryAfterSeconds()),
    };
    if (withLocation) headers['location'] = `${root}/operations/${op.id}${q}`;
    return headers;
  }

  /** 10 s of simulated time, in whole wall seconds; 0 (= "use your own interval") when time runs fast. */
  retryAfterSeconds(): number {
    if (this.clock.speed >= 50) return 0;
    return Math.max(1, Math.round(10 / this.clock.speed));
  }

  /** GET on the Azure-AsyncOperation URL. */
  statusResponse(id: string): SimResponse | undefined {
    const op = this.ops.get(id);
    if (!op) return undefined;
    const body: Record<string, unknown> = {
      id: `/subscriptions/${this.subscriptionId}/providers/Microsoft.ContainerService/locations/${this.location}/operationStatus/${op.id}`,
      name: op.id,
      status: op.status,
      percentComplete: op.percentComplete,
      startTime: op.startTime,
    };
    if (op.endTime) body['endTime'] = op.endTime;
    if (op.error) body['error'] = op.error;
    const headers: Record<string, string> =
      op.status === 'InProgress' ? { 'retry-after': String(this.retryAfterSeconds()) } : {};
    return { status: 200, headers, body };
  }

  /** GET on the Location URL: 202 while running, then the result (or 204), or the error. */
  locationResponse(id: string): SimResponse | undefined {
    const op = this.ops.get(id);
    if (!op) return undefined;
    if (op.status === 'InProgress') {
      return { status: 202, headers: this.headers(op, true) };
    }
    if (op.status === 'Failed' || op.status === 'Canceled') {
      const error = op.error ?? {
        code: 'OperationCanceled',
        message: 'The operation was canceled.',
      };
      return { status: op.status === 'Failed' ? 400 : 409, body: { error } };
    }
    const result = op.result?.();
    return result === undefined ? { status: 204 } : { status: 200, body: result };
  }
}
