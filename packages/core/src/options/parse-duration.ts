const unitMs = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 } as const;

/**
 * A duration as every frontend takes it: plain seconds (`90`, `1.5`) or with a unit (`500ms`,
 * `90s`, `10m`, `1h`). Milliseconds, or undefined when the text is not one.
 */
export function parseDuration(text: string): number | undefined {
  const match = /^(\d+(?:\.\d+)?|\.\d+)\s*(ms|s|m|h)?$/.exec(text.trim());
  if (!match) return undefined;
  return Math.round(Number(match[1]) * unitMs[(match[2] ?? 's') as keyof typeof unitMs]);
}
