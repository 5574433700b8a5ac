/**
 * Pattern matching over untrusted manifests in time linear in the text for a given pattern: no
 * backtracking, so `(.*)*z` or a glob of a thousand `*` cannot stall `checkManifests`.
 *
 * - {@link globMatch}: fnmatch globs (`*`, `?`, `[...]`, `[!...]`), as huggingface_hub's allow
 *   patterns (`STORAGE_ALLOW_PATTERNS`) use them.
 * - {@link regexFullMatch}: the part of Java regular expressions that TorchServe settings
 *   (`allowed_urls`, `blacklist_env_vars`) use, run as a Thompson NFA. Anything outside that part
 *   (back-references, look-arounds, possessive quantifiers) yields `undefined`: "cannot tell".
 */

/** Work counter: every step of a matcher adds one (tests bound it). */
export interface StepCounter { steps: number }

/** One character test of a glob or regex class. */
type CharTest = (ch: string) => boolean;

/** Parse a `[...]` class body starting after `[`; returns the test and the index after `]`, or undefined if unclosed. */
function parseClass(p: string, start: number, negation: string, fold: boolean): { test: CharTest; end: number } | undefined {
  let i = start;
  let negate = false;
  if (p[i] === negation || (negation === '!' && p[i] === '^')) { negate = true; i++; }
  const items: CharTest[] = [];
  let first = true;
  while (i < p.length && (p[i] !== ']' || first)) {
    first = false;
    let lo = p[i];
    if (lo === '\\' && negation === '^' && i + 1 < p.length) {
      const esc = ESCAPES[p[i + 1]];
      if (esc) { items.push(esc); i += 2; continue; }
      lo = p[i + 1];
      i++;
    }
    if (p[i + 1] === '-' && i + 2 < p.length && p[i + 2] !== ']') {
      let hi = p[i + 2];
      let next = i + 3;
      if (hi === '\\' && negation === '^' && i + 3 < p.length) { hi = p[i + 3]; next = i + 4; }
      const [a, b] = [lo, hi];
      items.push(ch => ch >= a && ch <= b);
      i = next;
    } else {
      const c = lo;
      items.push(ch => ch === c);
      i++;
    }
  }
  if (i >= p.length) return undefined;
  const fits: CharTest = ch => items.some(t => t(ch) || (fold && (t(ch.toLowerCase()) || t(ch.toUpperCase()))));
  return { test: negate ? ch => !fits(ch) : fits, end: i + 1 };
}

/**
 * fnmatch-style glob: `*` any run, `?` one character, `[...]`/`[!...]` a class; everything else
 * literal. The whole text must match. O(pattern × text) at worst.
 */
export function globMatch(pattern: string, text: string, counter?: StepCounter): boolean {
  // compile to tokens first, so the match loop never re-parses
  const tokens: ({ star: true } | { star: false; test: CharTest })[] = [];
  for (let i = 0; i < pattern.length;) {
    const ch = pattern[i];
    if (ch === '*') { if (!(tokens.length > 0 && tokens[tokens.length - 1].star)) tokens.push({ star: true }); i++; continue; }
    if (ch === '?') { tokens.push({ star: false, test: () => true }); i++; continue; }
    if (ch === '[') {
      const cls = parseClass(pattern, i + 1, '!', false);
      if (cls) { tokens.push({ star: false, test: cls.test }); i = cls.end; continue; }
    }
    tokens.push({ star: false, test: c => c === ch });
    i++;
  }
  // the classic single-backtrack-point wildcard match: linear passes, restarted at most once per text position
  let t = 0;
  let p = 0;
  let starP = -1;
  let starT = 0;
  while (t < text.length) {
    if (counter) counter.steps++;
    const tok = tokens[p];
    if (tok && !tok.star && tok.test(text[t])) { t++; p++; continue; }
    if (tok && tok.star) { starP = p++; starT = t; continue; }
    if (starP >= 0) { p = starP + 1; t = ++starT; continue; }
    return false;
  }
  while (p < tokens.length && tokens[p].star) p++;
  return p === tokens.length;
}

/** Regex escapes for classes. */
const ESCAPES: Readonly<Record<string, CharTest>> = {
  d: ch => ch >= '0' && ch <= '9',
  D: ch => !(ch >= '0' && ch <= '9'),
  w: ch => /[A-Za-z0-9_]/.test(ch),
  W: ch => !/[A-Za-z0-9_]/.test(ch),
  s: ch => /\s/.test(ch),
  S: ch => !/\s/.test(ch),
};

