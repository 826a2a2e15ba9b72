// An error the tab API answers with its status and message (the message is for the user).
export class HttpError extends Error {
  constructor(readonly status: number, message: string, readonly body: Record<string, unknown> = {}) {
    super(message);
  }
}
