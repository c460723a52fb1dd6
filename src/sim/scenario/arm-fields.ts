// Reading ARM JSON as the wire writes it and as `az` prints it (the SDK's renamed, flattened form).
export type Json = Record<string, unknown>;

export const isObj = (v: unknown): v is Json =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** A field by name, whatever its case (the wire says enableRBAC, az says enableRbac). */
export function field(o: unknown, name: string): unknown {
  if (!isObj(o)) return undefined;
  if (name in o) return o[name];
  const key = Object.keys(o).find((k) => k.toLowerCase() === name.toLowerCase());
  return key === undefined ? undefined : o[key];
}

export const str = (v: unknown): string | undefined => (typeof v === 'string' && v ? v : undefined);

/** A resource's properties: `properties` on the wire, the object itself as `az` prints it. */
export function propsOf(o: unknown): Json {
  const p = field(o, 'properties');
  return isObj(p) ? p : isObj(o) ? o : {};
}

/** Kubernetes versions as AKS writes them: major.minor.patch. */
export const VERSION = /^\d+\.\d+\.\d+$/;
