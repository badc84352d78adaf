import { describe, expect, it } from 'vitest';
import { comparisonFixture, uploadResultFixture } from '../test/report-fixtures.js';
import { collectActionOutputs } from './action-outputs.js';

describe('collectActionOutputs', () => {
  it('leaves the comparison outputs empty when the run did not wait', () => {
    const outputs = collectActionOutputs({
      upload: uploadResultFixture(),
      comparison: undefined,
      waitMs: undefined,
      waited: false,
    });
    expect(outputs).toMatchObject({
      'artifact-id': '123',
      'image-count': '3',
      'stored-count': '1',
      'reused-count': '2',
      'comparison-state': '',
      'changed-count': '',
    });
    expect(JSON.parse(outputs['result-json'] ?? '')).toEqual(uploadResultFixture());
  });

  it('adds the comparison, summarized when the whole detail would be too big for an output', () => {
    const small = collectActionOutputs({
      upload: uploadResultFixture(),
      comparison: comparisonFixture({ changed: ['a.png'], unchanged: ['b.png'] }),
      waitMs: 1,
      waited: true,
    });
    expect(small).toMatchObject({
      'comparison-state': 'success',
      'changed-count': '1',
      'unchanged-count': '1',
    });
    expect(JSON.parse(small['result-json'] ?? '').comparison).toMatchObject({
      changed_count: 1,
      unchanged: [{}],
    });

    const unchanged = Array.from({ length: 20_000 }, (_, i) => `screens/area-${i % 50}/screen-${i}.png`);
    const big = collectActionOutputs({
      upload: uploadResultFixture(),
      comparison: comparisonFixture({ changed: ['a.png'], unchanged }),
      waitMs: 1,
      waited: true,
    });
    const result = big['result-json'] ?? '';
    expect(result.length).toBeLessThan(900_000);
    expect(JSON.parse(result).comparison).toMatchObject({
      counts: { changed: 1, unchanged: 20_000 },
      names: { changed: ['a.png'] },
    });
  });
});
