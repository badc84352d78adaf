import { resolve } from 'node:path';
import * as actions from '@actions/core';
import {
  createDefaultDispatcher,
  createWorld,
  type Env,
  isSnapshotsError,
  readImageNames,
  resolveConnection,
  type SnapshotDetail,
  SnapshotsError,
  uploadSnapshot,
  type World,
  waitForComparison,
} from '@sentry-snapshots/core';
import { actionHint } from './action-hint.js';
import { type ActionInputs, readActionInputs } from './action-inputs.js';
import { actionLog } from './action-log.js';
import { actionLogger } from './action-logger.js';
import { collectActionOutputs } from './action-outputs.js';
import { describeComparison } from './comparison-outcome.js';
import { comparisonVerdict } from './comparison-verdict.js';
import { type GitHubContext, isRunWithoutSecrets, readGitHubContext } from './github-context.js';
import { isOutage } from './outage-policy.js';
import { createProgressLog } from './progress-log.js';
import {
  type ActionReport,
  renderComment,
  renderFailureSummary,
  renderSkippedSummary,
  renderSummary,
} from './render-report.js';
import { stickyCommentMarker, upsertStickyComment } from './sticky-comment.js';

/** The whole step: never throws; a failure ends as `setFailed` or, for an outage when allowed, a warning. */
export async function runAction(env: Env): Promise<void> {
  let inputs: ActionInputs | undefined;
  try {
    inputs = readActionInputs(env);
    await uploadAndReport(inputs, env);
  } catch (error) {
    await reportFailure(error, inputs, env);
  }
}

async function uploadAndReport(inputs: ActionInputs, env: Env): Promise<void> {
  for (const secret of [inputs.authToken, env.SENTRY_AUTH_TOKEN, inputs.githubToken]) {
    if (secret) actions.setSecret(secret);
  }
  const github = await readGitHubContext(env);
  const authToken = inputs.authToken || env.SENTRY_AUTH_TOKEN?.trim();
  if (!authToken) {
    if (inputs.skipOnMissingToken && isRunWithoutSecrets(github)) {
      await skipUpload(inputs, env);
      return;
    }
    throw new SnapshotsError('MISSING_AUTH_TOKEN', 'No Sentry auth token was given.', {
      // biome-ignore lint/suspicious/noTemplateCurlyInString: a workflow expression for the user to copy
      hint: 'Set the auth-token input from a secret: `auth-token: ${{ secrets.SENTRY_AUTH_TOKEN }}`, or SENTRY_AUTH_TOKEN in the step env.',
    });
  }
  const resolved = resolveConnection(inputs, env);
  const connection = { ...resolved, authToken: resolved.authToken ?? authToken };
  const cwd = resolve(process.cwd(), inputs.workingDirectory);
  const world = createWorld({ env, cwd, logger: actionLogger, dispatcher: createDefaultDispatcher(env) });
  const allImageFileNames = await readImageNames({
    names: inputs.allImageFileNames,
    file: inputs.allImageFileNamesFile && resolve(cwd, inputs.allImageFileNamesFile),
  });

  const upload = await uploadSnapshot(
    {
      ...connection,
      path: resolve(cwd, inputs.path),
      appId: inputs.appId,
      ...(Object.keys(inputs.headers).length > 0 ? { headers: inputs.headers } : {}),
      diffThreshold: inputs.diffThreshold,
      selective: inputs.selective || allImageFileNames !== undefined,
      allImageFileNames,
      vcs: definedFields(inputs.vcs),
      gitMetadata: inputs.gitMetadata,
      onProgress: createProgressLog(world.logger, world.clock),
    },
    world,
  );
  // Core returns its warnings (an unreadable image, an ignored sidecar…); annotations make them seen.
  for (const warning of upload.warnings) actionLog.warning(warning);
  actionLog.info(`Snapshot ${upload.artifactId}: ${upload.snapshotUrl ?? 'no link returned'}`);

  const { comparison, waitMs, waitError } = inputs.wait
    ? await waitForResult(inputs, connection, upload.artifactId, world)
    : { comparison: undefined, waitMs: undefined, waitError: undefined };
  const report: ActionReport = { upload, comparison, waitMs, waited: inputs.wait };

  for (const [name, value] of Object.entries(collectActionOutputs(report))) actions.setOutput(name, value);
  await writeSummary(env, renderSummary(report));
  if (inputs.comment !== 'off') await commentOnPullRequest(inputs, github, report, world);

  if (waitError !== undefined) throw waitError;
  const verdict = comparison && comparisonVerdict(inputs, comparison, upload.snapshotUrl);
  if (verdict) throw verdict;
}

