/**
 * Command-line parsing shared by the scripts: Node's `parseArgs` (`node:util`, strict, typed options) with the
 * project's messages. A mistake on the command line is a {@link UsageError} whose message names the option and
 * says how to get the help (`unknown option --bogus (see npm start -- --help)`); `--help` / `-h` anywhere (before
 * a `--`) asks for the help, whatever else is on the line.
 *
 *   const cli = parseCli('npm run report:serve', args, { options: { port: { type: 'string' } } });
 *   if (cli.help) …print scriptHelp(__filename)…
 *   const port = cli.values.port === undefined ? 8765 : numberOption('npm run report:serve', 'port', cli.values.port, { integer: true, min: 0, max: 65535 });
 */
import * as fs from 'node:fs';
import { parseArgs, type ParseArgsConfig } from 'node:util';

/** The options a command takes, as `parseArgs` reads them (`{ port: { type: 'string' }, check: { type: 'boolean' } }`). */
export type CliOptions = NonNullable<ParseArgsConfig['options']>;

/** What a command accepts: its options and whether it takes positional arguments (default: none). */
export interface CliConfig {
  options: CliOptions;
  allowPositionals?: boolean;
}

/** `parseArgs`' typed result for `C` in strict mode: `values` typed by the options, `positionals`. */
export type CliParsed<C extends CliConfig> = ReturnType<typeof parseArgs<C & { args: string[]; strict: true }>>;

/** The result of {@link parseCli}: the help was asked for, or the parsed values and positionals. */
export type CliResult<C extends CliConfig> = { help: true } | ({ help: false } & CliParsed<C>);

/** A mistake on the command line; `message` names the option and how to get the help, `command` the command. */
export class UsageError extends Error {
  /**
   * @param command how the user runs the command (`npm start`, `npx tsx scripts/check-labels.ts`)
   * @param problem what is wrong (`unknown option --bogus`); the message adds where the help is
   */
  constructor(
    readonly command: string,
    problem: string,
  ) {
    super(`${problem} (see ${helpHint(command)})`);
    this.name = 'UsageError';
  }
}

/**
 * How to ask `command` for its help: npm scripts need `--` before the option.
 * @example helpHint('npm start'); // => 'npm start -- --help'
 * @example helpHint('npx tsx scripts/check-labels.ts'); // => 'npx tsx scripts/check-labels.ts --help'
 */
export function helpHint(command: string): string {
  return command.startsWith('npm ') ? `${command} -- --help` : `${command} --help`;
}

const HELP_OPTION = { help: { type: 'boolean', short: 'h' } } as const;

function isParseArgsError(e: unknown): e is TypeError & { code: string } {
  const code = (e as { code?: unknown } | undefined)?.code;
  return e instanceof TypeError && typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS_');
}

/**
 * Parse `args` with `parseArgs` in strict mode. `--help` or `-h` anywhere before a `--` (not as another option's
 * value) gives `{ help: true }`, even next to a mistake; otherwise the typed values and positionals.
 * A repeated option keeps its last value unless it is `multiple`; `--opt=value` and `--opt value` are the same.
 * @param command how the user runs the command; messages name it (see {@link helpHint})
 * @throws {UsageError} for an unknown option, a missing value (also `--out --jobs`: an option where the value
 * should be; write `--out=--jobs` for such a value), a value given to a flag (`--check=yes`), or a positional
 * argument the command does not take
 */
export function parseCli<const C extends CliConfig>(command: string, args: readonly string[], config: C): CliResult<C> {
  // a permissive pass first: it finds --help next to anything, and the offending token when the strict pass fails
  const loose = parseArgs({
    args: [...args],
    options: { ...config.options, ...HELP_OPTION },
    allowPositionals: true,
    strict: false,
    tokens: true,
  });
  if (loose.tokens.some((t) => t.kind === 'option' && t.name === 'help')) return { help: true };
  let parsed: CliParsed<C>;
  try {
    parsed = parseArgs({ ...config, args: [...args], strict: true }) as CliParsed<C>;
  } catch (e) {
    if (!isParseArgsError(e)) throw e;
    throw new UsageError(command, problemOf(loose.tokens, config) ?? e.message);
  }
  return { help: false, ...parsed };
}

/**
 * Run a parse; a {@link UsageError}'s message gets the command's usage text on the lines below it (for commands
 * whose usage is short enough to print with every mistake: data:import, data:fetch).
 */
export function withUsage<T>(usage: string, parse: () => T): T {
  try {
    return parse();
  } catch (e) {
    if (e instanceof UsageError) throw new Error(`${e.message}\n${usage}`);
    throw e;
  }
}

