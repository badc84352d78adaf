export type UploadPhase = 'discover' | 'hash' | 'check' | 'store' | 'create' | 'wait';

/** Emitted as work advances; `bytes` counts what was read (hash) or sent (store). */
export interface ProgressEvent {
  phase: UploadPhase;
  done: number;
  total: number;
  bytes: number;
}

export type ProgressListener = (event: ProgressEvent) => void;
