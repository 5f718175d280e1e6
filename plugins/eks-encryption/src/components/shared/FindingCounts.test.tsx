import { renderInTestApp } from '@backstage/test-utils';
import { screen } from '@testing-library/react';
import { FindingCounts, totalFindings } from './FindingCounts';

const counts = { critical: 2, high: 1, medium: 0, low: 1234 };

describe('FindingCounts', () => {
  it('names each severity with open findings, most severe first', async () => {
    const { container } = await renderInTestApp(
      <FindingCounts counts={counts} />,
    );
    expect(container.textContent).toContain(
      'Critical 2\u00a0· High 1\u00a0· Low 1,234',
    );
    expect(screen.queryByText(/Medium/)).not.toBeInTheDocument();
  });

  it('says "None" without open findings', async () => {
    await renderInTestApp(
      <FindingCounts counts={{ critical: 0, high: 0, medium: 0, low: 0 }} />,
    );
    expect(screen.getByText('None')).toBeInTheDocument();
  });

  it('adds up the findings', () => {
    expect(totalFindings(counts)).toBe(1237);
  });
});
