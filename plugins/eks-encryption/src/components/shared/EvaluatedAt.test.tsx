import { renderInTestApp } from '@backstage/test-utils';
import { screen } from '@testing-library/react';
import { EvaluatedAt } from './EvaluatedAt';

const threeHoursAgo = () =>
  new Date(Date.now() - 3 * 60 * 60 * 1000).toISOString();

describe('EvaluatedAt', () => {
  it('says when the result was evaluated, the exact time on hover', async () => {
    const evaluatedAt = threeHoursAgo();
    const { container } = await renderInTestApp(
      <EvaluatedAt evaluatedAt={evaluatedAt} />,
    );
    expect(container).toHaveTextContent('Last evaluated 3 hours ago');
    const time = screen.getByText('3 hours ago');
    expect(time.tagName).toBe('TIME');
    expect(time).toHaveAttribute('dateTime', evaluatedAt);
    expect(time).toHaveAttribute(
      'title',
      new Date(evaluatedAt).toLocaleString(),
    );
  });

  it('drops the words in compact form', async () => {
    const { container } = await renderInTestApp(
      <EvaluatedAt evaluatedAt={threeHoursAgo()} compact />,
    );
    expect(container).toHaveTextContent(/^3 hours ago$/);
  });

  it('says when it was never evaluated', async () => {
    await renderInTestApp(<EvaluatedAt evaluatedAt={null} />);
    expect(screen.getByText('Never evaluated')).toBeInTheDocument();
  });

  it('says "Never" in compact form', async () => {
    await renderInTestApp(<EvaluatedAt evaluatedAt={null} compact />);
    expect(screen.getByText('Never')).toBeInTheDocument();
  });
});
