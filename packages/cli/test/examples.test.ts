import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { UploadResultSchema } from '@sentry-snapshots/core/contract';
import { startEmulator } from '@sentry-snapshots/emulator';
import { writePng } from '@sentry-snapshots/test-kit/images';
import { makeTempDir } from '@sentry-snapshots/test-kit/temp-dir';
import { useTestEmulator } from '@sentry-snapshots/test-kit/test-emulator';
import { describe, expect, it } from 'vitest';

// Each example in examples/<tool>/ against the emulator: a folder laid out exactly as the tool lays
// it out (file names, nesting, sidecars as the tool writes them), and the upload commands taken
// from the example's README, so the docs cannot drift from what works.

const examplesDir = fileURLToPath(new URL('../../../examples/', import.meta.url));
const testbed = useTestEmulator(startEmulator);

/** What Sentry shows of an image: its name, and the display name and group its sidecar gave. */
type Shown = { display_name?: string; group?: string };

interface ExampleCase {
  folder: string;
  /** Writes the tool's output below `root`, the project folder the README's commands run in. */
  layout(root: string): Promise<void>;
  /**
   * For each command of the README that makes a snapshot (an upload, or a finalize of the shards
   * stored before it), in order: every image name and what Sentry shows of it.
   */
  expected: Record<string, Shown>[];
}

let seed = 1;
const png = (root: string, path: string) =>
  writePng(join(root, path), { width: 36, height: 64, seed: seed++ });

async function writeText(root: string, path: string, text: string): Promise<void> {
  await mkdir(dirname(join(root, path)), { recursive: true });
  await writeFile(join(root, path), text);
}

/** JSON as Swift's JSONEncoder writes it with `.prettyPrinted, .sortedKeys`: ` : `, and `/` escaped. */
function swiftJson(value: Record<string, unknown>): string {
  const sorted = Object.fromEntries(Object.entries(value).sort(([a], [b]) => (a < b ? -1 : 1)));
  return JSON.stringify(sorted, null, 2).replaceAll('": ', '" : ').replaceAll('/', '\\/');
}

/** A SnapshotPreviews export pair: `<base>.png` and the sidecar its CI export coordinator writes. */
async function snapshotPreview(
  root: string,
  folder: string,
  preview: { fileId: string; typeName: string; name: string; index: number; device: string; line: number },
): Promise<void> {
  const base = `${preview.fileId.replace(/[^A-Za-z0-9._-]+/g, '_')}_${preview.name}`;
  await png(root, `${folder}/${base}.png`);
  await writeText(
    root,
    `${folder}/${base}.json`,
    swiftJson({
      base_file_name: base,
      test_name: '-[AppSnapshotTest testPreview]',
      type_name: preview.typeName,
      type_display_name: preview.typeName
        .split('.')
        .at(-1)
        ?.replace(/_Previews$/, ''),
      file_id: preview.fileId,
      line: preview.line,
      preview_display_name: preview.name,
      preview_index: preview.index,
      preview_id: String(preview.index),
      orientation: 'portrait',
      simulator_device_name: preview.device,
      simulator_model_identifier: preview.device.startsWith('iPad') ? 'iPad16,3' : 'iPhone17,3',
      accessibility_enabled: false,
      color_scheme: 'light',
      image_file_name: base,
      display_name: preview.name,
      group: preview.fileId,
    }),
  );
}

const previews = [
  {
    fileId: 'DemoModule/RowView.swift',
    typeName: 'DemoModule.RowView_Previews',
    name: 'Default',
    index: 0,
    line: 40,
  },
  {
    fileId: 'DemoModule/ProductCard.swift',
    typeName: 'DemoModule.ProductCard_Previews',
    name: 'Dark',
    index: 1,
    line: 88,
  },
];

