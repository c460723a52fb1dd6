// Counts in words, the one way: "1 node", "2 nodes", "0 policies". Every count the product prints
// goes through here, so none reads "1 node(s)" or "1 RoleBindings".

/** The plural of an English noun: policy → policies, class → classes, PDB → PDBs. */
export function pluralOf(noun: string): string {
  if (/[^aeiou]y$/i.test(noun)) return `${noun.slice(0, -1)}ies`;
  if (/(s|x|z|ch|sh)$/.test(noun)) return `${noun}es`;
  return `${noun}s`;
}

/**
 * `count` and the noun, singular for exactly one: `plural(1, 'node')` is "1 node",
 * `plural(3, 'policy')` is "3 policies"; give the plural when it is irregular.
 */
export function plural(count: number, noun: string, many = pluralOf(noun)): string {
  return `${count} ${count === 1 ? noun : many}`;
}

/** The noun alone, for one or many: `noun(2, 'PDB')` is "PDBs". */
export function noun(count: number, singular: string, many = pluralOf(singular)): string {
  return count === 1 ? singular : many;
}
