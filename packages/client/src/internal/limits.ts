// How long the texts an error carries may be.

/** The longest message an error has (a server's 20 MB message must not become a 20 MB `error.message`). */
export const MAX_MESSAGE = 500;
/** The longest `ZuoraError.body`. */
export const MAX_BODY = 8192;

/** `text`, or its first `max - 1` characters and an ellipsis. */
export const clip = (text: string, max: number): string => (text.length > max ? `${text.slice(0, max - 1)}…` : text);
