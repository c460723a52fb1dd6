import type { ContainerServiceClient } from '@azure/arm-containerservice';
import { createDefaultHttpClient, createPipelineRequest } from '@azure/core-rest-pipeline';
import type { ArmPermission } from '../model/arm.js';
import { describeArmError } from './errors.js';

/** The caller's permissions at a scope, or why they could not be read. */
export type PermissionsRead =
  { ok: true; permissions: ArmPermission[] } | { ok: false; status?: number; reason: string };

const API_VERSION = '2022-04-01';

/**
 * Reads the operator's own Azure RBAC permissions on a resource (Microsoft.Authorization
 * permissions API), through the Container Service client's pipeline so the same sign-in,
 * endpoint and trusted CA apply. Never throws: a refusal or failure is returned as a reason.
 */
export async function readArmPermissions(
  client: ContainerServiceClient,
  endpoint: string,
  resourceId: string,
  signal?: AbortSignal,
): Promise<PermissionsRead> {
  const url = `${endpoint.replace(/\/+$/, '')}${resourceId}/providers/Microsoft.Authorization/permissions?api-version=${API_VERSION}`;
  try {
    const response = await client.pipeline.sendRequest(
      createDefaultHttpClient(),
      createPipelineRequest({ url, method: 'GET', abortSignal: signal, timeout: 30_000 }),
    );
    const body = parse(response.bodyAsText ?? undefined);
    if (response.status !== 200) {
      return { ok: false, status: response.status, reason: errorText(body, response.status) };
    }
    const value = (body as { value?: unknown } | undefined)?.value;
    if (!Array.isArray(value)) return { ok: false, reason: 'the answer had no permission list' };
    return { ok: true, permissions: value.map(toPermission) };
  } catch (error) {
    // No answer (the network, a time limit): said in the shared words, not the client's text.
    return {
      ok: false,
      reason: describeArmError(error, undefined, 'read your Azure permissions').message,
    };
  }
}

function parse(text: string | undefined): unknown {
  try {
    return text ? (JSON.parse(text) as unknown) : undefined;
  } catch {
    return undefined;
  }
}

function toPermission(entry: unknown): ArmPermission {
  const e = (entry ?? {}) as { actions?: unknown; notActions?: unknown };
  const strings = (v: unknown) =>
    Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
  return { actions: strings(e.actions), notActions: strings(e.notActions) };
}

function errorText(body: unknown, status: number): string {
  const error = (body as { error?: { code?: unknown; message?: unknown } } | undefined)?.error;
  const code = typeof error?.code === 'string' ? error.code : `HTTP ${status}`;
  return typeof error?.message === 'string' ? `${code}: ${error.message}` : code;
}
