import { eksEncryptionApiLimits } from 'backstage-plugin-eks-encryption-common';
import { InputError } from '@backstage/errors';

/** Largest page any listing returns: the API's limit, read from the spec. */
const MAX_PAGE_SIZE =
  eksEncryptionApiLimits.ListEntityScorecards.limit.maximum;

export function assertLimit(limit: number): void {
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_PAGE_SIZE) {
    throw new InputError(
      `limit must be an integer between 1 and ${MAX_PAGE_SIZE}`,
    );
  }
}

export function assertOffset(offset: number | undefined): void {
  if (offset !== undefined && (!Number.isInteger(offset) || offset < 0)) {
    throw new InputError('offset must be a non-negative integer');
  }
}
