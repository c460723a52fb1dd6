// The Resource Graph queries the inventory sends. Plain KQL over the `resources` table, ordered
// by id so that paging through skip tokens is stable.

/** Every AKS cluster the identity can see, with the properties the inventory reads. */
export const CLUSTERS_QUERY = `resources
| where type =~ 'microsoft.containerservice/managedclusters'
| project id, name, location, resourceGroup, subscriptionId, tags, properties
| order by id asc`;

/** Every Fleet Manager member: which cluster, in which fleet and update group. */
export const FLEET_MEMBERS_QUERY = `resources
| where type =~ 'microsoft.containerservice/fleets/members'
| project id, name, properties
| order by id asc`;