const examples: ExampleCase[] = [
  {
    folder: 'playwright',
    async layout(root) {
      await writeText(root, 'tests/home.spec.ts', "import { test } from '@playwright/test';\n");
      await png(root, 'tests/home.spec.ts-snapshots/home-page-chromium-linux.png');
      await png(root, 'tests/home.spec.ts-snapshots/home-page-webkit-linux.png');
      await writeText(root, 'tests/checkout/cart.spec.ts', "import { test } from '@playwright/test';\n");
      await png(root, 'tests/checkout/cart.spec.ts-snapshots/empty-cart-chromium-linux.png');
      await png(root, 'screenshots/home/shows the hero.png');
      await png(root, 'screenshots/checkout/cart/lists the items.png');
    },
    expected: [
      {
        'home.spec.ts-snapshots/home-page-chromium-linux.png': {},
        'home.spec.ts-snapshots/home-page-webkit-linux.png': {},
        'checkout/cart.spec.ts-snapshots/empty-cart-chromium-linux.png': {},
      },
      { 'home/shows the hero.png': {}, 'checkout/cart/lists the items.png': {} },
    ],
  },
  {
    folder: 'storybook',
    async layout(root) {
      for (const story of [
        { id: 'example-button--primary', title: 'Example/Button', name: 'Primary' },
        { id: 'example-header--logged-in', title: 'Example/Header', name: 'Logged In' },
      ]) {
        await png(root, `__screenshots__/${story.id}.png`);
        const sidecar = { display_name: `${story.title}: ${story.name}`, group: story.title };
        await writeText(root, `__screenshots__/${story.id}.json`, JSON.stringify(sidecar));
      }
    },
    expected: [
      {
        'example-button--primary.png': { display_name: 'Example/Button: Primary', group: 'Example/Button' },
        'example-header--logged-in.png': {
          display_name: 'Example/Header: Logged In',
          group: 'Example/Header',
        },
      },
    ],
  },
  {
    folder: 'cypress',
    async layout(root) {
      await png(root, 'cypress/screenshots/login.cy.ts/Login -- shows the form.png');
      await png(root, 'cypress/screenshots/login.cy.ts/login/empty-form.png');
      await png(root, 'cypress/screenshots/checkout/cart.cy.ts/cart-with-items.png');
    },
    expected: [
      {
        'login.cy.ts/Login -- shows the form.png': {},
        'login.cy.ts/login/empty-form.png': {},
        'checkout/cart.cy.ts/cart-with-items.png': {},
      },
    ],
  },
  {
    folder: 'paparazzi',
    async layout(root) {
      await png(root, 'app/src/test/snapshots/images/com.example.app_LoginScreenTest_emptyForm.png');
      await png(root, 'app/src/test/snapshots/images/com.example.app_LoginScreenTest_emptyForm_dark.png');
      await png(root, 'app/src/test/snapshots/images/com.example.app.settings_SettingsTest_default.png');
    },
    expected: [
      {
        'com.example.app_LoginScreenTest_emptyForm.png': {},
        'com.example.app_LoginScreenTest_emptyForm_dark.png': {},
        'com.example.app.settings_SettingsTest_default.png': {},
      },
    ],
  },
  {
    folder: 'roborazzi',
    async layout(root) {
      await png(root, 'app/build/outputs/roborazzi/com.example.app.MainActivityTest.showsGreeting.png');
      await png(
        root,
        'app/build/outputs/roborazzi/com.example.app.settings.SettingsScreenTest.darkTheme.png',
      );
    },
    expected: [
      {
        'com.example.app.MainActivityTest.showsGreeting.png': {},
        'com.example.app.settings.SettingsScreenTest.darkTheme.png': {},
      },
    ],
  },
  {
    folder: 'android-multi-module',
    async layout(root) {
      await png(root, 'app/build/outputs/roborazzi/com.acme.app.HomeTest.home.png');
      await png(root, 'feature/login/build/outputs/roborazzi/com.acme.login.LoginTest.home.png');
      await png(root, 'feature/settings/build/outputs/roborazzi/com.acme.settings.SettingsTest.dark.png');
    },
    expected: [
      {
        'app/com.acme.app.HomeTest.home.png': {},
        'login/com.acme.login.LoginTest.home.png': {},
        'settings/com.acme.settings.SettingsTest.dark.png': {},
      },
      {
        'app/com.acme.app.HomeTest.home.png': {},
        'login/com.acme.login.LoginTest.home.png': {},
      },
    ],
  },
  {
    folder: 'swift-snapshot-testing',
    async layout(root) {
      await writeText(root, 'Tests/AppTests/LoginViewTests.swift', 'import SnapshotTesting\n');
      await png(root, 'Tests/AppTests/__Snapshots__/LoginViewTests/testEmptyForm.1.png');
      await png(root, 'Tests/AppTests/__Snapshots__/LoginViewTests/testEmptyForm.2.png');
      await png(root, 'Tests/AppTests/__Snapshots__/LoginViewTests/testEmptyForm.iPhone-SE.png');
      await png(root, 'Tests/AppTests/__Snapshots__/SettingsViewTests/testDarkMode.1.png');
    },
    expected: [
      {
        'LoginViewTests/testEmptyForm.1.png': {},
        'LoginViewTests/testEmptyForm.2.png': {},
        'LoginViewTests/testEmptyForm.iPhone-SE.png': {},
        'SettingsViewTests/testDarkMode.1.png': {},
      },
    ],
  },
  {
    folder: 'snapshot-previews',
    async layout(root) {
      for (const [folder, device] of [
        ['snapshots/iphone', 'iPhone 16'],
        ['snapshots/ipad', 'iPad Pro 13-inch (M4)'],
      ] as const) {
        for (const preview of previews) await snapshotPreview(root, folder, { ...preview, device });
      }
    },
    expected: ['iphone', 'ipad'].map(() => ({
      'DemoModule_RowView.swift_Default.png': { display_name: 'Default', group: 'DemoModule/RowView.swift' },
      'DemoModule_ProductCard.swift_Dark.png': {
        display_name: 'Dark',
        group: 'DemoModule/ProductCard.swift',
      },
    })),
  },
];

