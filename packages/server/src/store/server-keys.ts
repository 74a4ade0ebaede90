/**
 * Keys of the server itself, not of any partner: generated once and shared by every process that
 * opens the same store. Only keys whose disclosure with a database dump costs nothing beyond the
 * dump itself belong here (the cursor key: a cursor only moves within the caller's own list).
 * The key that seals webhook secrets never does; it comes from configuration.
 */
export interface ServerKeysPort {
  /**
   * The key called `name` (text, e.g. base64). When there is none yet, `candidate` becomes it;
   * of concurrent first callers one wins and all get its key.
   */
  ensure(name: string, candidate: string): Promise<string>;
}
