import { resolve } from 'node:path';
import { type ImageHashing, startImageHashing } from '@sentry-snapshots/core/image-hashing';
import { optionTable } from '@sentry-snapshots/core/options';

/** Flags that take a value, so the value is not taken for the folder. */
function flagsWithValues(): Set<string> {
  const flags = new Set<string>();
  for (const spec of Object.values(optionTable) as { flag?: string; short?: string; valueName?: string }[]) {
    if (!spec.valueName) continue;
    if (spec.flag) flags.add(spec.flag);
    if (spec.short) flags.add(spec.short);
  }
  return flags;
}

/** The command's positional arguments, as far as they can be told without the parser. */
function positionals(args: string[]): string[] {
  const withValues = flagsWithValues();
  const found: string[] = [];
  for (let index = 0; index < args.length; index++) {
    const arg = args[index]!;
    if (arg === '--') return [...found, ...args.slice(index + 1)];
    if (!arg.startsWith('-') || arg === '-') found.push(arg);
    else if (withValues.has(arg)) index += 1;
  }
  return found;
}

/**
 * For `upload <path>` (one folder): finds the folder's images and starts hashing them on worker threads while
 * the rest of the CLI loads. The command joins it when its parsed folder is the same one, and
 * stops it otherwise, so a wrong guess here costs only the work. Nothing is reported from here:
 * a folder that cannot be read fails later, in the command, with its usual error.
 */
export function startEarlyHashing(args: string[], cwd: string): ImageHashing | undefined {
  const [command, path, ...more] = positionals(args);
  // Several folders, or a folder with a name prefix (`DIR=PREFIX`), are left to the upload.
  if (command !== 'upload' || path === undefined || more.length > 0 || path.includes('=')) return undefined;
  try {
    return startImageHashing(resolve(cwd, path));
  } catch {
    return undefined;
  }
}
