// Label keys, values and selectors as apimachinery validates them (IsQualifiedName, IsValidLabelValue,
// ValidateLabelSelector), for object metadata and NetworkPolicy selectors.
import type { FieldError } from './status.js';
import { arr, isRecord } from './types.js';

const NAME = /^[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$/;
const SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const NAME_MSG =
  "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')";
const VALUE_MSG =
  "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')";

/** Problems with a label key (`prefix/name` or `name`), as messages. */
export function qualifiedNameProblems(key: string): string[] {
  const parts = key.split('/');
  if (parts.length > 2) return [NAME_MSG];
  const name = parts.length === 2 ? parts[1]! : parts[0]!;
  const prefix = parts.length === 2 ? parts[0]! : undefined;
  const out: string[] = [];
  if (prefix !== undefined && (!SUBDOMAIN.test(prefix) || prefix.length > 253))
    out.push(
      'prefix part a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters',
    );
  if (!name) out.push('name part must be non-empty');
  else if (name.length > 63) out.push('name part must be no more than 63 characters');
  else if (!NAME.test(name)) out.push(NAME_MSG);
  return out;
}

/** Validates a label map (keys and values). */
export function validateLabels(labels: unknown, field: string): FieldError[] {
  if (!isRecord(labels)) return [];
  return Object.entries(labels).flatMap(([key, value]): FieldError[] => {
    const keyErrors = qualifiedNameProblems(key).map((detail): FieldError => ({
      type: 'FieldValueInvalid',
      field,
      value: key,
      detail,
    }));
    const text = typeof value === 'string' ? value : String(value);
    const valueOk = text === '' || (text.length <= 63 && NAME.test(text));
    return valueOk
      ? keyErrors
      : [...keyErrors, { type: 'FieldValueInvalid', field, value: text, detail: VALUE_MSG }];
  });
}

/** Validates a LabelSelector: matchLabels, and each matchExpressions requirement. */
export function validateLabelSelector(selector: unknown, field: string): FieldError[] {
  if (!isRecord(selector)) return [];
  const errs = validateLabels(selector['matchLabels'], `${field}.matchLabels`);
  arr(selector['matchExpressions']).forEach((req, i) => {
    const at = `${field}.matchExpressions[${i}]`;
    if (!isRecord(req)) return;
    const values = arr(req['values']);
    const operator = req['operator'];
    if (operator === 'In' || operator === 'NotIn') {
      if (values.length === 0)
        errs.push({
          type: 'FieldValueRequired',
          field: `${at}.values`,
          detail: "must be specified when `operator` is 'In' or 'NotIn'",
        });
    } else if (operator === 'Exists' || operator === 'DoesNotExist') {
      if (values.length > 0)
        errs.push({
          type: 'FieldValueForbidden',
          field: `${at}.values`,
          detail: "may not be specified when `operator` is 'Exists' or 'DoesNotExist'",
        });
    } else {
      errs.push({
        type: 'FieldValueInvalid',
        field: `${at}.operator`,
        value: String(operator),
        detail: 'not a valid selector operator',
      });
    }
    for (const detail of qualifiedNameProblems(typeof req['key'] === 'string' ? req['key'] : ''))
      errs.push({
        type: 'FieldValueInvalid',
        field: `${at}.key`,
        value: String(req['key']),
        detail,
      });
  });
  return errs;
}
