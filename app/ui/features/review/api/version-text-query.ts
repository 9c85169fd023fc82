import { queryOptions } from '@tanstack/react-query';
import { z } from 'zod';
import { api } from '../../../lib/api-client.ts';
import type { FileState } from '../build-diff.ts';
import { reviewKeys } from './keys.ts';

/** Larger files are not diffed in the browser: the review shows their sizes. */
export const MAX_DIFF_BYTES = 256 * 1024;

const functionContentSchema = z.object({ content: z.string() });

/** The text of one version, through the Content endpoints (assets: raw bytes; functions: JSON). */
export const versionTextQueryOptions = (serviceSid: string, file: FileState) =>
  queryOptions({
    queryKey: reviewKeys.text(serviceSid, file.kind, file.fileSid, file.versionSid),
    queryFn: async () => {
      const base = `/v1/Services/${serviceSid}/${file.kind === 'asset' ? 'Assets' : 'Functions'}/${file.fileSid}/Versions/${file.versionSid}/Content`;
      if (file.kind === 'function') return (await api.get(base, functionContentSchema)).content;
      return (await api.blob(base)).text();
    },
    staleTime: Infinity,
  });
