import { appveyor } from './appveyor.js';
import { awsCodebuild } from './aws-codebuild.js';
import { azurePipelines } from './azure-pipelines.js';
import { bitbucketPipelines } from './bitbucket-pipelines.js';
import { bitrise } from './bitrise.js';
import { buildkite } from './buildkite.js';
import type { CiProvider } from './ci-provider.js';
import { circleci } from './circleci.js';
import { codemagic } from './codemagic.js';
import { drone } from './drone.js';
import { genericCi } from './generic.js';
import { githubActions } from './github-actions.js';
import { gitlab } from './gitlab.js';
import { googleCloudBuild } from './google-cloud-build.js';
import { herokuCi } from './heroku-ci.js';
import { jenkins } from './jenkins.js';
import { netlify } from './netlify.js';
import { semaphore } from './semaphore.js';
import { teamcity } from './teamcity.js';
import { travis } from './travis.js';
import { vercel } from './vercel.js';
import { woodpecker } from './woodpecker.js';

/**
 * Checked in order; the first that detects wins. Specific markers come first and the generic `CI`
 * convention last, since most systems also set `CI=true`.
 */
export const ciProviders: readonly CiProvider[] = [
  githubActions,
  gitlab,
  circleci,
  buildkite,
  azurePipelines,
  bitbucketPipelines,
  jenkins,
  travis,
  bitrise,
  awsCodebuild,
  googleCloudBuild,
  teamcity,
  // Before Drone: Woodpecker began as a Drone fork and may still set Drone's variables.
  woodpecker,
  drone,
  vercel,
  netlify,
  herokuCi,
  codemagic,
  semaphore,
  appveyor,
  genericCi,
];
