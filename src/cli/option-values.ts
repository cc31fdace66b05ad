import { parseShard, type Shard } from '../pipeline/shard.js';
import { UsageError } from './usage-error.js';

/**
 * Parsers for option values, used as yargs `coerce` functions: each returns the value in its final
 * form or throws a UsageError naming the option, what it expects and what it got. yargs then stops
 * before the command runs, so a command never starts with a half-understood option.
 */

const quote = (value: unknown) => JSON.stringify(String(value));

/** `--jobs 4`: a whole number of at least 1. */
export function positiveWholeNumber(option: string) {
  return (value: unknown): number => {
    const text = String(value).trim();
    if (!/^\d+$/.test(text) || Number(text) < 1) throw new UsageError(`${option} expects a whole number of at least 1 (got ${quote(value)})`);
    return Number(text);
  };
}

/** `--port 8080`: 0 (any free port) to 65535. */
export function portNumber(option: string) {
  return (value: unknown): number => {
    const text = String(value).trim();
    if (!/^\d+$/.test(text) || Number(text) > 65535) throw new UsageError(`${option} expects a port number from 0 to 65535, 0 for any free port (got ${quote(value)})`);
    return Number(text);
  };
}

/** A value from a fixed list, matched without regard to case (`letter` → `Letter`). */
export function oneOf<T extends string>(option: string, choices: readonly T[]) {
  return (value: unknown): T => {
    const found = choices.find((choice) => choice.toLowerCase() === String(value).trim().toLowerCase());
    if (!found) throw new UsageError(`${option} expects one of ${choices.join(', ')} (got ${quote(value)})`);
    return found;
  };
}

/** Each value of a repeatable option from a fixed list (`-f pdf -f html`). */
export function someOf<T extends string>(option: string, choices: readonly T[]) {
  const one = oneOf(option, choices);
  return (values: unknown): T[] => (Array.isArray(values) ? values : [values]).map(one);
}

/** Text that must not be empty: `--theme` alone or `--theme ''` is a mistake, not "the default". */
export function nonEmptyText(option: string, what: string) {
  return (value: unknown): string => {
    if (typeof value !== 'string' || value.trim() === '') throw new UsageError(`${option} needs ${what}`);
    return value;
  };
}

/** `--date 2026-09-01`: an ISO calendar date that exists. */
export function isoDate(option: string) {
  return (value: unknown): string => {
    const text = String(value).trim();
    const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
    const date = match ? new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]))) : undefined;
    if (!match || !date || date.toISOString().slice(0, 10) !== text) {
      throw new UsageError(`${option} expects a date as YYYY-MM-DD, e.g. 2026-09-01 (got ${quote(value)})`);
    }
    return text;
  };
}

/** `--shard 2/4`: share I of N, 1 ≤ I ≤ N. */
export function shardOf(option: string) {
  return (value: unknown): Shard => {
    const shard = typeof value === 'string' ? parseShard(value) : undefined;
    if (!shard) throw new UsageError(`${option} expects I/N with 1 ≤ I ≤ N, e.g. 2/4 (got ${quote(value)})`);
    return shard;
  };
}
