// What the plugin's English texts show for each verdict and check status.

/** Entity verdicts, worst first (the order the tables sort by). */
export const VERDICT_LABELS = {
  'non-compliant': 'Non-compliant',
  error: 'Evaluation error',
  incomplete: 'Incomplete',
  'not-evaluated': 'Not evaluated',
  compliant: 'Compliant',
};

export const STATUS_LABELS = {
  pass: 'Pass',
  fail: 'Fail',
  warn: 'Warning',
  unknown: 'Unknown',
  'not-applicable': 'Not applicable',
};
