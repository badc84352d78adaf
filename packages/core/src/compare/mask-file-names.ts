/**
 * The file each changed image's diff mask is written to, as sentry-cli names them: `a/b.jpg` →
 * `a/b.png`. PNG names claim theirs first; a later clash keeps its extension (`a/b.jpg.png`).
 */
export function maskFileNames(names: readonly string[]): Map<string, string> {
  const masks = new Map<string, string>();
  const taken = new Set<string>();
  for (const name of [...names].sort((a, b) => Number(!a.endsWith('.png')) - Number(!b.endsWith('.png')))) {
    let mask = name.replace(/\.[^./]+$/, '.png');
    if (taken.has(mask)) mask = `${name}.png`;
    taken.add(mask);
    masks.set(name, mask);
  }
  return masks;
}

/** The folder as the user wrote it, joined as sentry-cli shows it (`out/a.png`, `./diff-output/a.png`). */
export function joinShownPath(dir: string, name: string): string {
  return dir.endsWith('/') ? `${dir}${name}` : `${dir}/${name}`;
}
