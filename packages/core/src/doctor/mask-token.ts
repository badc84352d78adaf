/** Enough of a token to tell which one is in use, never enough to use it: `sntrys_…wxyz`. */
export function maskToken(token: string): string {
  const prefix = /^(sntrys_|sntryu_)/.exec(token)?.[1] ?? '';
  return token.length <= 12 ? `${prefix}…` : `${prefix}…${token.slice(-4)}`;
}
