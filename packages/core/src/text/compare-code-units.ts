/** Code-unit order: the same on every machine and in every locale, unlike `localeCompare`. */
export function compareCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Sorts images (found, skipped, merged) by their name in code-unit order. */
export const byKey = (a: { key: string }, b: { key: string }): number => compareCodeUnits(a.key, b.key);
