import { renderInTestApp } from '@backstage/test-utils';
import { act, fireEvent, screen } from '@testing-library/react';
import { StaleChip } from './StaleChip';

/** Focuses the chip as a keyboard user would, which opens its tooltip. */
async function focusWithKeyboard(element: HTMLElement) {
  fireEvent.keyDown(document.body, { key: 'Tab' });
  act(() => element.focus());
  return screen.findByRole('tooltip');
}

describe('StaleChip', () => {
  it('says "Stale" in words, with a hidden icon', async () => {
    const { container } = await renderInTestApp(<StaleChip />);
    expect(screen.getByText('Stale')).toBeInTheDocument();
    expect(screen.getByRole('img', { name: 'Stale' })).toBeInTheDocument();
    expect(container.querySelector('svg')).toHaveAttribute(
      'aria-hidden',
      'true',
    );
  });

  it('explains itself to keyboard users', async () => {
    await renderInTestApp(<StaleChip />);
    const chip = screen.getByRole('img', { name: 'Stale' });
    expect(chip).toHaveAttribute('tabindex', '0');
    expect(await focusWithKeyboard(chip)).toHaveTextContent(
      'Not read successfully recently: this is the last known result.',
    );
  });

  it('gives the reason when it is known', async () => {
    await renderInTestApp(<StaleChip reason="Evidence older than 3 h" />);
    const tooltip = await focusWithKeyboard(
      screen.getByRole('img', { name: 'Stale' }),
    );
    expect(tooltip).toHaveTextContent('Evidence older than 3 h');
  });
});
