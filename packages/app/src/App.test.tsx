import { render, screen } from '@testing-library/react';
import App from './App';

describe('App', () => {
  it('boots and renders the sign-in page', async () => {
    process.env = {
      NODE_ENV: 'test',
      APP_CONFIG: [
        {
          data: {
            app: { title: 'Test' },
            backend: { baseUrl: 'http://localhost:7007' },
            techdocs: {
              storageUrl: 'http://localhost:7007/api/techdocs/static/docs',
            },
          },
          context: 'test',
        },
      ] as unknown as string,
    };

    render(App.createRoot());

    // The app boots with every feature listed and asks for sign-in.
    expect(
      await screen.findByText(/Enter as a Guest User/, {}, { timeout: 20_000 }),
    ).toBeInTheDocument();
  }, 60_000);
});
