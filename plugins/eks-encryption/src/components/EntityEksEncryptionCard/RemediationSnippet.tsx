import { useAnalytics } from '@backstage/frontend-plugin-api';
import { Box, ButtonIcon, Flex, Text, VisuallyHidden } from '@backstage/ui';
import { RiCheckLine, RiFileCopyLine } from '@remixicon/react';
import { useEffect, useState } from 'react';
import useCopyToClipboard from 'react-use/esm/useCopyToClipboard';
import type { RemediationSnippet as Snippet } from '../../api';
import { useEksTranslation } from '../shared/format';

/** How long the copy button shows that it copied. */
const COPIED_FEEDBACK_MS = 2000;

/** A titled command or configuration block with a button copying it. */
export function RemediationSnippet(props: { snippet: Snippet }) {
  const { snippet } = props;
  const { t } = useEksTranslation();
  const analytics = useAnalytics();
  const [, copyToClipboard] = useCopyToClipboard();
  const [copied, setCopied] = useState(false);

  useEffect(() => {
    if (!copied) return undefined;
    const timer = setTimeout(() => setCopied(false), COPIED_FEEDBACK_MS);
    return () => clearTimeout(timer);
  }, [copied]);

  const copy = () => {
    analytics.captureEvent('copy', snippet.title, {
      attributes: { language: snippet.language },
    });
    copyToClipboard(snippet.code);
    setCopied(true);
  };

  return (
    <Box
      as="section"
      aria-label={t('remediation.snippet', { title: snippet.title })}
      mt="3"
    >
      <Flex align="center" justify="between" gap="2" mb="1">
        <Text as="p" weight="bold">
          {snippet.title}
        </Text>
        <ButtonIcon
          variant="tertiary"
          size="small"
          aria-label={t('remediation.copySnippet', { title: snippet.title })}
          icon={
            copied ? (
              <RiCheckLine aria-hidden focusable={false} />
            ) : (
              <RiFileCopyLine aria-hidden focusable={false} />
            )
          }
          onPress={copy}
        />
      </Flex>
      <VisuallyHidden role="status">
        {copied ? t('remediation.copied', { title: snippet.title }) : ''}
      </VisuallyHidden>
      <Box bg="neutral" p="3" style={{ borderRadius: 'var(--bui-radius-2)' }}>
        {/* Long ARNs and commands wrap instead of scrolling the card sideways. */}
        <pre
          data-language={snippet.language}
          style={{
            margin: 0,
            whiteSpace: 'pre-wrap',
            overflowWrap: 'anywhere',
            fontFamily: 'var(--bui-font-monospace)',
            fontSize: 'var(--bui-font-size-2)',
            lineHeight: 1.5,
            color: 'var(--bui-fg-primary)',
          }}
        >
          <code>{snippet.code}</code>
        </pre>
      </Box>
    </Box>
  );
}
