import { Cell, Flex, Text } from '@backstage/ui';
import type { EntityVerdict } from 'backstage-plugin-eks-encryption-common';
import { useFormatters } from '../shared/format';
import { VerdictLabel } from '../shared/StatusLabel';

/** Long values (ids, names) break anywhere rather than widen the table. */
export const WRAP = { overflowWrap: 'anywhere' } as const;

/**
 * The cluster's name (its ARN on hover), with where it runs on a second
 * line: one column instead of four keeps the table inside its card.
 */
export function ClusterNameCell(props: {
  name: string;
  arn: string;
  accountId: string;
  region: string;
  environment?: string;
}) {
  const { t } = useFormatters();
  const { name, arn, accountId, region, environment } = props;
  return (
    <Cell>
      <Flex direction="column" gap="1">
        <Text
          as="span"
          variant="body-medium"
          weight="bold"
          title={arn}
          style={WRAP}
        >
          {name}
        </Text>
        <Text as="span" variant="body-small" style={WRAP}>
          {t('orgPage.clusters.location', {
            account: accountId,
            region,
            environment: environment ?? t('common.notTagged'),
          })}
        </Text>
      </Flex>
    </Cell>
  );
}

/** The verdict in words, the grade below it. */
export function VerdictGradeCell(props: {
  verdict: EntityVerdict;
  grade: string;
}) {
  return (
    <Cell>
      <Flex direction="column" gap="1" align="start">
        <VerdictLabel verdict={props.verdict} />
        <Text as="span" variant="body-small">
          {props.grade}
        </Text>
      </Flex>
    </Cell>
  );
}
