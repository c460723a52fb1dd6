import type { EntraDoc } from './schema.js';

/** A directory object as Graph serializes it (v1.0 default properties), `@odata.type` first. */
export type GraphObject = Record<string, unknown> & { '@odata.type': string; id: string };

/** The scenario's tenant: objects by id, users by UPN, and group membership (direct and transitive). */
export class Directory {
  private readonly byId = new Map<string, GraphObject>();
  private readonly byUpn = new Map<string, GraphObject>();
  private readonly members = new Map<string, string[]>();

  constructor(readonly doc: EntraDoc) {
    for (const u of doc.users) {
      const o: GraphObject = {
        '@odata.type': '#microsoft.graph.user',
        id: u.id,
        businessPhones: [],
        displayName: u.displayName,
        givenName: null,
        jobTitle: null,
        mail: u.mail ?? null,
        mobilePhone: null,
        officeLocation: null,
        preferredLanguage: null,
        surname: null,
        userPrincipalName: u.userPrincipalName,
      };
      this.add(o);
      this.byUpn.set(u.userPrincipalName.toLowerCase(), o);
    }
    for (const g of doc.groups) {
      this.add({
        '@odata.type': '#microsoft.graph.group',
        id: g.id,
        displayName: g.displayName,
        description: g.description ?? null,
        groupTypes: [],
        mailEnabled: g.mailEnabled,
        securityEnabled: g.securityEnabled,
      });
    }
    const sp = (type: 'Application' | 'ManagedIdentity') => (s: EntraDoc['servicePrincipals'][0]) =>
      this.add({
        '@odata.type': '#microsoft.graph.servicePrincipal',
        id: s.id,
        appId: s.appId,
        displayName: s.displayName,
        servicePrincipalType: type,
      });
    doc.servicePrincipals.forEach(sp('Application'));
    doc.managedIdentities.forEach(sp('ManagedIdentity'));
    // Members may be named by UPN in the scenario; Graph relates objects by id.
    for (const g of doc.groups) {
      this.members.set(
        g.id.toLowerCase(),
        g.members.map((m) => this.find(m)?.id.toLowerCase() ?? m.toLowerCase()),
      );
    }
  }

  private add(o: GraphObject): void {
    this.byId.set(o.id.toLowerCase(), o);
  }

  /** The object with this id, or the user with this UPN (Graph's `/users/{id | userPrincipalName}`). */
  find(idOrUpn: string): GraphObject | undefined {
    const key = idOrUpn.toLowerCase();
    return this.byId.get(key) ?? this.byUpn.get(key);
  }

  /** Every object of one `@odata.type`, in scenario order. */
  all(type: string): GraphObject[] {
    return [...this.byId.values()].filter((o) => o['@odata.type'] === type);
  }

  /** A group's direct members that exist in the directory. */
  directMembers(groupId: string): GraphObject[] {
    const ids = this.members.get(groupId.toLowerCase()) ?? [];
    return ids.flatMap((id) => this.byId.get(id) ?? []);
  }

  /** A group's members, nested groups expanded (each object once; the groups themselves count too). */
  transitiveMembers(groupId: string): GraphObject[] {
    const seen = new Map<string, GraphObject>();
    const visit = (id: string): void => {
      for (const m of this.directMembers(id)) {
        if (seen.has(m.id.toLowerCase())) continue;
        seen.set(m.id.toLowerCase(), m);
        if (m['@odata.type'] === '#microsoft.graph.group') visit(m.id);
      }
    };
    visit(groupId);
    return [...seen.values()];
  }

  /** The groups (among `groupIds`) an object is a member of, directly or through nesting. */
  memberOf(objectId: string, groupIds: string[]): string[] {
    const id = objectId.toLowerCase();
    return groupIds.filter((g) => this.transitiveMembers(g).some((m) => m.id.toLowerCase() === id));
  }
}
