import { describe, expect, it } from 'vitest';
import { gitMetadataMode } from './vcs-options.js';

describe('gitMetadataMode', () => {
  it('reads git in CI by default, always when forced, never when turned off', () => {
    expect(gitMetadataMode({})).toBe('auto');
    expect(gitMetadataMode({ gitMetadata: true })).toBe('auto');
    expect(gitMetadataMode({ forceGitMetadata: true, gitMetadata: true })).toBe('force');
    expect(gitMetadataMode({ gitMetadata: false })).toBe('off');
  });
});
