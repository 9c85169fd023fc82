import { useSyncExternalStore } from 'react';

/** A tiny history router: the editor has two screens (services, a service's editor). */
const subscribe = (onChange: () => void) => {
  window.addEventListener('popstate', onChange);
  return () => window.removeEventListener('popstate', onChange);
};

export function usePathname(): string {
  return useSyncExternalStore(subscribe, () => window.location.pathname);
}

export function navigate(path: string): void {
  if (window.location.pathname === path) return;
  window.history.pushState(null, '', path);
  window.dispatchEvent(new PopStateEvent('popstate'));
}

/** The route for a pathname. */
export type Route = { name: 'services' } | { name: 'editor'; serviceSid: string };

export function matchRoute(pathname: string): Route {
  const editor = /^\/services\/([^/]+)\/?$/.exec(pathname);
  if (editor) return { name: 'editor', serviceSid: decodeURIComponent(editor[1]!) };
  return { name: 'services' };
}
