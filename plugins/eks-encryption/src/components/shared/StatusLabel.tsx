import { Text, type TextColorStatus, type TextVariants } from '@backstage/ui';
import {
  RiAlertFill,
  RiCheckboxCircleFill,
  RiCloseCircleFill,
  RiErrorWarningFill,
  RiIndeterminateCircleFill,
  RiQuestionFill,
  RiTimeFill,
  type RemixiconComponentType,
} from '@remixicon/react';
import type {
  CheckStatus,
  EntityVerdict,
} from 'backstage-plugin-eks-encryption-common';
import { useFormatters } from './format';

interface StatusIcon {
  Icon: RemixiconComponentType;
  /** Hue of the icon only: BUI's status hues are too light for body text. */
  color: TextColorStatus | 'secondary';
}

const VERDICT_ICONS: Record<EntityVerdict, StatusIcon> = {
  compliant: { Icon: RiCheckboxCircleFill, color: 'success' },
  'non-compliant': { Icon: RiCloseCircleFill, color: 'danger' },
  incomplete: { Icon: RiErrorWarningFill, color: 'warning' },
  error: { Icon: RiAlertFill, color: 'danger' },
  'not-evaluated': { Icon: RiTimeFill, color: 'secondary' },
};

const CHECK_STATUS_ICONS: Record<CheckStatus, StatusIcon> = {
  pass: { Icon: RiCheckboxCircleFill, color: 'success' },
  fail: { Icon: RiCloseCircleFill, color: 'danger' },
  warn: { Icon: RiErrorWarningFill, color: 'warning' },
  unknown: { Icon: RiQuestionFill, color: 'secondary' },
  'not-applicable': { Icon: RiIndeterminateCircleFill, color: 'secondary' },
};

/** Text size of a status label; body text by default. */
export type StatusLabelVariant = TextVariants;

/**
 * A decorative status icon followed by its text. The text keeps the default
 * colour, which meets WCAG AA on every BUI surface in both themes; the hue
 * and the icon's shape only repeat what the text says.
 */
function StatusText(
  props: StatusIcon & {
    status: string;
    label: string;
    variant?: StatusLabelVariant;
  },
) {
  const { Icon, color, status, label, variant = 'body-medium' } = props;
  return (
    // Labels such as "Non-compliant" must not wrap inside narrow table cells.
    // `data-status` lets the end-to-end checks find every status shown.
    <span
      data-status={status}
      style={{
        display: 'inline-flex',
        alignItems: 'center',
        gap: 'var(--bui-space-1)',
        whiteSpace: 'nowrap',
        verticalAlign: 'middle',
      }}
    >
      <Text as="span" color={color} aria-hidden style={{ display: 'flex' }}>
        <Icon size="1.2em" aria-hidden focusable={false} />
      </Text>
      <Text as="span" variant={variant}>
        {label}
      </Text>
    </span>
  );
}

/** Icon and label of an entity or cluster verdict. */
export function VerdictLabel(props: {
  verdict: EntityVerdict;
  variant?: StatusLabelVariant;
}) {
  const { verdict } = useFormatters();
  return (
    <StatusText
      {...VERDICT_ICONS[props.verdict]}
      status={props.verdict}
      label={verdict(props.verdict)}
      variant={props.variant}
    />
  );
}

/** Icon and label of a check status. */
export function CheckStatusLabel(props: {
  status: CheckStatus;
  variant?: StatusLabelVariant;
}) {
  const { checkStatus } = useFormatters();
  return (
    <StatusText
      {...CHECK_STATUS_ICONS[props.status]}
      status={props.status}
      label={checkStatus(props.status)}
      variant={props.variant}
    />
  );
}
