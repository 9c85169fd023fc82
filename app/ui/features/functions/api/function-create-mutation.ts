import { useMutation, useQueryClient } from '@tanstack/react-query';
import { functionSchema, functionVersionSchema } from '../../../../shared/api-schemas.ts';
import { assetFriendlyName } from '../../../../shared/assets.ts';
import { baseName } from '../../../../shared/paths.ts';
import { api, uploadVersion } from '../../../lib/api-client.ts';
import { filesKey, filesPath } from '../../../lib/files.ts';
import type { NewFunction } from '../components/new-function-form.tsx';

/**
 * A Function named after its path and its first version (the code, uploaded multipart like an
 * asset). A function whose first version is refused is deleted again, so nothing half-made stays.
 */
export function useFunctionCreateMutation(serviceSid: string) {
  const queryClient = useQueryClient();
  const functions = filesPath(serviceSid, 'function');
  return useMutation({
    mutationFn: async ({ path, visibility, code }: NewFunction) => {
      const { sid } = await api.post(functions, functionSchema, { FriendlyName: assetFriendlyName(path) });
      const content = new Blob([code], { type: 'application/javascript' });
      const upload = { Path: path, Visibility: visibility, Content: content, filename: `${baseName(path)}.js` };
      return uploadVersion(`${functions}/${sid}/Versions`, upload, functionVersionSchema, () => undefined).catch(
        async (error: unknown) => {
          await api.delete(`${functions}/${sid}`).catch(() => undefined);
          throw error;
        },
      );
    },
    onSuccess: () => queryClient.invalidateQueries({ queryKey: filesKey(serviceSid, 'function') }),
    meta: { handlesErrors: true },
  });
}
