import { CodeSnippet, CopyTextButton } from '@backstage/core-components';
import { useAnalytics } from '@backstage/core-plugin-api';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import type { Remediation, RemediationSnippet } from '../../api';
import { useEksTranslation } from '../shared/format';

/** highlight.js has no HCL grammar: Terraform is shown as plain text. */
const HIGHLIGHT_LANGUAGES: Record<RemediationSnippet['language'], string> = {
  shell: 'bash',
  hcl: 'plaintext',
  yaml: 'yaml',
  json: 'json',
};

function Snippet(props: { snippet: RemediationSnippet }) {
  const { snippet } = props;
  const { t } = useEksTranslation();
  const analytics = useAnalytics();
  // The copy button handles presses itself and stops their propagation:
  // the capture phase still sees them.
  const captureCopy = () =>
    analytics.captureEvent('copy', snippet.title, {
      attributes: { language: snippet.language },
    });
  return (
    <Box
      component="section"
      aria-label={t('remediation.snippet', { title: snippet.title })}
      mt={1}
    >
      <Box display="flex" alignItems="center" justifyContent="space-between">
        <Typography variant="subtitle2" component="h5">
          {snippet.title}
        </Typography>
        <span
          onClickCapture={captureCopy}
          onKeyDownCapture={event => {
            if (!event.repeat && (event.key === 'Enter' || event.key === ' ')) {
              captureCopy();
            }
          }}
        >
          <CopyTextButton
            text={snippet.code}
            aria-label={t('remediation.copySnippet', { title: snippet.title })}
          />
        </span>
      </Box>
      <CodeSnippet
        text={snippet.code}
        language={HIGHLIGHT_LANGUAGES[snippet.language] ?? 'plaintext'}
        wrapLongLines
      />
    </Box>
  );
}

/** Console steps, then each snippet (AWS CLI, Terraform, eksctl, kubectl) with a copy button. */
export function RemediationView(props: { remediation: Remediation }) {
  const { steps, snippets } = props.remediation;
  const { t } = useEksTranslation();
  if (steps.length === 0 && snippets.length === 0) return null;
  return (
    <Box mt={2}>
      <Typography variant="subtitle1" component="h4">
        {t('remediation.heading')}
      </Typography>
      {steps.length > 0 && (
        <ol>
          {steps.map((step, index) => (
            <li key={index}>
              <Typography variant="body2">{step}</Typography>
            </li>
          ))}
        </ol>
      )}
      {snippets.map(snippet => (
        <Snippet key={snippet.title} snippet={snippet} />
      ))}
    </Box>
  );
}
