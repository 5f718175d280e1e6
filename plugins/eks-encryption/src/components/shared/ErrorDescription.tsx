import { Text } from '@backstage/ui';
import { ResponseError } from '@backstage/errors';

const WRAP_ANYWHERE = { overflowWrap: 'anywhere' } as const;

/**
 * The message of an error for an Alert's description; for a failed request,
 * also the reason the server gave, which its message leaves out.
 */
export function ErrorDescription(props: { error: Error }) {
  const { error } = props;
  const cause = ResponseError.is(error) ? error.cause.message : undefined;
  return (
    <>
      <Text as="p" style={WRAP_ANYWHERE}>
        {error.message}
      </Text>
      {cause && cause !== error.message && (
        <Text as="p" style={WRAP_ANYWHERE}>
          {cause}
        </Text>
      )}
    </>
  );
}
