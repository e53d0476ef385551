// Errors a route throws; the server turns them into the API's `{errors: [...]}` envelope with the right status.

/** One entry of the API's error envelope (SDK RequestError). */
export interface WireError {
  type: string;
  message: string;
  field?: string;
  data?: unknown;
}

/** An error response: status plus the envelope entry. */
export class HttpFailure extends Error {
  constructor(
    readonly status: number,
    readonly wire: WireError,
  ) {
    super(wire.message);
  }
}

/** 404 `not-found`, the shape of the SDK smoke test. */
export function notFound(message = 'Resource not found'): HttpFailure {
  return new HttpFailure(404, { type: 'not-found', message, data: null });
}

/** 422 `input-validation` naming the offending field. */
export function invalid(field: string, message: string): HttpFailure {
  return new HttpFailure(422, { type: 'input-validation', message, field });
}

/** 400 `bad-request` (e.g. a destination function used as an insert function, TF issue #199). */
export function badRequest(message: string): HttpFailure {
  return new HttpFailure(400, { type: 'bad-request', message });
}
