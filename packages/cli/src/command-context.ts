import type { CliIo } from './cli-io.js';

/**
 * What every command module gets when it registers. A command throws `SnapshotsError`s; the
 * program reports them and maps them to exit codes, so commands never exit by themselves.
 */
export interface CommandContext {
  io: CliIo;
}
