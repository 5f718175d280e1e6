import { renderInTestApp } from '@backstage/test-utils';
import { screen } from '@testing-library/react';
import { CheckStatusLabel, VerdictLabel } from './StatusLabel';

describe('VerdictLabel', () => {
  it.each([
    ['compliant', 'Compliant'],
    ['non-compliant', 'Non-compliant'],
    ['incomplete', 'Incomplete'],
    ['error', 'Evaluation error'],
    ['not-evaluated', 'Not evaluated'],
  ] as const)('labels %s as "%s" with a hidden icon', async (verdict, text) => {
    const { container } = await renderInTestApp(
      <VerdictLabel verdict={verdict} />,
    );
    const label = screen.getByText(text);
    expect(label).toBeVisible();
    // The text keeps the default colour; only the icon carries a hue.
    expect(label).toHaveAttribute('data-color', 'primary');
    const icon = container.querySelector('svg');
    expect(icon).toHaveAttribute('aria-hidden', 'true');
    expect(icon?.closest('[aria-hidden="true"]')).not.toContainElement(label);
    // The end-to-end checks find every status shown by this attribute.
    expect(label.closest('[data-status]')).toHaveAttribute(
      'data-status',
      verdict,
    );
  });
});

describe('CheckStatusLabel', () => {
  it.each([
    ['pass', 'Pass'],
    ['fail', 'Fail'],
    ['warn', 'Warning'],
    ['unknown', 'Unknown'],
    ['not-applicable', 'Not applicable'],
  ] as const)('labels %s as "%s"', async (status, text) => {
    const { container } = await renderInTestApp(
      <CheckStatusLabel status={status} />,
    );
    expect(screen.getByText(text)).toHaveAttribute('data-color', 'primary');
    expect(container.querySelector('svg')).toHaveAttribute(
      'aria-hidden',
      'true',
    );
  });

  it('tells the statuses apart by icon, not only by hue', async () => {
    const { container: pass } = await renderInTestApp(
      <CheckStatusLabel status="pass" />,
    );
    const { container: fail } = await renderInTestApp(
      <CheckStatusLabel status="fail" />,
    );
    expect(pass.querySelector('path')?.getAttribute('d')).not.toEqual(
      fail.querySelector('path')?.getAttribute('d'),
    );
  });
});
