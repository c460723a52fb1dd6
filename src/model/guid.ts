const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Whether `text` has the shape of a GUID: an Entra object id, a subscription id. */
export function isGuid(text: string): boolean {
  return GUID.test(text);
}
