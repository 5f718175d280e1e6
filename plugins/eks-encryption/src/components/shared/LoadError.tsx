import { Alert } from '@backstage/ui';
import { ErrorDescription } from './ErrorDescription';

/** What a view shows when its data could not be loaded. */
export function LoadError(props: { title: string; error: Error }) {
  return (
    <Alert
      status="danger"
      icon
      title={props.title}
      description={<ErrorDescription error={props.error} />}
    />
  );
}
