import { InputError } from '@backstage/errors';

/** Opaque keyset cursor: the last key of the previous page. */
export function encodeCursor(lastKey: string): string {
  return Buffer.from(JSON.stringify({ after: lastKey }), 'utf8').toString(
    'base64url',
  );
}

export function decodeCursor(cursor: string): string {
  try {
    const parsed: unknown = JSON.parse(
      Buffer.from(cursor, 'base64url').toString('utf8'),
    );
    if (
      typeof parsed === 'object' &&
      parsed !== null &&
      'after' in parsed &&
      typeof parsed.after === 'string'
    ) {
      return parsed.after;
    }
  } catch {
    // reported below
  }
  throw new InputError('Invalid cursor');
}
