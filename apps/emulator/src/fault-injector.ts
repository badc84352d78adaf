/** One injected failure; it applies to the next `times` matching requests. */
export interface Fault {
  method?: string;
  /** A string matches when the request path (with query) contains it. */
  path: RegExp | string;
  status?: number;
  /** JSON-encoded unless a string; defaults to `{"detail":"Injected fault"}`. */
  body?: unknown;
  headers?: Record<string, string>;
  /** Destroys the socket without an answer, like a reset. */
  dropConnection?: boolean;
  /** Waits before answering; alone, it only delays the real answer. */
  delayMs?: number;
  times: number;
}

export interface FaultInjector {
  inject(fault: Fault): void;
  clear(): void;
  /** Faults with uses left. */
  readonly pending: number;
}

export class FaultList implements FaultInjector {
  readonly #faults: Fault[] = [];

  inject(fault: Fault): void {
    if (fault.times > 0) this.#faults.push({ ...fault });
  }

  clear(): void {
    this.#faults.length = 0;
  }

  get pending(): number {
    return this.#faults.length;
  }

  /** Finds the first fault for this request and uses it up once. */
  take(method: string, url: string): Fault | undefined {
    const index = this.#faults.findIndex(
      (fault) =>
        (fault.method === undefined || fault.method.toUpperCase() === method) &&
        (typeof fault.path === 'string' ? url.includes(fault.path) : fault.path.test(url)),
    );
    const fault = this.#faults[index];
    if (!fault) return undefined;
    fault.times -= 1;
    if (fault.times <= 0) this.#faults.splice(index, 1);
    return fault;
  }
}
