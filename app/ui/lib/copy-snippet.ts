import { getAssetsSnippet } from '../../shared/snippets.ts';
import { toast } from '../components/toast-store.ts';

/**
 * Copies the line of function code that reads a private asset (Runtime.getAssets()) and says so.
 * Resolves to the line copied, or null when the clipboard refused.
 */
export async function copyGetAssetsSnippet(path: string, contentType: string): Promise<string | null> {
  const line = getAssetsSnippet(path, contentType);
  try {
    await navigator.clipboard.writeText(line);
  } catch {
    toast.error(`Could not use the clipboard; the line is ${line}`);
    return null;
  }
  toast.success(`Copied ${line}`);
  return line;
}
