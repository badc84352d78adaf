import { shownValue } from '../schemas/shown-value.js';

/** `Invalid <name> "<value>": <reason>`, in the words of whoever names the option. */
export function invalidOptionMessage(name: string, details: { reason: string; value?: unknown }): string {
  const shown = details.value === undefined || details.value === '' ? '' : ` ${shownValue(details.value)}`;
  return `Invalid ${name}${shown}: ${details.reason}`;
}
