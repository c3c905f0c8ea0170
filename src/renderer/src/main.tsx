import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { installApi } from './api/bridge';
import { createBrowserApi } from './api/browser-transport';
import { connectEvents } from './api/queries';
import { App } from './app';
import './styles.css';

async function start(): Promise<void> {
  const root = createRoot(document.getElementById('root') as HTMLElement);
  try {
    // Browser mode exposes the same named API the Electron preload does.
    window.smsDesk ??= await createBrowserApi();
    installApi(window.smsDesk);
  } catch (error) {
    root.render(<p className="loading">{error instanceof Error ? error.message : 'SMS Desk could not connect.'}</p>);
    return;
  }
  const client = new QueryClient({
    // Main pushes changes as events; polling on focus would only keep an idle desk awake.
    defaultOptions: { queries: { refetchOnWindowFocus: false, retry: false, staleTime: 30_000 } },
  });
  connectEvents(client);
  root.render(
    <StrictMode>
      <QueryClientProvider client={client}>
        <App />
      </QueryClientProvider>
    </StrictMode>,
  );
}

void start();
