import { describe, expect, it } from 'vitest';
import { CreateSnapshotResponseSchema } from './create-snapshot.js';
import { ArtifactIdSchema, parseArtifactIdOption } from './numeric-id.js';
import { OrganizationSchema } from './organization.js';
import { LatestBaseSchema, SnapshotDetailSchema } from './snapshot-detail.js';
import { UploadOptionsResponseSchema } from './upload-options.js';

describe('ArtifactIdSchema', () => {
  it.each([
    ['123', '123'],
    [123, '123'],
    [0, '0'],
    ['18446744073709551615', '18446744073709551615'],
  ])('takes %j as %j', (value, id) => {
    expect(ArtifactIdSchema.parse(value)).toBe(id);
  });

  it.each([
    [null, 'null'],
    [true, 'true'],
    [[], '[]'],
    [{}, '{}'],
    ['', '""'],
    ['12a', '"12a"'],
    ['/../../../x', '"/../../../x"'],
    [' 12', '" 12"'],
    ['１２', '"１２"'],
    [1.5, '1.5'],
    [-1, '-1'],
    [2 ** 53, '9007199254740992'],
    ['1'.repeat(21), `"${'1'.repeat(21)}"`],
  ])('refuses %j instead of coercing it', (value, shown) => {
    const issue = ArtifactIdSchema.safeParse(value).error?.issues[0];
    expect(issue?.message).toBe(`has an artifact id that is not a number: ${shown}`);
  });

  it('shows a hostile value escaped and cut short', () => {
    const message = ArtifactIdSchema.safeParse(`\u001b]0;owned\u0007\u009b2J${'x'.repeat(200)}`).error
      ?.issues[0]?.message;
    expect(message).toMatch(/^has an artifact id that is not a number: "\\u001b]0;owned\\u0007\\u009b2Jx+…$/);
    expect(message?.length).toBeLessThan(110);
    // biome-ignore lint/suspicious/noControlCharactersInRegex: the point is that none are left
    expect(message).not.toMatch(/[\u0000-\u001f\u007f-\u009f]/);
  });
});

describe('the answer schemas', () => {
  const detail = {
    app_id: 'web',
    image_count: 0,
    images: [],
    comparison_type: 'solo',
    comparison_state: null,
  };

  it('normalise numeric ids to strings', () => {
    expect(
      SnapshotDetailSchema.parse({ ...detail, head_artifact_id: 77, base_artifact_id: 70, project_id: 3 }),
    ).toMatchObject({ head_artifact_id: '77', base_artifact_id: '70', project_id: '3' });
    expect(LatestBaseSchema.parse({ id: 42, image_count: 0, images: [] }).head_artifact_id).toBe('42');
    expect(CreateSnapshotResponseSchema.parse({ artifactId: 5, snapshotMetricsId: '6' })).toMatchObject({
      artifactId: '5',
      snapshotMetricsId: '6',
    });
  });

  const schemas = {
    detail: SnapshotDetailSchema,
    latestBase: LatestBaseSchema,
    create: CreateSnapshotResponseSchema,
    organization: OrganizationSchema,
    uploadOptions: UploadOptionsResponseSchema,
  };
  const objectstore = { url: 'https://os.example', authToken: 'jwt' };

  it.each([
    ['detail', 'project_id', { ...detail, head_artifact_id: '1', project_id: 'p' }],
    [
      'detail',
      'base_artifact_id',
      { ...detail, head_artifact_id: '1', base_artifact_id: {}, project_id: '2' },
    ],
    ['detail', 'head_artifact_id', { ...detail, head_artifact_id: [], project_id: '2' }],
    ['latestBase', 'head_artifact_id', { head_artifact_id: '/../x', image_count: 0, images: [] }],
    ['latestBase', 'id', { id: true, image_count: 0, images: [] }],
    ['create', 'artifactId', { artifactId: null }],
    ['create', 'snapshotMetricsId', { artifactId: '1', snapshotMetricsId: 'x' }],
    ['organization', 'id', { id: {}, slug: 'acme' }],
    ['organization', 'slug', { id: '1', slug: 'acme\u001b[2J' }],
    [
      'uploadOptions',
      'objectstore.scopes.1.1',
      {
        objectstore: {
          ...objectstore,
          scopes: [
            ['org', '1'],
            ['project', '2/../3'],
          ],
        },
      },
    ],
  ] as const)('refuses a %s answer with a bad %s', (schema, field, answer) => {
    expect(schemas[schema].safeParse(answer).error?.issues[0]?.path.join('.')).toEqual(field);
  });

  it('says when the latest base names no id at all', () => {
    expect(LatestBaseSchema.safeParse({ image_count: 0, images: [] }).error?.issues[0]?.message).toBe(
      'has no artifact id (neither head_artifact_id nor id)',
    );
  });
});

describe('parseArtifactIdOption', () => {
  it('takes digits', () => {
    expect(parseArtifactIdOption('12345', 'snapshotId')).toBe('12345');
  });

  it.each(['', 'abc', '../1', '1/2', '-1', '1 '])('refuses %j as a usage error', (value) => {
    expect(() => parseArtifactIdOption(value, 'snapshotId')).toThrow(
      expect.objectContaining({
        code: 'INVALID_OPTION',
        option: 'snapshotId',
        message: `Invalid snapshotId${value === '' ? '' : ` ${JSON.stringify(value)}`}: must be a snapshot artifact id (digits)`,
      }),
    );
  });
});
