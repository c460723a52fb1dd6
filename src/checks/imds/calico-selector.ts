// Calico's selector expressions (docs.tigera.io, reference/resources/networkpolicy, "Selectors"):
// `all()`, `k == 'v'`, `k != 'v'`, `has(k)`, `!has(k)`, `k in {'a','b'}`, `k not in {...}`,
// `k contains 's'`, `k starts with 's'`, `k ends with 's'`, `!e`, `e && e`, `e || e`, `(e)`.
// `k != 'v'` and `k not in {...}` also match a resource without the label. An empty selector is
// the field's default, which its caller decides.

/** A parsed selector: labels in, match out. */
export type CalicoSelector = (labels: Record<string, string>) => boolean;

type Token = { t: 'str'; v: string } | { t: 'word'; v: string } | { t: 'op'; v: string };

function tokens(text: string): Token[] | undefined {
  const out: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    if (c === "'" || c === '"') {
      const end = text.indexOf(c, i + 1);
      if (end < 0) return undefined;
      out.push({ t: 'str', v: text.slice(i + 1, end) });
      i = end + 1;
      continue;
    }
    const two = text.slice(i, i + 2);
    if (['==', '!=', '&&', '||'].includes(two)) {
      out.push({ t: 'op', v: two });
      i += 2;
      continue;
    }
    if ('!(){},'.includes(c)) {
      out.push({ t: 'op', v: c });
      i++;
      continue;
    }
    const word = /^[A-Za-z0-9_./-]+/.exec(text.slice(i));
    if (!word) return undefined;
    out.push({ t: 'word', v: word[0] });
    i += word[0].length;
  }
  return out;
}

/** Parses a selector; undefined when it is not one Calico accepts (as far as this reads it). */
export function parseCalicoSelector(text: string): CalicoSelector | undefined {
  const ts = tokens(text);
  if (!ts) return undefined;
  let at = 0;
  const peek = () => ts[at];
  const isOp = (v: string) => peek()?.t === 'op' && peek()!.v === v;
  const isWord = (v: string) => peek()?.t === 'word' && peek()!.v === v;
  const fail = (): never => {
    throw new Error('selector');
  };
  const str = (): string => {
    const t = ts[at++];
    return t?.t === 'str' ? t.v : fail();
  };
  const set = (): string[] => {
    if (!isOp('{')) fail();
    at++;
    const values: string[] = [];
    while (!isOp('}')) {
      values.push(str());
      if (isOp(',')) at++;
      else if (!isOp('}')) fail();
    }
    at++;
    return values;
  };
  const or = (): CalicoSelector => {
    let left = and();
    while (isOp('||')) {
      at++;
      const l = left;
      const r = and();
      left = (labels) => l(labels) || r(labels);
    }
    return left;
  };
  const and = (): CalicoSelector => {
    let left = unary();
    while (isOp('&&')) {
      at++;
      const l = left;
      const r = unary();
      left = (labels) => l(labels) && r(labels);
    }
    return left;
  };
  const unary = (): CalicoSelector => {
    if (isOp('!')) {
      at++;
      const inner = unary();
      return (labels) => !inner(labels);
    }
    if (isOp('(')) {
      at++;
      const inner = or();
      if (!isOp(')')) fail();
      at++;
      return inner;
    }
    const head = ts[at++];
    if (head?.t !== 'word') return fail();
    if ((head.v === 'all' || head.v === 'global') && isOp('(')) {
      at++;
      if (!isOp(')')) fail();
      at++;
      return () => true;
    }
    if (head.v === 'has' && isOp('(')) {
      at++;
      const key = ts[at++];
      if (key?.t !== 'word' || !isOp(')')) return fail();
      at++;
      return (labels) => Object.hasOwn(labels, key.v);
    }
    const key = head.v;
    const value = (labels: Record<string, string>) =>
      Object.hasOwn(labels, key) ? labels[key] : undefined;
    if (isOp('==')) {
      at++;
      const v = str();
      return (labels) => value(labels) === v;
    }
    if (isOp('!=')) {
      at++;
      const v = str();
      return (labels) => value(labels) !== v;
    }
    if (isWord('in')) {
      at++;
      const vs = set();
      return (labels) => value(labels) !== undefined && vs.includes(value(labels)!);
    }
    if (isWord('not') && ts[at + 1]?.t === 'word' && ts[at + 1]!.v === 'in') {
      at += 2;
      const vs = set();
      return (labels) => value(labels) === undefined || !vs.includes(value(labels)!);
    }
    if (isWord('contains')) {
      at++;
      const v = str();
      return (labels) => value(labels)?.includes(v) === true;
    }
    if (isWord('starts') && ts[at + 1]?.t === 'word' && ts[at + 1]!.v === 'with') {
      at += 2;
      const v = str();
      return (labels) => value(labels)?.startsWith(v) === true;
    }
    if (isWord('ends') && ts[at + 1]?.t === 'word' && ts[at + 1]!.v === 'with') {
      at += 2;
      const v = str();
      return (labels) => value(labels)?.endsWith(v) === true;
    }
    return fail();
  };
  try {
    if (ts.length === 0) return () => true;
    const selector = or();
    return at === ts.length ? selector : undefined;
  } catch {
    return undefined;
  }
}

/** The label keys a selector names (for telling whether it asks about labels not read). */
export function calicoSelectorKeys(text: string): string[] {
  const ts = tokens(text) ?? [];
  const reserved = new Set([
    'all',
    'global',
    'has',
    'in',
    'not',
    'contains',
    'starts',
    'ends',
    'with',
  ]);
  return ts.filter((t) => t.t === 'word' && !reserved.has(t.v)).map((t) => t.v);
}
