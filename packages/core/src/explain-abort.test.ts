import { describe, expect, it } from 'vitest';
import { SnapshotsError } from './errors.js';
import { explainAbort } from './explain-abort.js';

const explain = (cause: unknown) => new SnapshotsError('ABORTED', 'The wait was interrupted.', { cause });

describe('explainAbort', () => {
  it("turns what an aborted step throws (the signal's own reason) into the one ABORTED error", async () => {
    const signal = AbortSignal.abort(new Error('Interrupted (SIGINT)'));
    const error = await explainAbort(signal, explain, async () => signal.throwIfAborted()).catch((e) => e);
    expect(error).toMatchObject({ code: 'ABORTED', message: 'The wait was interrupted.' });
    expect(error.cause).toBe(signal.reason);
  });

  it('leaves failures alone while the signal has not aborted', async () => {
    const failure = new SnapshotsError('SERVER_ERROR', 'Sentry answered 500.');
    const signal = new AbortController().signal;
    await expect(explainAbort(signal, explain, () => Promise.reject(failure))).rejects.toBe(failure);
    await expect(explainAbort(undefined, explain, async () => 'done')).resolves.toBe('done');
  });
});
