import {
  type DoctorCheck,
  type DoctorProblem,
  type DoctorReport,
  escapeTerminalText,
  type Setting,
  type VcsField,
  vcsWireNames,
} from '@sentry-snapshots/core';
import { type OptionSpec, optionTable } from '@sentry-snapshots/core/options';

/** `doctor --json`: the core report plus what only the CLI knows. */
export interface DoctorOutput extends DoctorReport {
  version: string;
  /** Every option that is set, given or from its variable (secrets masked). */
  settings: Setting[];
  runtime: { node: string; platform: string; arch: string };
  /** Missing or conflicting settings (no token, no org…), as the upload would report them. */
  config: DoctorProblem[];
}

/** The plain-text report, aligned for pasting into an issue. */
export function renderDoctor(output: DoctorOutput): string {
  const { ci, vcs, git, proxy, sentry, access } = output;
  const lines = [
    `sentry-snapshots ${output.version} (Node ${output.runtime.node}, ${output.runtime.platform} ${output.runtime.arch})`,
  ];

  lines.push('', 'CI');
  if (ci) {
    const run = [ci.eventName && `event ${ci.eventName}`, ci.runId && `run ${ci.runId}`]
      .filter(Boolean)
      .join(', ');
    lines.push(`  ${ci.name} (${ci.id})${run ? `, ${run}` : ''}`);
    if (ci.runUrl) lines.push(`  ${ci.runUrl}`);
  } else {
    lines.push('  none detected: git metadata is collected only in CI, or with --force-git-metadata');
  }

  lines.push('', `VCS fields (git metadata: ${vcs.mode})`);
  for (const [field, entry] of Object.entries(vcs.fields) as [
    VcsField,
    DoctorReport['vcs']['fields'][VcsField],
  ][]) {
    const name = vcsWireNames[field].padEnd(15);
    lines.push(entry ? `  ${name} ${String(entry.value)}  (${entry.source})` : `  ${name} -`);
  }
  for (const warning of vcs.warnings) lines.push(`  warning: ${warning}`);
  if (vcs.error) {
    lines.push(`  error: ${vcs.error.message}`);
    if (vcs.error.hint) lines.push(`  hint: ${vcs.error.hint}`);
  }

  lines.push('', 'Git');
  if (git.root === undefined) {
    lines.push(vcs.mode === 'off' || (!ci && vcs.mode === 'auto') ? '  not read' : '  not a git repository');
  } else {
    lines.push(`  root        ${git.root}`);
    const fetched =
      git.depthAfterFetch === undefined ? '' : `; ${git.depthAfterFetch} after fetching for the merge-base`;
    if (git.shallow && git.depth !== undefined) {
      lines.push(`  depth       ${git.depth} commit${git.depth === 1 ? '' : 's'} (shallow clone)${fetched}`);
    } else if (git.shallow === false) {
      lines.push('  depth       full history');
    }
    const deepened = git.deepenedBy ? ` after deepening by ${git.deepenedBy} commits` : '';
    lines.push(
      `  merge-base  ${
        git.mergeBaseFound === undefined
          ? 'not searched'
          : git.mergeBaseFound
            ? `found${deepened}`
            : `not found${deepened}`
      }`,
    );
  }

  lines.push('', 'Network');
  lines.push(`  Sentry URL  ${sentry.url}`);
  lines.push(`  proxy       ${proxy.forUrl ?? 'none (direct connection)'}`);
  if (proxy.httpsProxy) lines.push(`  HTTPS_PROXY ${proxy.httpsProxy}`);
  if (proxy.httpProxy) lines.push(`  HTTP_PROXY  ${proxy.httpProxy}`);
  if (proxy.noProxy) lines.push(`  NO_PROXY    ${proxy.noProxy}`);

  lines.push('', 'Settings');
  if (output.settings.length === 0) lines.push('  none given');
  for (const setting of output.settings) {
    const name =
      setting.source === 'env'
        ? setting.env
        : ((optionTable[setting.option] as OptionSpec).flag ?? setting.option);
    lines.push(
      `  ${(name ?? '').padEnd(31)} ${setting.value}  (${setting.source === 'env' ? 'env' : 'flag'})`,
    );
  }

  lines.push('', 'Sentry access');
  lines.push(`  auth token    ${sentry.authToken ?? '-'}`);
  lines.push(`  organization  ${sentry.org ?? '-'}: ${describeCheck(access.organization)}`);
  lines.push(`  project       ${sentry.project ?? '-'}: ${describeCheck(access.project)}`);
  for (const problem of output.config) {
    lines.push(`  error: ${problem.message}`);
    if (problem.hint) lines.push(`  hint: ${problem.hint}`);
  }
  // Each line was built as one line; what the server, git and the environment said must not break it.
  return `${lines.map(escapeTerminalText).join('\n')}\n`;
}

function describeCheck(check: DoctorCheck): string {
  if (check.status === 'ok') return `ok, ${check.detail}`;
  if (check.status === 'skipped') return `not checked (${check.detail})`;
  return `FAILED: ${check.detail}${check.error?.hint ? ` (${check.error.hint})` : ''}`;
}
