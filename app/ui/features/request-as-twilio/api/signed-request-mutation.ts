import { useMutation } from '@tanstack/react-query';
import { signedRequestSchema, type ParamPair, type SignedRequestMethod } from '../../../../shared/signed-request.ts';
import { api } from '../../../lib/api-client.ts';

export interface SignedRequestInput {
  serviceSid: string;
  url: string;
  method: SignedRequestMethod;
  params: ParamPair[];
}

/**
 * Asks the server to send the request unsigned and signed as Twilio (it holds the Auth Token) and
 * to report both answers. Changes no server data, so nothing to invalidate.
 */
export function useSignedRequestMutation() {
  return useMutation({
    meta: { handlesErrors: true },
    mutationFn: ({ serviceSid, url, method, params }: SignedRequestInput) =>
      api.post(`/v1/Services/${serviceSid}/SignedRequests`, signedRequestSchema, {
        Url: url,
        Method: method,
        Parameters: JSON.stringify(params),
      }),
  });
}
