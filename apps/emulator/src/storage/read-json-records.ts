import { mkdir, readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';

/** Every `<number>.json` record of a storage folder, which is created when missing. */
export async function readJsonRecords<T>(dir: string): Promise<T[]> {
  await mkdir(dir, { recursive: true });
  const records: T[] = [];
  for (const name of await readdir(dir)) {
    if (!/^\d+\.json$/.test(name)) continue;
    records.push(JSON.parse(await readFile(join(dir, name), 'utf8')) as T);
  }
  return records;
}