/** Regex syntax tree. */
type Node =
  | { kind: 'char'; test: CharTest }
  | { kind: 'empty' }
  | { kind: 'seq'; items: Node[] }
  | { kind: 'alt'; options: Node[] }
  | { kind: 'rep'; node: Node; min: number; max: number | undefined };

/** Largest repetition count expanded (`{0,100}`); larger bounds are "cannot tell". */
const MAX_REPEAT = 100;
/** Largest NFA accepted: patterns that would need more states are "cannot tell". */
const MAX_STATES = 20000;

class Unsupported extends Error {}

/** Recursive-descent parser over the Java-regex subset; throws Unsupported outside it. */
class RegexParser {
  private i = 0;
  constructor(private readonly p: string, private readonly fold: boolean) {}

  parse(): Node {
    const n = this.alt(0);
    if (this.i < this.p.length) throw new Unsupported('unbalanced )');
    return n;
  }

  private alt(depth: number): Node {
    if (depth > 200) throw new Unsupported('nesting');
    const options = [this.seq(depth)];
    while (this.p[this.i] === '|') { this.i++; options.push(this.seq(depth)); }
    return options.length === 1 ? options[0] : { kind: 'alt', options };
  }

  private seq(depth: number): Node {
    const items: Node[] = [];
    while (this.i < this.p.length && this.p[this.i] !== '|' && this.p[this.i] !== ')') items.push(this.repeat(this.atom(depth)));
    return items.length === 1 ? items[0] : { kind: 'seq', items };
  }

  private repeat(node: Node): Node {
    for (;;) {
      const ch = this.p[this.i];
      let min: number;
      let max: number | undefined;
      if (ch === '*') { min = 0; max = undefined; this.i++; }
      else if (ch === '+') { min = 1; max = undefined; this.i++; }
      else if (ch === '?') { min = 0; max = 1; this.i++; }
      else if (ch === '{') {
        const m = /^\{(\d{1,4})(,(\d{0,4}))?\}/.exec(this.p.slice(this.i, this.i + 12));
        if (!m) throw new Unsupported('brace');
        min = Number(m[1]);
        max = m[2] === undefined ? min : m[3] === '' ? undefined : Number(m[3]);
        if (min > MAX_REPEAT || (max !== undefined && (max > MAX_REPEAT || max < min))) throw new Unsupported('repeat bound');
        this.i += m[0].length;
      } else return node;
      // lazy quantifiers accept the same full matches; possessive ones do not
      if (this.p[this.i] === '?') this.i++;
      else if (this.p[this.i] === '+') throw new Unsupported('possessive');
      node = { kind: 'rep', node, min, max };
    }
  }

  private atom(depth: number): Node {
    const ch = this.p[this.i++];
    if (ch === '(') {
      if (this.p[this.i] === '?') {
        if (this.p[this.i + 1] !== ':') throw new Unsupported('group kind');
        this.i += 2;
      }
      const inner = this.alt(depth + 1);
      if (this.p[this.i] !== ')') throw new Unsupported('unclosed group');
      this.i++;
      return inner;
    }
    if (ch === '.') return { kind: 'char', test: c => c !== '\n' };
    if (ch === '^' || ch === '$') {
      // anchors only make sense at the ends of a full match
      if ((ch === '^' && this.i === 1) || (ch === '$' && this.i === this.p.length)) return { kind: 'empty' };
      throw new Unsupported('inner anchor');
    }
    if (ch === '[') {
      const cls = parseClass(this.p, this.i, '^', this.fold);
      if (!cls) throw new Unsupported('class');
      this.i = cls.end;
      return { kind: 'char', test: cls.test };
    }
    if (ch === '\\') {
      const e = this.p[this.i++];
      if (e === undefined || /[1-9bBAZzGkpPQE]/.test(e)) throw new Unsupported('escape');
      const esc = ESCAPES[e];
      if (esc) return { kind: 'char', test: esc };
      const lit = e === 'n' ? '\n' : e === 't' ? '\t' : e;
      return this.literal(lit);
    }
    if (ch === '*' || ch === '+' || ch === '?' || ch === '{') throw new Unsupported('dangling quantifier');
    return this.literal(ch);
  }

