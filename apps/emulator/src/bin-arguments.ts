import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import type { ProjectConfig } from './emulator-options.js';
import type { LinkShape } from './link-shaper.js';
import { listProjects, readProjectLines } from './project-list.js';
import { UsageError } from './usage-error.js';

export const binUsage = `Usage: sentry-snapshots-emulator [options]

A local server that speaks Sentry's snapshot API and object store.

Options:
  --port <n>             port to listen on; 0 picks a free one (default: 0)
  --host <host>          address to listen on (default: 127.0.0.1)
  --data <dir>           folder for objects, snapshots and state; a restart keeps them
                         (default: .sentry-snapshots-emulator)
  --org <slug>           an organization that exists; repeatable
  --project <slug>       a project of the one --org, or <org>/<slug>; repeatable
  --projects-file <path> a text file of projects, one <org>/<slug> a line (# comments)
  --latency <ms>         hold every answer back this long: a far link's round trip (default: 0)
  --uplink <mbit/s>      pace request bodies, all connections together, to this rate
                         (default: unlimited)
  -h, --help             show this help

Without --org, --project or --projects-file, any organization or project is created on
first use (and a notice says so); with them, only those exist and any other answers 404.`;

const hint = 'run sentry-snapshots-emulator --help for the options';

export type BinArguments =
  | { help: true }
  | {
      help: false;
      port: number;
      host: string;
      dataDir: string;
      projects: ProjectConfig[] | undefined;
      link: LinkShape;
    };

/** Reads the bin's command line; a line it cannot run throws a `UsageError`. */
export async function readBinArguments(args: string[]): Promise<BinArguments> {
  const { values } = parseCommandLine(args);
  if (values.help) return { help: true };
  const port = Number(values.port);
  if (values.port.trim() === '' || !Number.isInteger(port) || port < 0 || port > 65535) {
    throw new UsageError(`invalid --port ${JSON.stringify(values.port)}`, 'give a port from 0 to 65535');
  }
  const latencyMs = readPositiveNumber('--latency', values.latency, 'give milliseconds, e.g. --latency 40');
  const uplinkMbps = readPositiveNumber(
    '--uplink',
    values.uplink,
    'give megabits per second, e.g. --uplink 200',
  );
  const fileEntries = values['projects-file'] ? await readProjectsFile(values['projects-file']) : [];
  return {
    help: false,
    port,
    host: values.host,
    dataDir: values.data,
    projects: listProjects(values.org ?? [], values.project ?? [], fileEntries),
    link: {
      ...(latencyMs === undefined ? {} : { latencyMs }),
      ...(uplinkMbps === undefined ? {} : { uplinkMbps }),
    },
  };
}

function readPositiveNumber(flag: string, text: string | undefined, hint: string): number | undefined {
  if (text === undefined) return undefined;
  const value = Number(text);
  if (text.trim() === '' || !Number.isFinite(value) || value < 0) {
    throw new UsageError(`invalid ${flag} ${JSON.stringify(text)}`, hint);
  }
  return value;
}

function parseCommandLine(args: string[]) {
  try {
    return parseArgs({
      args,
      options: {
        port: { type: 'string', default: '0' },
        host: { type: 'string', default: '127.0.0.1' },
        data: { type: 'string', default: '.sentry-snapshots-emulator' },
        org: { type: 'string', multiple: true },
        project: { type: 'string', multiple: true },
        'projects-file': { type: 'string' },
        latency: { type: 'string' },
        uplink: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (error) {
    // Node's own message, without its advice about `--`: the first sentence names the problem.
    const message = (error as Error).message.split(/\.\s/)[0] ?? String(error);
    throw new UsageError(message.charAt(0).toLowerCase() + message.slice(1), hint);
  }
}

async function readProjectsFile(path: string): Promise<string[]> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new UsageError(
      `cannot read --projects-file ${path}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`,
      'give a text file of projects, one <org>/<slug> a line',
    );
  }
  const lines = readProjectLines(text);
  if (lines.length === 0) {
    throw new UsageError(`--projects-file ${path} lists no project`, 'write one <org>/<slug> a line');
  }
  return lines;
}
