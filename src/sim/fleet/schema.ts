import { z } from 'zod';

/** The kind of a scenario document describing a Fleet Manager fleet over the scenario's clusters. */
export const FLEET_KIND = 'AksFleet';

// Fleet Manager's rule for member, group, stage and strategy names.
const fleetName = z
  .string()
  .max(50, 'at most 50 characters')
  .regex(
    /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/,
    'lower-case letters, digits and dashes, starting and ending with a letter or digit',
  );

/**
 * `kind: AksFleet`: the fleet's place, its members (clusters of the scenario, by name or
 * `resourceGroup/name`, each in an optional update group) and its update strategies.
 */
export const fleetDocSchema = z.strictObject({
  apiVersion: z.literal('aks-runbook/v1alpha1'),
  kind: z.literal(FLEET_KIND),
  description: z.string().optional(),
  fleet: z.strictObject({
    /** Default: the first member's subscription. */
    subscriptionId: z.string().optional(),
    resourceGroup: z.string().min(1),
    name: z
      .string()
      .regex(
        /^[a-zA-Z0-9]([-a-zA-Z0-9]{0,61}[a-zA-Z0-9])?$/,
        'a fleet name: letters, digits, dashes',
      ),
    /** Default: the first member's region. */
    location: z.string().optional(),
  }),
  members: z
    .array(
      z.strictObject({
        name: fleetName,
        cluster: z.string().min(1),
        group: fleetName.optional(),
      }),
    )
    .min(1, 'a fleet needs at least one member'),
  strategies: z
    .array(
      z.strictObject({
        name: fleetName,
        stages: z
          .array(
            z.strictObject({
              name: fleetName,
              groups: z.array(fleetName).min(1, 'a stage needs at least one group'),
              afterStageWaitInSeconds: z.number().int().min(0).optional(),
            }),
          )
          .min(1, 'a strategy needs at least one stage'),
      }),
    )
    .default([]),
});

export type FleetDoc = z.infer<typeof fleetDocSchema>;
