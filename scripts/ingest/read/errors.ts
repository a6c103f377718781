/** A document that cannot be turned into text; the message is shown to the user as it is. */
export class ReadError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'ReadError';
  }
}
