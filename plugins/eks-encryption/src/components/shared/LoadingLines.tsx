import { Flex, Skeleton, VisuallyHidden } from '@backstage/ui';

/**
 * Placeholder lines while a section loads: a status region whose hidden
 * `label` tells screen readers what is on its way.
 */
export function LoadingLines(props: { label: string; lines?: number }) {
  const { label, lines = 3 } = props;
  return (
    <Flex direction="column" gap="2" role="status" aria-busy="true">
      <VisuallyHidden>{label}</VisuallyHidden>
      <Skeleton width="40%" height={20} />
      {Array.from({ length: lines }, (_, i) => (
        <Skeleton key={i} width="100%" height={32} />
      ))}
    </Flex>
  );
}
