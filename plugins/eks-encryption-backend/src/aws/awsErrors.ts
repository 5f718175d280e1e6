import type {
  AwsAction,
  AwsFailure,
  AwsFailureKind,
  AwsLocation,
} from 'backstage-plugin-eks-encryption-node';

// AWS error codes by what they mean for a check. KMS errors arrive as KMSServiceException
// with the code in `name`, so classification reads `name`, never the class.
const ACCESS_DENIED = new Set([
  'AccessDeniedException',
  'AccessDenied',
  'UnauthorizedOperation',
  'UnauthorizedException',
  'AuthorizationErrorException',
  'AccessDeniedForDependencyException',
]);
const NOT_FOUND = new Set([
  'ResourceNotFoundException',
  'NotFoundException',
  'NotFound',
]);
const NO_CREDENTIALS = new Set([
  'CredentialsProviderError',
  'UnrecognizedClientException',
  'InvalidClientTokenId',
  'ExpiredTokenException',
  'ExpiredToken',
]);

/** An error as far as classification cares: AWS puts its error code in `name`. */
interface AwsErrorLike {
  name: string;
  message?: string;
}

function asAwsError(error: unknown): AwsErrorLike {
  if (error instanceof Error) return error;
  if (typeof error === 'object' && error !== null && 'name' in error) {
    const { name, message } = error as { name: unknown; message?: unknown };
    return {
      name: String(name),
      message: typeof message === 'string' ? message : undefined,
    };
  }
  return { name: 'Error', message: String(error) };
}

/** The message of anything thrown. */
export function messageOf(error: unknown): string {
  return asAwsError(error).message ?? asAwsError(error).name;
}

/** What an AWS error means for a check. */
export function classifyAwsError(error: unknown): AwsFailureKind {
  const { name } = asAwsError(error);
  if (ACCESS_DENIED.has(name)) return 'access-denied';
  if (NOT_FOUND.has(name)) return 'not-found';
  if (NO_CREDENTIALS.has(name)) return 'no-credentials';
  return 'failed';
}

/**
 * The failure an AWS error makes. `message` is the AWS error code and message
 * ("AccessDeniedException: User ... is not authorized ..."); the action, kind and
 * account are fields of their own, which the engine words as
 * "kms:GetKeyPolicy denied in account 111122223333".
 */
export function awsFailure(
  action: AwsAction,
  at: AwsLocation,
  error: unknown,
): AwsFailure {
  const { name, message } = asAwsError(error);
  return otherFailure(
    classifyAwsError(error),
    action,
    at,
    message ? `${name}: ${message}` : name,
  );
}

/** A failure that is not an AWS error: a snapshot gap, a bad answer, a bad reference. */
export function otherFailure(
  kind: AwsFailureKind,
  action: AwsAction,
  at: AwsLocation,
  message: string,
): AwsFailure {
  return {
    ok: false,
    kind,
    action,
    accountId: at.accountId,
    region: at.region,
    message,
  };
}

/** The failure when no credentials are configured for an account. */
export function noCredentialsFailure(
  action: AwsAction,
  at: AwsLocation,
  error: unknown,
): AwsFailure {
  return otherFailure(
    'no-credentials',
    action,
    at,
    `${messageOf(error).replace(/\.$/, '')}. To audit account ${
      at.accountId
    }, add it to the app config ` +
      'under `aws.accounts[]` with `accountId` and `roleName` (or set ' +
      '`aws.accountDefaults.roleName`), or run the backend with credentials of ' +
      '`aws.mainAccount` in that account.',
  );
}

/** Thrown into a call that outlived its deadline, so the failure says so. */
export class CallTimeoutError extends Error {
  constructor(timeoutMs: number) {
    super(`no answer within ${timeoutMs} ms; the call was aborted`);
    this.name = 'TimeoutError';
  }
}

/** Thrown by response mapping when an answer lacks what every such answer has. */
export class UnexpectedResponseError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UnexpectedResponse';
  }
}
