import { readdir, rm, stat } from 'node:fs/promises';
import { isAbsolute, relative, resolve, sep } from 'node:path';
import { SnapshotsError } from '../errors.js';
import type { OptionKey } from '../options/option-table.js';

export interface PrepareOutputFolderOptions {
  /** The folder as the user gave it, for messages. */
  shown: string;
  /** The option that names the folder. */
  option: OptionKey;
  /** Remove what the folder holds; otherwise a folder that holds anything is refused. */
  clean: boolean;
  /** Entries that are not the user's content (a download's own working folder) and stay. */
  keep?: (name: string) => boolean;
  /** Folders the cleaning must never reach (the working folder, the folders compared). */
  protect?: readonly string[];
}

/** Entries named in the refusal before "and N more". */
const NAMED_ENTRIES = 3;

const contains = (folder: string, path: string) => {
  const inside = relative(folder, path);
  return !isAbsolute(inside) && inside !== '..' && !inside.startsWith(`..${sep}`);
};

/**
 * Checks a folder about to receive a command's output: what an earlier run left there would be
 * taken for this run's (two snapshots' images in one folder, stale diff masks), so a folder that
 * holds anything is refused unless `clean` asks to empty it first. Returns the step that empties
 * it, to run just before writing, so a failure before then leaves it as it was.
 */
export async function prepareOutputFolder(
  path: string,
  options: PrepareOutputFolderOptions,
): Promise<{ clear(): Promise<void> }> {
  const nothingToClear = { clear: async () => {} };
  const unwritable = (message: string, error?: unknown, hint = 'Choose an output folder you can write to.') =>
    new SnapshotsError('OUTPUT_UNWRITABLE', message, {
      ...(error === undefined ? {} : { cause: error }),
      option: options.option,
      hint,
      details: { path: options.shown },
    });
  let names: string[];
  try {
    if (!(await stat(path)).isDirectory()) {
      throw unwritable(
        `The output folder ${options.shown} is a file.`,
        undefined,
        'Choose a folder (it is made when missing), or remove the file.',
      );
    }
    names = await readdir(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return nothingToClear;
    if (error instanceof SnapshotsError) throw error;
    const code = (error as NodeJS.ErrnoException).code ?? String(error);
    throw unwritable(`Cannot read the output folder ${options.shown} (${code}).`, error);
  }
  const content = names.filter((name) => !options.keep?.(name)).sort();
  if (content.length === 0) return nothingToClear;
  if (!options.clean) {
    const named = content.slice(0, NAMED_ENTRIES).join(', ');
    const more = content.length > NAMED_ENTRIES ? `, and ${content.length - NAMED_ENTRIES} more` : '';
    throw new SnapshotsError(
      'OUTPUT_UNWRITABLE',
      `The output folder ${options.shown} is not empty (${named}${more}): an earlier run's files would be mixed with this one's.`,
      {
        option: 'clean',
        hint: 'Or choose an empty or new folder.',
        details: { path: options.shown, entries: content.length },
      },
    );
  }
  const reached = options.protect?.find((protectedPath) => contains(path, protectedPath));
  if (reached !== undefined) {
    throw new SnapshotsError(
      'INVALID_OPTION',
      `Will not empty the output folder ${options.shown}: it holds ${reached}, which this command reads or runs in.`,
      {
        option: options.option,
        hint: 'Choose an output folder of its own.',
        details: { path: options.shown },
      },
    );
  }
  return {
    async clear() {
      for (const name of content) {
        await rm(resolve(path, name), { recursive: true, force: true }).catch((error: unknown) => {
          const code = (error as NodeJS.ErrnoException).code ?? String(error);
          throw unwritable(`Cannot remove ${name} from the output folder ${options.shown} (${code}).`, error);
        });
      }
    },
  };
}
