import type { Severity } from '../../model/finding.js';
import type { Subject } from '../../model/rbac.js';
import type { RbacEvaluator } from './evaluator.js';
import { serviceAccountGroups, serviceAccountUser, subjectApplies } from './identity.js';
import { capabilitiesOf } from './questions.js';
import { allBindings, bindingLabel, type Binding, type RbacFacts } from './types.js';

/** A ServiceAccount someone can act as, and the strongest rights it holds. */
export interface ReachedAccount {
  /** `namespace/name`. */
  account: string;
  severity: Extract<Severity, 'high' | 'medium'>;
  /** Its rights after "which": `has full control across the whole cluster (ClusterRoleBinding x)`. */
  rights: string;
}

const SA_USER = /^system:serviceaccount:([^:]+):([^:]+)$/;
const NS_GROUP = /^system:serviceaccounts:([^:]+)$/;
// The group every ServiceAccount token carries (system:authenticated too, but whoever acts as an
// account is signed in already and gains nothing from that one).
const EVERY_ACCOUNT = new Set(['system:serviceaccounts']);

const rank = (r: ReachedAccount | undefined) =>
  r === undefined ? 0 : r.severity === 'high' ? 2 : 1;

/** The stronger of two reached accounts (the first on a tie). */
export function stronger(
  a: ReachedAccount | undefined,
  b: ReachedAccount | undefined,
): ReachedAccount | undefined {
  return rank(b) > rank(a) ? b : a;
}

/**
 * The rights of the ServiceAccounts of each namespace, for whoever can act as one of them (create
 * pods there, mint their tokens, impersonate them): RBAC good practices, "workload creation" and
 * "token request". The accounts are every one that exists, those the bindings name (one made
 * later under that name gets the grant) and `default`, which every namespace has; their rights
 * are asked of the evaluator binding by binding, as the checks ask a subject's. An account no
 * binding names still holds what its groups are given. Only rights beyond reading Secrets of a
 * namespace count (whoever runs pods there reads those already). Pure; built lazily and cached,
 * since most clusters never ask.
 */
export class ServiceAccountReach {
  private accounts: Map<string, Set<string>> | undefined;
  private bindings: Map<string, Binding[]> | undefined;
  private everyAccount: Binding[] = [];
  private readonly byAccount = new Map<string, ReachedAccount | undefined>();

  constructor(
    private readonly facts: RbacFacts,
    private readonly evaluator: RbacEvaluator,
    private readonly websocketGet: boolean,
  ) {}

  /** The namespaces that have a ServiceAccount (one that exists, or one a binding names). */
  namespaces(): string[] {
    return [...this.index().accounts.keys()];
  }

  /**
   * The strongest ServiceAccount of `namespace` (among those `pick` keeps, by name), or
   * undefined when none holds more than Secrets of a namespace.
   */
  strongest(
    namespace: string,
    pick: (name: string) => boolean = () => true,
  ): ReachedAccount | undefined {
    const names = this.index().accounts.get(namespace) ?? new Set(['default']);
    let best: ReachedAccount | undefined;
    for (const name of names) if (pick(name)) best = stronger(best, this.of(namespace, name));
    return best;
  }

  private index() {
    if (!this.accounts || !this.bindings) {
      const accounts = new Map<string, Set<string>>();
      const bindings = new Map<string, Binding[]>();
      const note = (ns: string, name?: string) => {
        if (!ns) return;
        const set = accounts.get(ns) ?? new Set(['default']);
        if (name) set.add(name);
        accounts.set(ns, set);
      };
      for (const b of allBindings({ ...this.facts, forbidden: [] })) {
        const spaces = new Set<string>();
        let every = false;
        for (const s of b.object.subjects ?? []) {
          const ns = accountNamespace(s, b);
          if (ns !== undefined) {
            spaces.add(ns);
            note(ns, s.kind === 'Group' ? undefined : accountName(s));
          }
          every ||= s.kind === 'Group' && EVERY_ACCOUNT.has(s.name);
        }
        if (every) this.everyAccount.push(b);
        else for (const ns of spaces) bindings.set(ns, [...(bindings.get(ns) ?? []), b]);
      }
      for (const a of this.facts.serviceAccounts ?? []) note(a.namespace, a.name);
      this.accounts = accounts;
      this.bindings = bindings;
    }
    return { accounts: this.accounts, bindings: this.bindings };
  }

  /** The strongest rights of ServiceAccount `namespace/name`, cached. */
  private of(namespace: string, name: string): ReachedAccount | undefined {
    const key = `${namespace}/${name}`;
    if (this.byAccount.has(key)) return this.byAccount.get(key);
    const id = {
      user: serviceAccountUser(namespace, name),
      groups: serviceAccountGroups(namespace),
    };
    let best: ReachedAccount | undefined;
    const candidates = [...(this.index().bindings.get(namespace) ?? []), ...this.everyAccount];
    for (const b of candidates) {
      const bindingNs = b.kind === 'RoleBinding' ? (b.namespace ?? '') : '';
      if (!(b.object.subjects ?? []).some((s) => subjectApplies(s, id, bindingNs))) continue;
      const wide = b.kind === 'ClusterRoleBinding' || b.namespace === 'kube-system';
      const where =
        b.kind === 'ClusterRoleBinding'
          ? 'across the whole cluster'
          : `in namespace ${b.namespace}`;
      const via = `(${bindingLabel(b)})`;
      for (const a of capabilitiesOf(this.evaluator, id, b, this.websocketGet)) {
        const c = a.capability;
        // Reading Secrets of one namespace, or creating pods there, is what the caller has already.
        if (c.finding === 'rbac.secrets-read' && !wide) continue;
        const rights =
          c.finding === 'rbac.cluster-admin'
            ? `has full control ${where} ${via}`
            : c.finding === 'rbac.secrets-read'
              ? `can read Secrets ${where} ${via}`
              : `can ${c.what} ${where} ${via}`;
        best = stronger(best, { account: key, severity: wide ? 'high' : 'medium', rights });
        if (best?.severity === 'high') break;
      }
      if (best?.severity === 'high') break;
    }
    this.byAccount.set(key, best);
    return best;
  }
}

/** The namespace of the ServiceAccounts a subject names (one account or a namespace's group). */
function accountNamespace(s: Subject, b: Binding): string | undefined {
  if (s.kind === 'ServiceAccount')
    return s.namespace || (b.kind === 'RoleBinding' ? b.namespace : undefined);
  if (s.kind === 'User') return SA_USER.exec(s.name)?.[1];
  if (s.kind === 'Group') return NS_GROUP.exec(s.name)?.[1];
  return undefined;
}

function accountName(s: Subject): string | undefined {
  if (s.kind === 'ServiceAccount') return s.name;
  if (s.kind === 'User') return SA_USER.exec(s.name)?.[2];
  return undefined;
}
