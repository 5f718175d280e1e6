import { CodeSnippet, CopyTextButton } from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import type { Remediation, RemediationSnippet } from '../../api';

/** highlight.js has no HCL grammar: Terraform is shown as plain text. */
const HIGHLIGHT_LANGUAGES: Record<RemediationSnippet['language'], string> = {
  shell: 'bash',
  hcl: 'plaintext',
  yaml: 'yaml',
  json: 'json',
};

function Snippet(props: { snippet: RemediationSnippet }) {
  const { snippet } = props;
  return (
    <Box component="section" aria-label={`${snippet.title} snippet`} mt={1}>
      <Box display="flex" alignItems="center" justifyContent="space-between">
        <Typography variant="subtitle2" component="h5">
          {snippet.title}
        </Typography>
        <CopyTextButton
          text={snippet.code}
          aria-label={`Copy ${snippet.title} snippet`}
        />
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
  if (steps.length === 0 && snippets.length === 0) return null;
  return (
    <Box mt={2}>
      <Typography variant="subtitle1" component="h4">
        How to fix
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