  private literal(c: string): Node {
    if (!this.fold) return { kind: 'char', test: x => x === c };
    const lower = c.toLowerCase();
    return { kind: 'char', test: x => x.toLowerCase() === lower };
  }
}

/** NFA state: a character test with one successor, or a split with two (epsilon), or the final state. */
interface State { test?: CharTest; out: number[] }

function compile(node: Node, states: State[]): { start: number; ends: number[] } {
  if (states.length > MAX_STATES) throw new Unsupported('too large');
  switch (node.kind) {
    case 'empty': {
      states.push({ out: [] });
      const s = states.length - 1;
      return { start: s, ends: [s] };
    }
    case 'char': {
      states.push({ test: node.test, out: [] });
      const s = states.length - 1;
      return { start: s, ends: [s] };
    }
    case 'seq': {
      if (node.items.length === 0) return compile({ kind: 'empty' }, states);
      const parts = node.items.map(n => compile(n, states));
      for (let k = 0; k + 1 < parts.length; k++) for (const e of parts[k].ends) states[e].out.push(parts[k + 1].start);
      return { start: parts[0].start, ends: parts[parts.length - 1].ends };
    }
    case 'alt': {
      states.push({ out: [] });
      const s = states.length - 1;
      const parts = node.options.map(n => compile(n, states));
      states[s].out.push(...parts.map(p => p.start));
      return { start: s, ends: parts.flatMap(p => p.ends) };
    }
    case 'rep': {
      // expand the required copies, then the optional ones (or a loop when unbounded)
      const seq: Node[] = Array.from({ length: node.min }, () => node.node);
      if (node.max === undefined) {
        states.push({ out: [] });
        const loop = states.length - 1;
        const body = compile(node.node, states);
        states[loop].out.push(body.start);
        for (const e of body.ends) states[e].out.push(loop);
        const head = compile({ kind: 'seq', items: seq }, states);
        for (const e of head.ends) states[e].out.push(loop);
        return { start: head.start, ends: [loop] };
      }
      const optional = node.max - node.min;
      const head = compile({ kind: 'seq', items: seq }, states);
      let ends = [...head.ends];
      let tails = head.ends;
      for (let k = 0; k < optional; k++) {
        const part = compile(node.node, states);
        for (const e of tails) states[e].out.push(part.start);
        tails = part.ends;
        ends = [...ends, ...part.ends];
      }
      return { start: head.start, ends };
    }
  }
}

/**
 * Does the Java regular expression match the whole text? `undefined` when the expression uses
 * syntax outside the supported part (see the module comment) or is too large to run safely.
 * A leading `(?i)` makes it case-insensitive. O(text × states).
 */
export function regexFullMatch(regex: string, text: string, counter?: StepCounter): boolean | undefined {
  if (typeof regex !== 'string' || regex.length > 4096) return undefined;
  const fold = regex.startsWith('(?i)');
  const body = fold ? regex.slice(4) : regex;
  const states: State[] = [];
  let start: number;
  try {
    const nfa = compile(new RegexParser(body, fold).parse(), states);
    states.push({ out: [] });
    const accept = states.length - 1;
    for (const e of nfa.ends) states[e].out.push(accept);
    start = nfa.start;
    return run(states, start, accept, text, counter);
  } catch (e) {
    if (e instanceof Unsupported) return undefined;
    throw e;
  }
}

function run(states: State[], start: number, accept: number, text: string, counter?: StepCounter): boolean {
  // epsilon closure without recursion
  const closure = (seeds: number[], mark: Uint8Array): number[] => {
    const out: number[] = [];
    const stack = [...seeds];
    while (stack.length > 0) {
      const s = stack.pop()!;
      if (mark[s]) continue;
      mark[s] = 1;
      if (counter) counter.steps++;
      if (states[s].test) out.push(s);
      else if (s === accept) out.push(s);
      else stack.push(...states[s].out);
    }
    return out;
  };
  let current = closure([start], new Uint8Array(states.length));
  for (const ch of text) {
    const next: number[] = [];
    for (const s of current) {
      if (counter) counter.steps++;
      const st = states[s];
      if (st.test && st.test(ch)) next.push(...st.out);
    }
    current = closure(next, new Uint8Array(states.length));
    if (current.length === 0) return false;
  }
  return current.includes(accept);
}
