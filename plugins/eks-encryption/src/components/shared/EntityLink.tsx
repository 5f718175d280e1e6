import {
  useEntityPresentation,
  useEntityRefLink,
} from '@backstage/plugin-catalog-react';
import { Link, type LinkProps } from '@backstage/ui';

/**
 * A BUI link to an entity's catalog page, named as the catalog presents it.
 * Long names wrap anywhere rather than widen a narrow table.
 */
export function EntityLink(
  props: { entityRef: string; defaultKind?: string } & Pick<
    LinkProps,
    'variant' | 'weight'
  >,
) {
  const { entityRef, defaultKind, variant = 'body-medium', weight } = props;
  const entityLink = useEntityRefLink();
  const { primaryTitle } = useEntityPresentation(entityRef, { defaultKind });
  return (
    <Link
      href={entityLink(entityRef)}
      title={entityRef}
      variant={variant}
      weight={weight}
      // Inline, so that a following separator stays on the link's line.
      style={{ display: 'inline', overflowWrap: 'anywhere' }}
    >
      {primaryTitle}
    </Link>
  );
}