async function waitForResult(
  inputs: ActionInputs,
  connection: { url: string; authToken: string; org: string },
  artifactId: string | null,
  world: World,
): Promise<{ comparison?: SnapshotDetail; waitMs?: number; waitError?: unknown }> {
  if (artifactId === null) return {};
  const started = world.clock.now();
  let lastState: string | undefined;
  try {
    const comparison = await waitForComparison(
      {
        url: connection.url,
        authToken: connection.authToken,
        headers: inputs.headers,
        org: connection.org,
        artifactId,
        timeoutMs: inputs.waitTimeoutMs,
        onPoll: (detail: SnapshotDetail) => {
          // A log line per change of state, not per poll.
          const state = detail.comparison_state ?? detail.comparison_type;
          if (state !== lastState) actionLog.info(`comparison: ${state}`);
          lastState = state;
        },
      },
      world,
    );
    return { comparison, waitMs: world.clock.now() - started };
  } catch (waitError) {
    return { waitMs: world.clock.now() - started, waitError };
  }
}

async function commentOnPullRequest(
  inputs: ActionInputs,
  github: GitHubContext,
  report: ActionReport,
  world: World,
): Promise<void> {
  const issueNumber = github.pullRequest?.number ?? report.upload.vcs.prNumber;
  if (issueNumber === undefined || github.repository === undefined) {
    actionLog.info('Not a pull request: no comment.');
    return;
  }
  if (!inputs.githubToken) {
    actionLog.warning('No github-token: the pull-request comment was not posted.');
    return;
  }
  const hasChanges = report.comparison ? describeComparison(report.comparison).hasChanges : false;
  try {
    const outcome = await upsertStickyComment({
      apiUrl: github.apiUrl,
      token: inputs.githubToken,
      repository: github.repository,
      issueNumber,
      marker: stickyCommentMarker(inputs.appId),
      body: renderComment(report),
      // on-changes: a comment appears with the first change; one that exists is kept current.
      createIfMissing: inputs.comment === 'always' || hasChanges,
      ...(world.dispatcher ? { dispatcher: world.dispatcher } : {}),
    });
    if (outcome.action !== 'skipped') actionLog.info(`Comment ${outcome.action}: ${outcome.url}`);
  } catch (error) {
    // The comment is a courtesy: its failure never decides the build.
    const hint = isSnapshotsError(error) && error.hint ? ` ${actionHint(error)}` : '';
    actionLog.warning(`The pull-request comment failed: ${errorMessage(error).replace(/\.$/, '')}.${hint}`);
  }
}

async function skipUpload(inputs: ActionInputs, env: Env): Promise<void> {
  const reason =
    'no Sentry auth token on this fork or Dependabot pull request (GitHub withholds secrets there). Set skip-on-missing-token: false to fail instead.';
  actionLog.notice(`Sentry snapshot upload skipped: ${reason}`, { title: 'Sentry snapshots' });
  await writeSummary(env, renderSkippedSummary(inputs.appId, reason));
}

async function reportFailure(error: unknown, inputs: ActionInputs | undefined, env: Env): Promise<void> {
  const hint = isSnapshotsError(error) ? actionHint(error) : undefined;
  const fatal = !(inputs && !inputs.failOnError && isSnapshotsError(error) && isOutage(error));
  // The message and its hint, each one escaped line: the message may quote a server or a file name.
  const lines = [errorMessage(error), ...(hint ? [`Hint: ${hint}`] : [])];
  if (fatal) actionLog.setFailed(lines);
  else actionLog.warning(lines, { title: 'Sentry snapshots failed; fail-on-error is off' });
  await writeSummary(env, renderFailureSummary(inputs?.appId, errorMessage(error), hint, fatal)).catch(
    () => {},
  );
}

async function writeSummary(env: Env, markdown: string): Promise<void> {
  if (!env.GITHUB_STEP_SUMMARY) return;
  await actions.summary.addRaw(markdown, true).write();
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function definedFields<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, field]) => field !== undefined)) as Partial<T>;
}