/**
 * The README's `npx sentry-snapshots upload …` and `finalize …` commands (a trailing `\` continues a
 * line), as arguments.
 */
function readUploadCommands(readme: string): string[][] {
  const blocks = [...readme.matchAll(/```sh\n([\s\S]*?)```/g)].map(([, body]) => body ?? '');
  const lines = blocks.flatMap((body) => body.replace(/\\\n\s*/g, ' ').split('\n'));
  return lines
    .map((line) => line.trim())
    .filter((line) => /^npx sentry-snapshots (upload|finalize) /.test(line))
    .map((line) => {
      // Plain words only: quoting or variables would need a shell the test does not run.
      if (/["'$`\\]/.test(line)) throw new Error(`not a plain command: ${line}`);
      return line.split(/\s+/).slice(2);
    });
}

async function readShownImages(artifactId: string): Promise<Record<string, Shown>> {
  const response = await fetch(
    `${testbed.emulator.url}/api/0/organizations/acme/preprodartifacts/snapshots/${artifactId}/`,
    { headers: { Authorization: `Bearer ${testbed.emulator.token}` } },
  );
  expect(response.status).toBe(200);
  const detail = (await response.json()) as { images: (Shown & { image_file_name: string })[] };
  return Object.fromEntries(
    detail.images.map((image) => [
      image.image_file_name,
      {
        ...(image.display_name == null ? {} : { display_name: image.display_name }),
        ...(image.group == null ? {} : { group: image.group }),
      },
    ]),
  );
}

describe.each(examples)('examples/$folder', (example) => {
  it("uploads the tool's output with the README's command, names and groups as the tool gave them", async () => {
    const readme = await readFile(join(examplesDir, example.folder, 'README.md'), 'utf8');
    const commands = readUploadCommands(readme);
    const root = await makeTempDir('example-');
    await example.layout(root);
    const shown: Record<string, Shown>[] = [];
    for (const args of commands) {
      // A finalize takes its app id from the shards it merges.
      if (args[0] === 'upload') expect(args).toContain('--app-id');
      const run = await testbed.cli([...args, '--json'], { cwd: root });
      expect(run.code, run.stderr).toBe(0);
      // A shard stores its images; the finalize after it makes the snapshot.
      if (args.includes('--shard-out')) continue;
      const result = UploadResultSchema.parse(JSON.parse(run.stdout));
      expect(result.images.skippedFiles).toEqual([]);
      expect(result.images.ignoredSidecars).toEqual([]);
      shown.push(await readShownImages(result.artifactId ?? ''));
    }
    expect(shown).toEqual(example.expected);
  });
});

describe('examples/README.md', () => {
  it('lists every example folder', async () => {
    const index = await readFile(join(examplesDir, 'README.md'), 'utf8');
    for (const { folder } of examples) expect(index).toContain(`\`${folder}/\``);
  });
});

describe('readUploadCommands', () => {
  it('joins continued lines and refuses what needs a shell', () => {
    const readme = '```sh\nnpx sentry-snapshots upload a \\\n  --app-id b\nnpm test\n```\n';
    expect(readUploadCommands(readme)).toEqual([['upload', 'a', '--app-id', 'b']]);
    expect(() => readUploadCommands('```sh\nnpx sentry-snapshots upload "$DIR" --app-id b\n```\n')).toThrow();
  });
});
