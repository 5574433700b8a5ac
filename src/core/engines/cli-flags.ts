/**
 * Which locked flag an argument sets, matched the way the engine's own command-line parser
 * matches it. A lock that compares whole names only is bypassable wherever the parser accepts
 * prefixes (`--trust-remote` for `--trust-remote-code` under Python argparse).
 *
 * What each parser does (read at the releases the library pins):
 * - Python argparse (`allow_abbrev` on, argparse's default): a long option may be shortened to any
 *   prefix that matches exactly one option, and an exact name always wins over a prefix; a prefix
 *   that matches several options is an error ("ambiguous option"). `--flag=value` and
 *   `--flag value` both work and the last occurrence wins. A single-dash option with several
 *   letters (`-tp`) may also be shortened (`-t`), and a one-letter option takes its value attached
 *   (`-p8000`). vLLM's `FlexibleArgumentParser.parse_args` also rewrites `_` to `-` in names and
 *   reads `--name.key value` as JSON for `--name` (vllm-project/vllm `vllm/utils/argparse_utils.py`).
 *   TorchServe's launcher (pytorch/serve v0.12.0 `ts/arg_parser.py`) and KServe's Hugging Face
 *   runtime (kserve/kserve v0.20.0 `python/huggingfaceserver/huggingfaceserver/__main__.py`, two
 *   `parse_known_args()` stages over a `FlexibleArgumentParser`) keep `allow_abbrev` on.
 * - Python click (Infinity 0.0.77 `infinity_emb v2` is a typer app on click 8.1.7): long options
 *   match exactly (`click/parser.py` `_match_long_opt` raises `NoSuchOption` for anything else);
 *   options declared as lists take every occurrence (a second `--model-id` adds a second model).
 * - Rust clap 4.5 (TEI v1.9.3 `router/src/main.rs`, `#[clap(long, env)]`, no `infer_long_args`):
 *   long options match exactly; a repeated option is an error.
 *
 * The matcher folds `_` to `-` and upper to lower case for every parser. Where the parser would
 * not (argparse without vLLM's rewrite, click, clap) the folded spelling is an unknown option the
 * engine refuses at start, so refusing it here too only moves the error earlier.
 */

/** The parser families the library knows. */
export type CliParser = 'argparse' | 'clap' | 'click';

/** How an engine's command line is parsed (the fields of an engine module's `cli` the matcher reads). */
export interface CliSyntax {
  /** Parser family. */
  readonly parser: CliParser;
  /**
   * argparse only: unambiguous prefixes of options are accepted.
   * @default true (argparse's own default)
   */
  readonly allowAbbrev?: boolean;
}

/** A flag argument split into its name (folded) and its attached value. */
export interface FlagToken {
  /** Folded name: lower case, `_` as `-`, vLLM's `.key` JSON suffix removed (`--hf-overrides`). */
  readonly name: string;
  /** Value after `=`, or after a one-letter short option (`-p8000`); undefined when separate or absent. */
  readonly attached?: string;
}

/** True for an argument a parser reads as an option (not a value, not a negative number, not `-`/`--`). */
export function isOptionArg(arg: string): boolean {
  return typeof arg === 'string' && arg.length > 1 && arg.startsWith('-') && arg !== '--' && !/^-[0-9.]/.test(arg);
}

/** Fold a flag name as the matcher compares it. */
export function foldFlag(name: string): string {
  return name.toLowerCase().replace(/_/g, '-');
}

/** Split an option argument into its folded name and attached value; undefined for a non-option. */
export function flagToken(syntax: CliSyntax, arg: string): FlagToken | undefined {
  if (!isOptionArg(arg)) return undefined;
  const eq = arg.indexOf('=');
  let name = eq >= 0 ? arg.slice(0, eq) : arg;
  const attached = eq >= 0 ? arg.slice(eq + 1) : undefined;
  // vLLM: `--name.key value` and `--name.key+ value` set JSON fields of `--name`
  if (syntax.parser === 'argparse' && name.startsWith('--')) name = name.split('.')[0].replace(/\+$/, '');
  return { name: foldFlag(name), ...(attached !== undefined ? { attached } : {}) };
}

/** True for `--long` names. */
function isLong(name: string): boolean {
  return name.startsWith('--');
}

/**
 * The locked flags an option name selects under this parser: the exact flag, or under argparse
 * every locked flag it is a prefix of (one: that flag; several: argparse refuses the argument as
 * ambiguous, and so does the lock). Flags in `exact` are options the engine has whose names are
 * prefixes of a locked flag (vLLM `--tokenizer` of `--tokenizer-revision`): given whole, argparse
 * takes them as themselves. Locked flags and `exact` must be folded ({@link foldFlag}).
 */
export function lockedFlagsSelected(syntax: CliSyntax, name: string, locked: readonly string[], exact: readonly string[] = []): string[] {
  if (locked.includes(name)) return [name];
  const hits = new Set<string>();
  // a one-letter short option takes its value attached: `-p8000` is `-p 8000`
  for (const l of locked) if (/^-[a-z0-9]$/.test(l) && !isLong(name) && name.length > 2 && name.startsWith(l)) hits.add(l);
  const abbrev = syntax.parser === 'argparse' && syntax.allowAbbrev !== false;
  if (abbrev && !exact.includes(name)) {
    // argparse: `--x` is a prefix of long options; `-x` (several letters) of single-dash options
    for (const l of locked) if (l !== name && l.startsWith(name) && isLong(l) === isLong(name) && name.length > (isLong(name) ? 2 : 1)) hits.add(l);
  }
  return [...hits];
}

/** One argument that sets a locked flag. */
export interface LockedFlagUse {
  /** Index of the argument in the list. */
  readonly index: number;
  /** The argument as written. */
  readonly arg: string;
  /** The locked flags it selects (several: an ambiguous prefix). */
  readonly flags: readonly string[];
  /** Its value: attached, or the next argument when that is not an option; undefined for none. */
  readonly value?: string;
}

/** Every argument in `args` that sets one of the `locked` flags (folded), in order. */
export function lockedFlagUses(
  syntax: CliSyntax, args: readonly unknown[], locked: readonly string[], exact: readonly string[] = [],
): LockedFlagUse[] {
  const folded = locked.map(foldFlag);
  const exactFolded = exact.map(foldFlag);
  const out: LockedFlagUse[] = [];
  args.forEach((raw, index) => {
    if (typeof raw !== 'string') return;
    const t = flagToken(syntax, raw);
    if (!t) return;
    const flags = lockedFlagsSelected(syntax, t.name, folded, exactFolded);
    if (flags.length === 0) return;
    const next = args[index + 1];
    const value = t.attached ?? (typeof next === 'string' && !isOptionArg(next) ? next : undefined);
    out.push({ index, arg: raw, flags, ...(value !== undefined ? { value } : {}) });
  });
  return out;
}

/**
 * Every value given to `flag` (folded) in `args`, in order, matched as the parser matches: under
 * argparse the last one is the one the engine uses. A flag without value yields `''`.
 */
export function flagValuesAs(syntax: CliSyntax, args: readonly unknown[], flag: string, exact: readonly string[] = []): string[] {
  return lockedFlagUses(syntax, args, [flag], exact).filter(u => u.flags.length === 1).map(u => u.value ?? '');
}
