import { Flex, Skeleton, VisuallyHidden } from '@backstage/ui';

/** Placeholder lines while a section loads; `label` tells screen readers. */
export function LoadingLines(props: { label: string }) {
  return (
    <Flex direction="column" gap="2" aria-busy="true">
      <VisuallyHidden>{props.label}</VisuallyHidden>
      <Skeleton width="40%" height={20} />
      <Skeleton width="100%" height={32} />
      <Skeleton width="100%" height={32} />
    </Flex>
  );
}
