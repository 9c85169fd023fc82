/** An error with the HTTP status and Twilio error code the API answers with. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: number,
    message: string,
  ) {
    super(message);
  }
}

export const badRequest = (message: string, code = 20001) => new ApiError(400, code, message);
export const notFound = (resource: string) =>
  new ApiError(404, 20404, `The requested resource ${resource} was not found`);
export const conflict = (message: string) => new ApiError(409, 20409, message);
export const tooLarge = (message: string) => new ApiError(413, 20413, message);
