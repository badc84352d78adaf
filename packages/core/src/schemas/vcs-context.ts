import { z } from 'zod';
import { vcsOptionKeys } from '../options/option-table.js';

/** The VCS fields of a snapshot, camelCase on the TypeScript side. */
export const VcsContextSchema = z.object({
  headSha: z.string().optional(),
  baseSha: z.string().optional(),
  provider: z.string().optional(),
  headRepoName: z.string().optional(),
  baseRepoName: z.string().optional(),
  headRef: z.string().optional(),
  baseRef: z.string().optional(),
  prNumber: z.number().int().optional(),
});
export type VcsContext = z.infer<typeof VcsContextSchema>;
export type VcsField = keyof VcsContext;

export const vcsFields = vcsOptionKeys satisfies readonly VcsField[];

/** The single place where the camelCase context meets the manifest's snake_case names. */
export const vcsWireNames = {
  headSha: 'head_sha',
  baseSha: 'base_sha',
  provider: 'provider',
  headRepoName: 'head_repo_name',
  baseRepoName: 'base_repo_name',
  headRef: 'head_ref',
  baseRef: 'base_ref',
  prNumber: 'pr_number',
} as const satisfies Record<VcsField, string>;
