import { renderInTestApp } from '@backstage/test-utils';
import { screen } from '@testing-library/react';
import { GradeChip } from './GradeChip';

describe('GradeChip', () => {
  it('shows the grade and the score', async () => {
    await renderInTestApp(<GradeChip grade="B" score={85} />);
    expect(screen.getByText('Grade B · 85/100')).toBeInTheDocument();
  });

  it('shows the grade alone without a score', async () => {
    await renderInTestApp(<GradeChip grade="C" score={null} />);
    expect(screen.getByText('Grade C')).toBeInTheDocument();
  });

  it('shows nothing before the first evaluation', async () => {
    await renderInTestApp(
      <div data-testid="holder">
        <GradeChip grade={null} score={null} />
      </div>,
    );
    expect(screen.getByTestId('holder')).toBeEmptyDOMElement();
  });
});
