import { resolve } from 'node:path';
import * as actions from '@actions/core';
import {
  createDefaultDispatcher,
  type Env,
  isSnapshotsError,
  parseImageFolder,
  resolveHttpTimeoutMs,
  type SnapshotDetail,
  spellOptionError,
  summarizeComparison,
  systemClock,
  type UploadResult,
} from '@sentry-snapshots/core';
import { finalizeSnapshots, uploadSnapshots } from '@sentry-snapshots/node';
import { type ActionInputs, actionSpelling, readActionInputs } from './action-inputs.js';
import { actionLog } from './action-log.js';
import { actionLogger } from './action-logger.js';
import { collectActionOutputs } from './action-outputs.js';
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
  if (!(inputs.authToken || env.SENTRY_AUTH_TOKEN?.trim()) && inputs.skipOnMissingToken) {
    if (isRunWithoutSecrets(github)) {
      await skipUpload(inputs, env);
      return;
    }
  }
  const cwd = resolve(process.cwd(), inputs.workingDirectory ?? '.');
  const httpTimeoutMs = resolveHttpTimeoutMs(inputs.httpTimeout, env);
  const dispatcher = createDefaultDispatcher(env, { connectTimeoutMs: httpTimeoutMs });
  let uploadedAt: number | undefined;
  let lastState: string | undefined;
  let upload: UploadResult;
  let comparison: SnapshotDetail | undefined;
  let waitError: unknown;
  try {
    const common = {
      env,
      cwd,
      logger: actionLogger,
      dispatcher,
      httpTimeoutMs,
      ...(inputs.uploadTimeout === undefined ? {} : { uploadTimeoutMs: inputs.uploadTimeout }),
      onProgress: createProgressLog(actionLogger, systemClock),
      onUploaded: () => {
        uploadedAt = systemClock.now();
      },
      onPoll: (detail: SnapshotDetail) => {
        // A log line per change of state, not per poll.
        const state = detail.comparison_state ?? detail.comparison_type;
        if (state !== lastState) actionLog.info(`comparison: ${state}`);
        lastState = state;
      },
      ...(inputs.waitTimeoutMs === undefined ? {} : { waitTimeoutMs: inputs.waitTimeoutMs }),
    };
    const result =
      inputs.mode === 'finalize'
        ? await finalizeSnapshots({
            ...inputs,
            ...common,
            shards: inputs.shards ?? [],
            appId: inputs.appId || undefined,
          })
        : await uploadSnapshots({
            ...inputs,
            ...common,
            path: inputs.path.map(parseImageFolder),
            shardOut: inputs.mode === 'shard' ? inputs.shardOut : undefined,
          });
    upload = result;
    comparison = result.comparison?.detail;
    waitError = result.comparison?.failure;
    // A missing base passes, but not silently; a base build (nothing sent) is said in the summary.
    if (result.comparison?.notice && result.comparison.summary.type !== 'solo') {
      actionLog.warning(result.comparison.notice);
    }
  } catch (error) {
    // A wait that failed after the snapshot was created still reports the upload.
    const uploaded = isSnapshotsError(error)
      ? (error.details?.upload as UploadResult | undefined)
      : undefined;
    if (uploaded === undefined) throw error;
    upload = uploaded;
    waitError = error;
  }
  const waited = inputs.wait || inputs.failOnChanges === true;
  const waitMs = waited && uploadedAt !== undefined ? systemClock.now() - uploadedAt : undefined;
  // Core returns its warnings (an unreadable image, an ignored sidecar…); annotations make them seen.
  for (const warning of upload.warnings) actionLog.warning(warning);
  if (upload.shard) actionLog.info(`Shard written to ${upload.shard.file}: upload it for the finalize step.`);
  else actionLog.info(`Snapshot ${upload.artifactId}: ${upload.snapshotUrl ?? 'no link returned'}`);
  const report: ActionReport = { upload, comparison, waitMs, waited };

  for (const [name, value] of Object.entries(collectActionOutputs(report))) actions.setOutput(name, value);
  await writeSummary(env, renderSummary(report));
  if (inputs.comment !== 'off' && !upload.shard)
    await commentOnPullRequest(inputs, github, report, dispatcher);
  if (waitError !== undefined) throw waitError;
}

async function commentOnPullRequest(
  inputs: ActionInputs,
  github: GitHubContext,
  report: ActionReport,
  dispatcher: ReturnType<typeof createDefaultDispatcher>,
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
  const hasChanges = report.comparison ? summarizeComparison(report.comparison).hasChanges : false;
  try {
    const outcome = await upsertStickyComment({
      apiUrl: github.apiUrl,
      token: inputs.githubToken,
      repository: github.repository,
      issueNumber,
      // The result's app id: a finalize step may leave it to the shards.
      marker: stickyCommentMarker(report.upload.appId),
      body: renderComment(report),
      // on-changes: a comment appears with the first change; one that exists is kept current.
      createIfMissing: inputs.comment === 'always' || hasChanges,
      dispatcher,
    });
    if (outcome.action !== 'skipped') actionLog.info(`Comment ${outcome.action}: ${outcome.url}`);
  } catch (error) {
    // The comment is a courtesy: its failure never decides the build.
    const spelled = spellOptionError(error, actionSpelling);
    const hint = isSnapshotsError(spelled) && spelled.hint ? ` ${spelled.hint}` : '';
    actionLog.warning(`The pull-request comment failed: ${errorMessage(error).replace(/\.$/, '')}.${hint}`);
  }
}

async function skipUpload(inputs: ActionInputs, env: Env): Promise<void> {
  const reason =
    'no Sentry auth token on this fork or Dependabot pull request (GitHub withholds secrets there). Set skip-on-missing-token: false to fail instead.';
  actionLog.notice(`Sentry snapshot upload skipped: ${reason}`, { title: 'Sentry snapshots' });
  await writeSummary(env, renderSkippedSummary(inputs.appId, reason));
}

async function reportFailure(thrown: unknown, inputs: ActionInputs | undefined, env: Env): Promise<void> {
  const error = spellOptionError(thrown, actionSpelling);
  const hint = isSnapshotsError(error) ? error.hint : undefined;
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