type Token = NonNullable<ReturnType<typeof parseArgs>['tokens']>[number];

/** The first token the strict parse refuses, said in the project's words (undefined if none is found). */
function problemOf(tokens: Token[], config: CliConfig): string | undefined {
  for (const t of tokens) {
    if (t.kind === 'positional') {
      if (!config.allowPositionals) return `unexpected argument ${t.value}: this command takes no positional arguments`;
      continue;
    }
    if (t.kind !== 'option') continue;
    const spec = Object.prototype.hasOwnProperty.call(config.options, t.name) ? config.options[t.name] : undefined;
    if (!spec) return `unknown option ${t.rawName}`;
    if (spec.type === 'string') {
      if (t.value === undefined) return `${t.rawName} needs a value`;
      if (!t.inlineValue && t.value.startsWith('-'))
        return `${t.rawName} needs a value (got ${t.value}, which reads as an option; write --${t.name}=${t.value} if it is the value)`;
    } else if (t.value !== undefined) return `${t.rawName} takes no value (got ${t.rawName}=${t.value})`;
  }
  return undefined;
}

/** What {@link numberOption} accepts. */
export interface NumberRule {
  /** Only whole numbers. */
  integer?: boolean;
  /** Only numbers > 0. */
  positive?: boolean;
  /** Smallest allowed value. */
  min?: number;
  /** Largest allowed value. */
  max?: number;
}

/** What `rule` allows, in words: 'a whole number ≥ 1', 'a positive number', 'a whole number from 0 to 65535'. */
function ruleText(rule: NumberRule): string {
  const kind = rule.integer ? 'whole number' : 'number';
  if (rule.min !== undefined && rule.max !== undefined) return `a ${kind} from ${rule.min} to ${rule.max}`;
  const parts = [rule.positive ? `a positive ${kind}` : `a ${kind}`];
  if (rule.min !== undefined) parts.push(`≥ ${rule.min}`);
  if (rule.max !== undefined) parts.push(`≤ ${rule.max}`);
  return parts.join(' ');
}

/**
 * The number an option's text stands for: plain decimal notation only (`12`, `-3`, `0.5`, `1e3`), not `''`, `0x10`,
 * `Infinity` or `12abc`.
 * @param command how the user runs the command (for the message)
 * @param name the option's long name without dashes (`jobs`)
 * @throws {UsageError} naming the option, the rule and the text when it is not such a number
 * @example numberOption('npm start', 'jobs', '3', { integer: true, min: 1 }); // => 3
 * @example try { numberOption('npm start', 'jobs', 'two', { integer: true, min: 1 }); } catch (e) { (e as Error).message; }
 * // => '--jobs must be a whole number ≥ 1 (got "two") (see npm start -- --help)'
 */
export function numberOption(command: string, name: string, text: string, rule: NumberRule = {}): number {
  const x = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(text.trim()) ? Number(text) : NaN;
  const ok =
    Number.isFinite(x) &&
    (!rule.integer || Number.isInteger(x)) &&
    (!rule.positive || x > 0) &&
    (rule.min === undefined || x >= rule.min) &&
    (rule.max === undefined || x <= rule.max);
  if (!ok) throw new UsageError(command, `--${name} must be ${ruleText(rule)} (got "${text}")`);
  return x;
}

/**
 * A comma-separated list of numbers (`--sizes 1,5,20`), each checked as {@link numberOption} checks one.
 * @throws {UsageError} naming the option and the first bad item
 * @example numberListOption('npm run bench', 'sizes', '1,5,20', { positive: true }); // => [1, 5, 20]
 */
export function numberListOption(command: string, name: string, text: string, rule: NumberRule = {}): number[] {
  return text.split(',').map((item) => {
    try {
      return numberOption(command, name, item, rule);
    } catch {
      throw new UsageError(
        command,
        `--${name} must be a comma-separated list, each ${ruleText(rule)} (got "${item}" in "${text}")`,
      );
    }
  });
}

/** A script's help: its opening doc comment as written (what `--help` prints). */
export function scriptHelp(file: string): string {
  return fs.readFileSync(file, 'utf8').split('*/')[0];
}

/**
 * Run `parse`; a {@link UsageError} is printed to stderr as `<command>: <message>` and ends the process with
 * `exitCode` (default 2). Other errors pass through.
 */
export function parsedOrExit<T>(parse: () => T, exitCode = 2): T {
  try {
    return parse();
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    console.error(`${e.command}: ${e.message}`);
    process.exit(exitCode);
  }
}
