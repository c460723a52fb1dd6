import { terminalSafeJson } from '../model/visible-text.js';

const SECRET_KEYS =
  /token|password|secret|authorization|client-key|key-data|certificate|kubeconfig|credential/i;
const JWT = /eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}/g;
const REDACTED = '[redacted]';

/**
 * Serializes a journal record with secrets removed: fields whose names suggest credentials,
 * anything shaped like a JWT, and every known secret string wherever it appears. Characters a
 * terminal acts on are escaped, so even `cat` of a journal cannot be used against the reader.
 */
export function redactedJson(record: unknown, secrets: ReadonlySet<string>): string {
  return terminalSafeJson(
    JSON.stringify(record, (key, value: unknown) => {
      if (key && SECRET_KEYS.test(key) && value !== null && typeof value !== 'boolean')
        return REDACTED;
      if (typeof value !== 'string') return value;
      let out = value.replace(JWT, REDACTED);
      for (const secret of secrets) {
        if (secret.length >= 8 && out.includes(secret)) out = out.split(secret).join(REDACTED);
      }
      return out;
    }),
  );
}
