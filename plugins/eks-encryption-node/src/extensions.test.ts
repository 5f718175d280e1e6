import {
  eksEncryptionAwsSourceExtensionPoint,
  eksEncryptionChecksExtensionPoint,
} from './extensions';

describe('extension points', () => {
  it('keep their ids, which modules of the eks-encryption plugin depend on', () => {
    expect(eksEncryptionChecksExtensionPoint.id).toBe('eks-encryption.checks');
    expect(eksEncryptionAwsSourceExtensionPoint.id).toBe(
      'eks-encryption.aws-source',
    );
  });
});
