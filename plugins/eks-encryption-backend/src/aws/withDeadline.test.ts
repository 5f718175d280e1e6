import { withDeadline } from './withDeadline';

describe('withDeadline', () => {
  it('passes the answer through', async () => {
    await expect(withDeadline(1000, async () => 'answer')).resolves.toBe(
      'answer',
    );
  });

  it('passes an error through', async () => {
    await expect(
      withDeadline(1000, async () => {
        throw new Error('denied');
      }),
    ).rejects.toThrow('denied');
  });

  it('aborts the signal and rejects at the deadline', async () => {
    let signal: AbortSignal | undefined;
    await expect(
      withDeadline(20, s => {
        signal = s;
        return new Promise<never>((_, reject) =>
          s.addEventListener('abort', () => reject(new Error('aborted'))),
        );
      }),
    ).rejects.toMatchObject({
      name: 'TimeoutError',
      message: 'no answer within 20 ms; the call was aborted',
    });
    expect(signal?.aborted).toBe(true);
  });

  it('settles even when the work ignores the signal', async () => {
    await expect(
      withDeadline(20, () => new Promise<never>(() => {})),
    ).rejects.toMatchObject({ name: 'TimeoutError' });
  });
});
