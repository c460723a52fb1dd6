import type { SimResponse } from '../http.js';
import { kubeStatus } from '../server.js';
import type { ResourceType } from './types.js';

/** A failure the handlers throw; the route wrapper turns it into its Status response. */
export class ApiError extends Error {
  constructor(readonly response: SimResponse) {
    super(typeof response.body === 'object' ? JSON.stringify(response.body) : 'api error');
  }
}

function resourceDetails(t: ResourceType, name: string | undefined): Record<string, unknown> {
  const d: Record<string, unknown> = {};
  if (name) d['name'] = name;
  if (t.group) d['group'] = t.group;
  d['kind'] = t.resource;
  return d;
}

function qualified(t: ResourceType): string {
  return t.group ? `${t.resource}.${t.group}` : t.resource;
}

/** 404 `<resource> "<name>" not found`. */
export function notFound(t: ResourceType, name: string): ApiError {
  return new ApiError(
    kubeStatus(404, 'NotFound', `${qualified(t)} "${name}" not found`, resourceDetails(t, name)),
  );
}

/** 409 `<resource> "<name>" already exists`. */
export function alreadyExists(t: ResourceType, name: string): ApiError {
  return new ApiError(
    kubeStatus(
      409,
      'AlreadyExists',
      `${qualified(t)} "${name}" already exists`,
      resourceDetails(t, name),
    ),
  );
}

/** 409 Conflict for a stale resourceVersion. */
export function conflict(t: ResourceType, name: string): ApiError {
  return new ApiError(
    kubeStatus(
      409,
      'Conflict',
      `Operation cannot be fulfilled on ${qualified(t)} "${name}": the object has been modified; please apply your changes to the latest version and try again`,
      resourceDetails(t, name),
    ),
  );
}

/**
 * 409 Conflict for a delete whose precondition (uid or resourceVersion) names another object
 * than the stored one: the apiserver's Preconditions.Check message, as a Conflict.
 */
export function preconditionFailed(
  t: ResourceType,
  name: string,
  field: 'UID' | 'ResourceVersion',
  wanted: string,
  found: string,
): ApiError {
  return new ApiError(
    kubeStatus(
      409,
      'Conflict',
      `Operation cannot be fulfilled on ${qualified(t)} "${name}": Precondition failed: ${field} in precondition: ${wanted}, ${field} in object meta: ${found}`,
      resourceDetails(t, name),
    ),
  );
}

/** 400 BadRequest with a free message. */
export function badRequest(message: string): ApiError {
  return new ApiError(kubeStatus(400, 'BadRequest', message));
}

/** 403 Forbidden, the RBAC denial shape: `<resource> "<name>" is forbidden: <why>`. */
export function forbidden(
  t: ResourceType | undefined,
  name: string | undefined,
  why: string,
): ApiError {
  if (!t) return new ApiError(kubeStatus(403, 'Forbidden', `forbidden: ${why}`, {}));
  const subject = name ? `${qualified(t)} "${name}"` : qualified(t);
  return new ApiError(
    kubeStatus(403, 'Forbidden', `${subject} is forbidden: ${why}`, resourceDetails(t, name)),
  );
}

/** One field error, as apimachinery's `field.Error`. */
export interface FieldError {
  type:
    | 'FieldValueInvalid'
    | 'FieldValueRequired'
    | 'FieldValueNotSupported'
    | 'FieldValueDuplicate'
    | 'FieldValueForbidden';
  field: string;
  value?: unknown;
  /** The value as the API server prints it, when that is not JSON (Go's `%#v` of a struct). */
  shown?: string;
  detail?: string;
}

/** The error body without the field, e.g. `Invalid value: "x": must be ...`. */
export function fieldErrorBody(e: FieldError): string {
  const head = {
    FieldValueInvalid: 'Invalid value',
    FieldValueRequired: 'Required value',
    FieldValueNotSupported: 'Unsupported value',
    FieldValueDuplicate: 'Duplicate value',
    FieldValueForbidden: 'Forbidden',
  }[e.type];
  let s = head;
  if (e.type !== 'FieldValueRequired' && e.type !== 'FieldValueForbidden') {
    if (e.shown !== undefined) s += `: ${e.shown}`;
    else if (e.value !== undefined) s += `: ${JSON.stringify(e.value)}`;
  }
  if (e.detail) s += `: ${e.detail}`;
  return s;
}

/** 422 Invalid: `<Kind>[.<group>] "<name>" is invalid: <field>: <body>` (several in brackets). */
export function invalid(t: ResourceType, name: string, errors: FieldError[]): ApiError {
  const kind = t.group ? `${t.kind}.${t.group}` : t.kind;
  const texts = errors.map((e) => `${e.field}: ${fieldErrorBody(e)}`);
  const joined = texts.length === 1 ? texts[0]! : `[${texts.join(', ')}]`;
  const details: Record<string, unknown> = { name };
  if (t.group) details['group'] = t.group;
  details['kind'] = t.kind;
  details['causes'] = errors.map((e) => ({
    reason: e.type,
    message: fieldErrorBody(e),
    field: e.field,
  }));
  return new ApiError(
    kubeStatus(422, 'Invalid', `${kind} "${name}" is invalid: ${joined}`, details),
  );
}

/** The `Status` of a successful delete or eviction. */
export function successStatus(code: number, details?: Record<string, unknown>): SimResponse {
  const body: Record<string, unknown> = {
    kind: 'Status',
    apiVersion: 'v1',
    metadata: {},
    status: 'Success',
  };
  if (details) body['details'] = details;
  body['code'] = code;
  return { status: code, body };
}
