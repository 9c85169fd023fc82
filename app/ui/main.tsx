import { QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app.tsx';
import { sessionKeys } from './features/sign-in/api/keys.ts';
import { createQueryClient } from './lib/query-client.ts';
import './styles/tokens.css';
import './styles/global.css';

const queryClient = createQueryClient(() => queryClient.setQueryData(sessionKeys.current, null));

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <App />
    </QueryClientProvider>
  </StrictMode>,
);
