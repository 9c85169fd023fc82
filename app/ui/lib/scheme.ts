/** Environment domains are served on the editor's own scheme (http locally, https behind a proxy). */
export function pageScheme(): 'http' | 'https' {
  return window.location.protocol === 'https:' ? 'https' : 'http';
}

/** The base URL of an environment, e.g. http://svc-1234.localhost:3000 */
export function environmentUrl(domainName: string): string {
  return `${pageScheme()}://${domainName}`;
}
