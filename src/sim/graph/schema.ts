import { z } from 'zod';

const objectId = z
  .string()
  .regex(
    /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i,
    'expected an Entra object id (a GUID)',
  );

const user = z.strictObject({
  id: objectId,
  displayName: z.string(),
  userPrincipalName: z.string(),
  mail: z.string().optional(),
});

const group = z.strictObject({
  id: objectId,
  displayName: z.string(),
  description: z.string().optional(),
  securityEnabled: z.boolean().default(true),
  mailEnabled: z.boolean().default(false),
  /** Direct members, each an object id or a user's UPN from this directory. */
  members: z.array(z.string()).default([]),
});

const servicePrincipal = z.strictObject({
  id: objectId,
  appId: objectId,
  displayName: z.string(),
});

/**
 * The tenant's directory as Microsoft Graph shows it (`entra:` in the descriptor): users, groups
 * with their members, service principals and managed identities (service principals of type
 * ManagedIdentity), and the Graph permissions the operator's token carries.
 */
export const entraSchema = z.strictObject({
  /**
   * Graph permissions (delegated scopes) of the operator: without a read permission an endpoint
   * answers 403 Authorization_RequestDenied. `[]` = no directory rights at all.
   */
  operatorPermissions: z.array(z.string()).default(['Directory.Read.All']),
  users: z.array(user).default([]),
  groups: z.array(group).default([]),
  servicePrincipals: z.array(servicePrincipal).default([]),
  managedIdentities: z.array(servicePrincipal).default([]),
});

export type EntraInput = z.input<typeof entraSchema>;
export type EntraDoc = z.output<typeof entraSchema>;
