import '@backstage/cli/asset-types';
import ReactDOM from 'react-dom/client';
import App from './App';
// The plugin's cards are built with Backstage UI, whose styles the app loads once.
import '@backstage/ui/css/styles.css';

ReactDOM.createRoot(document.getElementById('root')!).render(<App />);
